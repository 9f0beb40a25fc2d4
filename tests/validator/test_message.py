"""Message rules: six steps present, channel length, placeholders, HTML, links, leader."""

from __future__ import annotations

import datetime as dt

from chain_support import sample_draft

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


def _length_findings(body: str, channel: str, length: str | None) -> list[str]:
    ctx = Context(today=CTX.today, notes="notes", facts=FACTS, length=length)
    found = check_message(Message(channel=channel, subject="Friday", body=body), ctx)  # type: ignore[arg-type]
    return [f.plain() for f in found if f.rule == "MSG_LENGTH"]


def test_a_chosen_length_is_held_with_its_slack() -> None:
    words = " ".join(["word"] * 69)  # a short chat is 60 words; 15% over it is 69
    assert _length_findings(words, "chat", "short") == []
    assert _length_findings(words + " more", "chat", "short") == [
        "The chat has 70 words; keep it to 60 or fewer. Shorten each part to its essentials."
    ]
    assert _length_findings(words + " more", "chat", None) == []  # without a chosen length: the hard limit, 120


def test_a_long_message_is_held_to_the_hard_limit_not_past_it() -> None:
    body = " ".join(["word"] * 251)  # a long email is 250 words, which is also the hard limit: no slack past it
    assert _length_findings(body, "email", "long") == [
        "The email has 251 words; keep it to 250 or fewer. Shorten each part to its essentials."
    ]


def test_talking_points_are_held_to_the_chosen_count_exactly() -> None:
    body = "\n".join(f"- point {i}" for i in range(7))
    assert _length_findings(body, "talking_points", "short") == [
        "The talking points have 7 lines; use at most 6. Merge or drop points until there are 6 or fewer."
    ]
    assert _length_findings(body, "talking_points", "medium") == []
    assert _length_findings(body, "talking_points", None) == []


def test_a_section_standing_in_the_message_as_written_is_not_missing() -> None:
    closing = "I'll show you the CI gate blocking a deploy without staging tests at our next 1:1."
    body = GOOD.replace("I'm committed to making this right, and ", "") + " " + closing
    message = Message(channel="email", subject="Friday", body=body)
    assert "MSG_MISSING_STEP" in [f.rule for f in check_message(message, CTX)]  # no draft: only the words
    draft = sample_draft(positive=closing, message=message)
    assert "MSG_MISSING_STEP" not in [f.rule for f in check_message(message, CTX, draft)]
