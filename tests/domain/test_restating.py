"""Whether a text only restates another: the one algorithm of PLAN_MEASURE and the plan step."""

from __future__ import annotations

import pytest

from assistant.domain.restating import content_stems, restates, stem


@pytest.mark.parametrize(
    ("action", "measure", "expected"),
    [
        ("Review the payments deploy checklist", "The payments deploy checklist is reviewed", True),
        ("Add a CI gate for config deploys", "A deploy without a green staging run is rejected", False),
        # what the gate does, seen when a deploy is blocked: a check, though in the action's words
        (
            "Add a CI gate that blocks config deploys unless the staging tests passed",
            "A CI gate blocks config deploys unless staging tests passed",
            False,
        ),
        ("Call the 5 affected customers", "", False),
        ("Update the supplier contact list", "Contact list updated", True),
        ("Update the supplier contact list", "Every supplier on the list answers a test email", False),
        ("Send the corrected invoice to Anja", "Sent", True),
        ("Talk to the carrier about a confirmation step", "Carrier confirms the step", False),
        ("Put the checklist on the team wiki", "Checklist put on the wiki", True),  # "on" says nothing of the work
        ("Put the checklist on the team wiki", "Checklist on the wiki", False),  # neither "done" nor "put": a place
    ],
)
def test_a_measure_restates_its_action_when_it_only_reports_it_done(action: str, measure: str, expected: bool) -> None:
    assert restates(measure, action=action) is expected


def test_stems_take_off_endings_and_know_irregular_pasts() -> None:
    assert [stem(w) for w in ("updated", "sent", "written", "confirmations", "list")] == [
        "updat",
        "send",
        "writ",
        "confirm",
        "list",
    ]
    assert content_stems("The list is updated") == ["list", "updat"]
