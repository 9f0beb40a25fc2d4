"""The harm in the notes as the leader reads it in the sentence of regret.

The pain step gives a small model the harm the program finds in the notes. Said as jotted, it misleads it: the
leader is named in the third person ("w/ Patrick (my manager)"), a pronoun leaves open who is meant ("he's been
very quiet since"), and an aside in brackets ("Fatima (his buddy)") becomes a relation of mine. These functions
say it plainly first. English notes only; pure text functions.
"""

from __future__ import annotations

import re

from assistant.domain.settle import NOT_NAMES

_LEADER_ROLE = r"(?:manager|boss|lead|mgr|director|supervisor)"


def addressed_to(text: str, leader: str | None) -> str:
    """English notes' harm as said to the leader: the leader's name and "my manager" become "you" ("she raised it
    in her skip-level w/ Patrick (my manager)" -> "... w/ you"; "Dana had to tell the VP" -> "you had to tell the
    VP"). Other text, and text with no leader known, is left as it is."""
    if not leader or not text:
        return text
    name = re.escape(leader.split()[0])
    text = re.sub(
        rf"(?:\bmy\s+{_LEADER_ROLE}\s+)?\b{name}\b(?:'s\b)?(?:\s*\([^)]*\))?",
        lambda m: "your" if m.group().endswith("'s") else "you",
        text,
    )
    return re.sub(rf"\bmy\s+{_LEADER_ROLE}\b(?:\s*\([^)]*\))?", "you", text)


_PRONOUN_START = re.compile(r"^(?:he|she)\b", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*(?:'s)?(?:\s+[A-Z][\w-]*(?:'s)?)*")


def named_subject(harm: str, notes: str, leader: str | None) -> str:
    """English notes' harm with its opening he/she as the one person the act's line names ("he's been very quiet
    since" after "tore into Leo's analysis" -> "Leo's been very quiet since"), so a small model does not pin it on
    someone else the harm names. Unchanged when the act's line names no one person, or more than one."""
    if not _PRONOUN_START.match(harm):
        return harm
    act_line = next((line.strip() for line in notes.splitlines() if line.strip()), "")
    leader_name = leader.split()[0] if leader else ""
    runs = [m for m in _CAPITALISED.finditer(act_line) if m.start() > 0]  # a line's first word is no name
    words = [m.group().removesuffix("'s") for m in runs if " " not in m.group()]  # "Halvorsen Foods" is a firm
    names = {w for w in words if w.isalpha() and w[1:].islower() and w not in NOT_NAMES and w != leader_name}
    if len(names) != 1:
        return harm
    return _PRONOUN_START.sub(names.pop(), harm, count=1)


_ASIDE = re.compile(r"\s*\((?:[^()\d]\s*){1,40}\)")


def without_asides(text: str) -> str:
    """``text`` without the short asides in brackets that hold no figure ("Fatima (his buddy) says" -> "Fatima
    says"): a role said in passing, which a small model turns into a relation of mine ("Fatima, my buddy")."""
    return _ASIDE.sub("", text)


__all__ = ["addressed_to", "named_subject", "without_asides"]
