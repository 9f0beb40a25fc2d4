"""The lesson for a mistake with people, which the program writes itself.

A 1.5B model answers a mistake with people the way it answers one with work: a check ("double-check my work
before presenting it", "check my 1:1s before they are scheduled"), whatever example it is shown. For the few
kinds of such mistake that jotted notes name plainly, the lesson is known without it: criticism given in front
of others, 1:1s or check-ins pushed out by other work, and a person left off an invite or a list. English notes
only; anything else is left to the model. Pure text functions.
"""

from __future__ import annotations

import re

_CRITICISED = re.compile(
    r"\b(?:tore\s+into|snapped\s+at|yelled\s+at|shouted\s+at|swore\s+at|berated|mocked|belittled|ripped\s+into|"
    r"laid\s+into|criticis|criticiz|called\s+(?:it|him|her|them|(?:his|her|their)\s+\w+)\s+[\"'“])",
    re.I,
)
_IN_PUBLIC = re.compile(
    r"\b(?:in\s+front\s+of|publicly|in\s+public|all-hands|all\s+hands|standup|stand-up|in\s+the\s+(?:meeting|mtg|"
    r"channel|thread)|on\s+(?:the\s+)?(?:call|slack|teams)|team\s+(?:meeting|mtg|channel))\b",
    re.I,
)
_PUSHED_OUT = re.compile(
    r"\b(?:cancel+ed|skipped|missed|moved|pushed|dropped|bumped)\s+(?:all\s+)?(?:"
    r"(?:my\s+|our\s+|the\s+)?(?:weekly\s+)?(?P<one>1:1s?|1-on-1s?|one-on-ones?|one-to-ones?)"
    r"|(?:my|our)\s+(?:weekly\s+|team\s+)?(?P<team>check-ins?))",
    re.I,
)
_LEFT_OFF = re.compile(
    r"\bleft\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+(?:off|out\s+of)\s+(?:the\s+|an?\s+|our\s+|my\s+)?(?:\w+\s+)?"
    r"(?P<what>invite|invitation|list|email|thread|distro|distribution\s+list|meeting|call)\b"
)


def people_lesson(act: str) -> tuple[str, str] | None:
    """The weak point and the habit for an act that is a known mistake with people, else None.

    >>> people_lesson("cancelled my 1:1s w/ Noor 4 weeks running")
    ('I let other work push out my 1:1s', 'keep my 1:1s fixed, and move other work around them')
    """
    if _CRITICISED.search(act) and _IN_PUBLIC.search(act):
        return (
            "I criticised someone's work in front of others instead of one to one",
            "raise a problem with someone's work one to one, and check my own part in it first",
        )
    if pushed := _PUSHED_OUT.search(act):
        meeting = (pushed["one"] or pushed["team"]).lower()
        meeting = meeting if meeting.endswith("s") else f"{meeting}s"
        return f"I let other work push out my {meeting}", f"keep my {meeting} fixed, and move other work around them"
    if left := _LEFT_OFF.search(act):
        what = left["what"].lower().replace("invitation", "invite")
        return (
            f"I did not check who else the {what} should include",
            f"check every {what} against everyone whose work it touches before it goes out",
        )
    return None


__all__ = ["people_lesson"]
