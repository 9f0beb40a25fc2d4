"""Plain refine requests that need no model: "two weeks later", "drop action 3", "shorter".

:func:`parse_request` returns the edits of a request it understands exactly, and None for
anything else (which then goes to the model). It never guesses: a request with words it does
not account for is left to the model. Plain requests joined by "and", "then" or commas
("shorter and warmer") are understood when every part is, and no two parts are the same kind of edit.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.domain.edit_types import DropAction, Edit, SetChannel, SetDate, SetLength, SetTone, ShiftDates

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "couple of": 2,
}  # fmt: skip
_COUNT = r"(\d{1,2}|a couple of|couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_FILLER = re.compile(
    r"\b(?:please|pls|can you|could you|would you|i'd like you to|i want you to|just|the|all|of|my|it|a bit|"
    r"bit|little|make|much|lot|by|message|draft|plan's|plans|bitte|mach es|mach|por favor|hazlo|hazla|"
    r"s'il te plaît|s'il vous plaît|rends-le|rends|fais-le)(?!\w)"
)
_DATES = r"(?:every |all |the )*(?:(?:plan |due |action )?dates?|deadlines?|due dates?|plan|check-?ins?|schedule)"
_SHIFT = re.compile(
    rf"^(?:move|push|shift|postpone|delay|bring|pull)?\s*(?P<what>{_DATES})?\s*(?:back|forward|out)?\s*(?:by\s+)?"
    rf"(?P<n>{_COUNT})\s+(?P<unit>days?|weeks?)\s+(?P<dir>later|earlier|sooner|back|forward|out)"
    rf"\s*(?P<what2>{_DATES})?$"
)
_DROP = re.compile(
    r"^(?:drop|remove|delete|cut)\s+(?:the\s+)?(?:action|item|step)\s*#?(\d)$|"
    r"^(?:drop|remove|delete|cut)\s+(?:the\s+)?(first|second|third|fourth|last)\s+(?:action|item|step)$"
)
_SET_DATE = re.compile(
    r"^(?:move|set|make)?\s*(?:action|item)\s*#?(\d)\s+(?:due\s+)?(?:on|to|by)\s+(\d{4}-\d{2}-\d{2})$"
)
_CHANNELS = {
    "chat": "chat", "slack": "chat", "teams": "chat", "email": "email", "e-mail": "email", "mail": "email",
    "talking points": "talking_points", "talking_points": "talking_points", "bullet points": "talking_points",
}  # fmt: skip
_CHANNEL = re.compile(
    r"^(?:turn|write|make|change|rewrite|convert|switch)?\s*(?:it|this)?\s*(?:into|as|to|for)?\s*(?:an?\s+)?"
    r"(chat|slack|teams|e-?mail|mail|talking points|talking_points|bullet points)(?:\s+message|\s+version)?$"
)
_LENGTH = {"shorter": "shorter", "more concise": "shorter", "concise": "shorter", "briefer": "shorter",
           "longer": "longer", "more detailed": "longer", "short": "short", "long": "long",
           "kürzer": "shorter", "länger": "longer", "más corto": "shorter", "mas corto": "shorter",
           "más breve": "shorter", "más largo": "longer", "plus court": "shorter", "plus long": "longer"}  # fmt: skip
_TONE = {"warmer": "warm", "warm": "warm", "more formal": "formal", "formal": "formal", "more direct": "direct",
         "direct": "direct", "neutral": "neutral", "more neutral": "neutral",
         "wärmer": "warm", "herzlicher": "warm", "förmlicher": "formal", "direkter": "direct",
         "más cálido": "warm", "más formal": "formal", "más directo": "direct",
         "plus chaleureux": "warm", "plus formel": "formal", "plus direct": "direct"}  # fmt: skip
# "Verschiebe alle Termine um eine Woche nach hinten", "mueve las fechas una semana más tarde",
# "décale les dates d'une semaine": (how many, days or weeks, later or earlier) in German, Spanish and French.
_FOREIGN_NUMBERS = {"ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "un": 1, "una": 1, "uno": 1,
                    "dos": 2, "tres": 3, "cuatro": 4, "une": 1, "deux": 2, "trois": 3, "quatre": 4}  # fmt: skip
_FOREIGN_SHIFTS = (
    re.compile(r"^verschieb\w*\s+(?:alle\s+|die\s+)*(?P<what>termine|fristen|daten|fälligkeiten|check-?ins)?\s*"
               r"um\s+(?P<n>\d{1,2}|eine?n?|zwei|drei|vier)\s+(?P<unit>tage?n?|wochen?)\s+"
               r"(?P<dir>nach hinten|später|nach vorne|früher)$"),
    re.compile(r"^(?:mueve|retrasa|aplaza|pasa|adelanta)\s+(?:todas\s+)?(?:las\s+)?(?P<what>fechas|plazos)?\s*"
               r"(?P<n>\d{1,2}|una?|uno|dos|tres|cuatro)\s+(?P<unit>días?|semanas?)\s*"
               r"(?P<dir>más tarde|después|antes)?$"),
    re.compile(r"^(?:décale|repousse|reporte|avance)\s+(?:toutes\s+)?(?:les\s+)?(?P<what>dates|échéances)?\s*"
               r"(?:de\s+|d')?(?P<n>\d{1,2}|une?|deux|trois|quatre)\s+(?P<unit>jours?|semaines?)\s*"
               r"(?P<dir>plus tard|plus tôt)?$"),
)  # fmt: skip
_FOREIGN_EARLIER = ("nach vorne", "früher", "antes", "plus tôt")
_FOREIGN_EARLIER_VERBS = ("adelanta", "avance")


def _foreign_shift(text: str) -> list[Edit] | None:
    bare = _bare(text).replace("d' ", "d'")
    for pattern in _FOREIGN_SHIFTS:
        if match := pattern.match(bare):
            n = match["n"]
            amount = int(n) if n.isdigit() else _FOREIGN_NUMBERS[n]
            earlier = (match["dir"] or "") in _FOREIGN_EARLIER or bare.split()[0] in _FOREIGN_EARLIER_VERBS
            unit = "weeks" if match["unit"].startswith(("w", "sem")) else "days"
            return [ShiftDates(target="plan", amount=-amount if earlier else amount, unit=unit)]
    return None


def _clean(request: str) -> str:
    text = request.lower().strip()
    text = re.sub(r"[.!?]+$", "", text).replace("’", "'").replace(",", " ")
    return " ".join(text.split())


def _bare(text: str) -> str:
    return " ".join(_FILLER.sub(" ", text).split())


def _shift(text: str) -> list[Edit] | None:
    match = _SHIFT.match(_bare(text).replace("move push", "move"))
    if not match:
        return None
    n = match["n"]
    amount = int(n) if n.isdigit() else _NUMBERS[n]
    direction = match["dir"]
    verb = text.split()[0]
    earlier = direction in ("earlier", "sooner") or (direction == "forward" and verb in ("bring", "pull", "move"))
    what = (match["what"] or match["what2"] or "dates").strip()
    target = "checkins" if "check" in what and "date" not in what.replace("check", "") else "plan"
    unit = "weeks" if match["unit"].startswith("week") else "days"
    return [ShiftDates(target=target, amount=-amount if earlier else amount, unit=unit)]


_JOINS = re.compile(r"\s*(?:,|;|&|\band then\b|\bthen\b|\band\b)\s*")  # not "plus": French "plus court"
MAX_PARTS = 3


def parse_request(request: str, *, actions: int | None = None) -> list[Edit] | None:
    """The edits of a request understood exactly, else None (the model's turn).

    ``actions`` is the number of actions in the draft, so that "the last action" has a number;
    without it such a request is left to the model.
    """
    text = " ".join(request.lower().split())
    if not text or len(text) > 120:
        return None
    parts = [part for part in _JOINS.split(text) if _bare(_clean(part))]
    if not 1 <= len(parts) <= MAX_PARTS:
        return None
    edits: list[Edit] = []
    for part in parts:
        found = _parse_part(_clean(part), actions)
        if found is None:
            return None
        edits += found
    if len({edit.op for edit in edits}) < len(edits):  # "shorter and longer": two of a kind is for the model
        return None
    return edits


def _parse_part(text: str, actions: int | None) -> list[Edit] | None:
    """The edits of one plain request (no joins), else None."""
    shifted = _shift(text) or _foreign_shift(text)
    if shifted is not None:
        return shifted
    if match := _DROP.match(text):
        number = int(match[1]) if match[1] else _ORDINALS[match[2]]
        if number < 0 and actions:
            number = actions
        return [DropAction(number=number)] if number > 0 else None
    if match := _SET_DATE.match(text):
        try:
            return [SetDate(target="action", number=int(match[1]), date=dt.date.fromisoformat(match[2]))]
        except ValueError:
            return None
    if match := _CHANNEL.match(text):
        return [SetChannel(channel=_CHANNELS[match[1].replace("e-mail", "email")])]  # type: ignore[arg-type]
    bare = _bare(text)
    if bare in _LENGTH:
        return [SetLength(length=_LENGTH[bare])]  # type: ignore[arg-type]
    if bare in _TONE:
        return [SetTone(tone=_TONE[bare])]  # type: ignore[arg-type]
    return None
