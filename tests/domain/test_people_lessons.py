"""The lesson the program writes for a mistake with people."""

from __future__ import annotations

import pytest

from assistant.domain.people_lessons import people_lesson

PUBLIC = "raise a problem with someone's work one to one, and check my own part in it first"
INVITE = "check every invite against everyone whose work it touches before it goes out"


@pytest.mark.parametrize(
    ("act", "habit"),
    [
        ('tore into Leo\'s analysis in the all-hands prep mtg in front of ~15 people, called it "sloppy"', PUBLIC),
        ("snapped at Jo on the call, called her draft 'lazy'", PUBLIC),
        ("cancelled my 1:1s w/ Noor 4 weeks running", "keep my 1:1s fixed, and move other work around them"),
        (
            "skipped our weekly check-in with the new hire twice",
            "keep my check-ins fixed, and move other work around them",
        ),
        ("left Ama off the invite for the Q4 roadmap offsite", INVITE),
    ],
)
def test_a_known_mistake_with_people_gets_its_lesson(act: str, habit: str) -> None:
    found = people_lesson(act)
    assert found is not None and found[1] == habit and found[0].startswith("I ")


@pytest.mark.parametrize(
    "act",
    [
        "ran the db cleanup script on prod-db instead of staging-db",
        "criticised the vendor's quote in my notes",  # criticism, but not in front of anyone
        "skipped the check-in call w/ the auditor",  # a check-in that is not one of mine with my team
        "left the VAT return sitting in drafts since the 3rd",
        "left the vaccine fridge door ajar after the evening stock count",
    ],
)
def test_other_acts_are_left_to_the_model(act: str) -> None:
    assert people_lesson(act) is None
