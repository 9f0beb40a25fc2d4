"""Message rules: six steps present, channel length, placeholders, HTML, links, leader."""

from __future__ import annotations

import datetime as dt

from assistant.domain.schema import Facts, Message
from assistant.validator.findings import Context
from assistant.validator.message import check_message

FACTS = Facts(
    what_happened="x", impact="y", cause="z", affected=[], leader_name="Dana", leader_role=None, already_done=[]
)
CTX = Context(today=dt.date(2026, 11, 27), notes="notes", facts=FACTS)
GOOD = (
    "Dana, I'm sorry about Friday's outage. I pushed the change without the staging tests; that was my call. "
    "I learned that skipping tests moves the risk onto customers. My plan: I will add a CI gate by 2026-12-11. "
    "I'm committed to making this right, and I'll update you on 2026-12-11 with the gate working."
)


def codes(body: str, channel: str = "email", ctx: Context = CTX) -> list[str]:
    return [f.rule for f in check_message(Message(channel=channel, subject="Friday", body=body), ctx)]  # type: ignore[arg-type]


def test_a_complete_message_passes() -> None:
    assert codes(GOOD) == []


def test_missing_steps_are_named() -> None:
    found = check_message(Message(channel="email", subject="", body="Dana, I'm sorry about Friday."), CTX)
    missing = {f.message for f in found if f.rule == "MSG_MISSING_STEP"}
    assert len(missing) == 5 and not any("'pain'" in m for m in missing)


def test_chat_over_120_words_is_too_long() -> None:
    assert "MSG_LENGTH" in codes(GOOD + " More words." * 40, channel="chat")
    assert "MSG_LENGTH" not in codes(GOOD, channel="chat")


def test_talking_points_over_eight_lines() -> None:
    body = "\n".join(f"- point {i}" for i in range(9))
    assert "MSG_LENGTH" in codes(body, channel="talking_points")


def test_placeholders_html_and_links_are_errors() -> None:
    found = codes("Dear [Name], <b>sorry</b> see https://evil.example/x " + GOOD)
    assert {"MSG_PLACEHOLDER", "MSG_HTML", "MSG_LINK"} <= set(found)


def test_leader_not_addressed_is_a_warning() -> None:
    found = check_message(Message(channel="email", subject="", body=GOOD.replace("Dana, ", "Hi, ")), CTX)
    assert [(f.rule, f.severity) for f in found] == [("MSG_LEADER", "warning")]
