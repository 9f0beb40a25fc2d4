"""The validator's plan-action rules (``assistant/validator/rules/plan.py``): owner, due date, measure, vague
actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from assistant.domain.schema import PlanAction
from assistant.validator.findings import Context, Finding
from assistant.validator.rules.plan import check_plan_action

TODAY = dt.date(2026, 11, 27)
CTX = Context(today=TODAY)


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# ----------------------------------------------------------------------- plan


def action(**update: Any) -> dict[str, Any]:
    base = {
        "action": "Add a second-signature step for refunds over $500",
        "owner": "me",
        "due": "2026-12-10",
        "measure": "Refund log shows two signatures on every refund over $500",
    }
    return {**base, **update}


def test_a_good_plan_action_is_clean_as_a_dict_and_as_a_plan_action() -> None:
    assert check_plan_action(action(), CTX) == []
    typed = PlanAction.model_validate({**action(), "due": dt.date(2026, 12, 10)})
    assert check_plan_action(typed, CTX) == []


@pytest.mark.parametrize(
    ("due", "fires"),
    [
        ("2026-11-27", True),  # today
        ("2026-11-28", False),  # tomorrow
        ("2027-03-27", False),  # 120 days
        ("2027-03-28", True),  # 121 days
        ("2027-02-30", True),  # not a date
        ("ASAP", True),
        (dt.date(2026, 12, 1), False),
    ],
)
def test_due_must_be_a_date_after_today_and_within_120_days(due: object, fires: bool) -> None:
    assert ("PLAN_DUE" in rules_of(check_plan_action(action(due=due), CTX))) is fires


@pytest.mark.parametrize(
    ("owner", "agreed", "fires"),
    [
        ("me", (), False),
        ("I", (), False),
        ("Myself", (), False),
        ("you", (), True),
        ("the finance team", (), True),
        ("Dana", ("dana",), False),
        ("me and Priya", ("Dana",), True),
        ("me and Priya", ("Priya",), False),
    ],
)
def test_owner_is_the_writer_or_someone_who_agreed(owner: str, agreed: tuple[str, ...], fires: bool) -> None:
    ctx = Context(today=TODAY, agreed_owners=agreed)
    assert ("PLAN_OWNER" in rules_of(check_plan_action(action(owner=owner), ctx))) is fires


def test_an_owner_who_has_not_agreed_is_named_in_the_message() -> None:
    (finding,) = check_plan_action(action(owner="me and Priya"), CTX)
    assert finding.span == "Priya" and "Priya" in finding.message


def test_plan_findings_carry_the_item_index() -> None:
    found = check_plan_action(action(action="Maybe look into refunds", owner="you", due="soon", measure="done"), CTX, 3)
    assert rules_of(found) == {"PLAN_VERB", "PLAN_VAGUE", "PLAN_OWNER", "PLAN_DUE", "PLAN_MEASURE"}
    assert {f.item for f in found} == {3} and {f.step for f in found} == {"plan"}


@pytest.mark.parametrize(
    "text", ["Check the seals more carefully", "Get better at logging calls", "Review the intake process"]
)
def test_vague_adverbs_and_open_reviews_are_vague(text: str) -> None:
    assert "PLAN_VAGUE" in rules_of(check_plan_action(action(action=text), CTX))


def test_a_review_with_a_stated_outcome_is_not_vague() -> None:
    found = check_plan_action(action(action="Review the intake process and list each step that lacks a check"), CTX)
    assert "PLAN_VAGUE" not in rules_of(found)


@pytest.mark.parametrize(
    ("text", "fires"),
    [("Review the intake process and check each step", True),
     ("Look into the late invoices and track them", True),
     ("Look into the late invoices and send a root-cause note", False)],
)  # fmt: skip
def test_only_a_verb_of_a_result_is_an_outcome_not_every_verb_of_the_plan(text: str, fires: bool) -> None:
    # PLAN_VAGUE's outcome verbs are not the message's plan verbs ("will check", "will track"): see validator/message.py
    assert ("PLAN_VAGUE" in rules_of(check_plan_action(action(action=text), CTX))) is fires


@pytest.mark.parametrize(
    ("due", "fires"),
    [("next 2 weeks", False), ("within ten days", False), ("Q4 2026", False), ("Q4 2025 - Q1 2026", True),
     ("Q1 2027", True), ("next 9 months", True), ("soon", True), ("Q1", True)],  # Q1 2027 and 9 months: past 120 days
)  # fmt: skip
def test_a_due_window_in_words_is_read_as_its_last_day(due: str, fires: bool) -> None:
    assert ("PLAN_DUE" in rules_of(check_plan_action(action(due=due), CTX))) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [("I'll add a retry to the nightly job", False), ("The platform team will add a retry", True),
     ("Add a retry to the nightly job", True)],
)  # fmt: skip
def test_an_empty_owner_is_the_writer_only_when_the_action_says_i(text: str, fires: bool) -> None:
    assert ("PLAN_OWNER" in rules_of(check_plan_action(action(action=text, owner=""), CTX))) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [("We'll figure out why the tests missed the bug", True),
     ("We are thinking about adding a beta channel", True),
     ("Define and implement a caching strategy", True),
     ("Add a beta channel and announce it in the release notes", False)],
)  # fmt: skip
def test_thinking_figuring_out_and_strategies_to_define_are_vague(text: str, fires: bool) -> None:
    assert ("PLAN_VAGUE" in rules_of(check_plan_action(action(action=text), CTX))) is fires
