"""What the program settles exactly, so the model never has to: the leader, figures in the notes' own
form, due dates, check-in dates, the greeting and the sign-off. Quotes checked against the notes, and what
the notes say was done or went wrong, are read in :mod:`assistant.domain.notes_reading`.

A 1.5B model writes sentences well enough; it cannot be trusted with a date, a name or
whether a quote is really in the notes. Everything here is pure and deterministic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_ROLE = r"(?:manager|mgr|boss|lead|team lead|tech lead|director|supervisor|head of [a-z]+|head|vp|coo|cfo|ceo|cto)"
_NAME = r"([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?)"
_LEADER_PATTERNS = (
    # "Dana (my manager)", "Helen (COO, my boss)", "Sam (eng director, my manager)"
    re.compile(rf"\b{_NAME}\s*\((?:[^)]*?,\s*)?(?:my|our)\s+{_ROLE}\b[^)]*\)", re.IGNORECASE),
    re.compile(rf"\b{_NAME}\s*\((?:my|our)\s+[^)]*?\b{_ROLE}\b[^)]*\)", re.IGNORECASE),
    # "my manager Dana", "my boss, Helen", "my lead is Marco", "told my director Sam"
    re.compile(rf"\b(?:my|our)\s+{_ROLE}(?:\s+is|,|:)?\s+{_NAME}\b", re.IGNORECASE),
    # "mgr: Priyanka", "manager: Dana", "boss = Helen"
    re.compile(rf"^\s*(?:my\s+)?{_ROLE}\s*[:=-]\s*{_NAME}\b", re.IGNORECASE | re.MULTILINE),
    # "ward mgr Fiona", "line manager Sam": a role and a name without "my", tried after the forms above
    re.compile(
        rf"\b(?:ward|line|shift|store|site|unit|team|practice|office|floor)\s+(?:mgr|manager|supervisor|lead)"
        rf"\s+{_NAME}\b",
        re.IGNORECASE,
    ),
    # German, Spanish, French: "meine chefin Anja", "mi jefa Ana", "ma responsable Claire"
    re.compile(
        rf"\b(?:meine?n?|unsere?n?|mi|nuestr[ao]|ma|mon|notre)\s+(?:chef(?:in)?|vorgesetzte[rn]?|teamleiter(?:in)?|"
        rf"managerin|jef[ae]|responsable|directeur|directrice|manager)(?:\s+ist|,|:)?\s+{_NAME}\b",
        re.IGNORECASE,
    ),
)
# Capitalised words that are no one's name: at a sentence's start ("Then Marco said he'll review it", "Told Dana"),
# or days and months ("Friday", "Dec"). The leader, the people who agreed to an action and the one the harm is about
# are read past them.
NOT_NAMES = frozenset(
    str.split(
        "I The My Our He She They We It Who And But So Also Now Then Later Today Yesterday Tomorrow When After Before "
        "Told Had Has Was Is Will Not Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
        "April May June July August September October November December Mon Tue Tues Wed Thu Thurs Fri Sat Sun"
    )
)


def leader_in_notes(notes: str) -> str | None:
    """The leader's first name when the notes say who it is ("Dana (my manager)", "my boss Helen"), else None."""
    for pattern in _LEADER_PATTERNS:
        for match in pattern.finditer(notes):
            name = match.group(1)
            if name[:1].isupper() and name not in NOT_NAMES and name.lower() not in _ROLE_WORDS:
                return name
    return None


_ROLE_WORDS = frozenset({"manager", "mgr", "boss", "lead", "director", "supervisor", "head", "vp", "coo", "cfo", "ceo"})


def first_name(leader: str | None) -> str | None:
    """The first word of a leader's name, or None for a role ("my manager", "the COO") or nothing."""
    if not leader:
        return None
    word = leader.strip().split()[0].strip(",.;:")
    if not word[:1].isupper() or word.lower() in _ROLE_WORDS or word.lower() in ("my", "our", "the"):
        return None
    return word


# --- plain words --------------------------------------------------------------------------------

_ABBREVIATIONS = (
    (re.compile(r"\bw/o\b", re.I), "without"),
    (re.compile(r"\bw/(?=\s|\w)", re.I), "with "),
    (re.compile(r"\bb/c\b", re.I), "because"),
    (re.compile(r"~\s*"), "about "),
    (re.compile(r"\bapprox\.?\s*", re.I), "about "),
    (re.compile(r"(?<=\d) ?yrs\b", re.I), " years"),
    (re.compile(r"(?<=\d) ?yr\b", re.I), " year"),
    (re.compile(r"(?<=\d) ?hrs\b", re.I), " hours"),
    (re.compile(r"(?<=\d) ?mins\b", re.I), " minutes"),
    (re.compile(r"(?<=\w) \+ (?=\w)"), " and "),
    (re.compile(r"(?<=\w) = (?=\w)"), ", which means "),
    (re.compile(r"(?<=\d[kKmM]) ARR\b|(?<=\d) ARR\b"), " in annual revenue"),
    (re.compile(r"(?<=\d[kKmM]) MRR\b|(?<=\d) MRR\b"), " in monthly revenue"),
    (re.compile(r"(?<=\d[kKmM])/yr\b|(?<=\d)/yr\b"), " a year"),
    (re.compile(r"\bmtg\b", re.I), "meeting"),
    (re.compile(r"\bmgr\b", re.I), "manager"),
    (re.compile(r"\bpls\b", re.I), "please"),
    (re.compile(r"\beod\b", re.I), "end of day"),
    (re.compile(r"\basap\b", re.I), "as soon as possible"),
    (re.compile(r"\bmon\b"), "Monday"),
    (re.compile(r"\btues?\b"), "Tuesday"),
    (re.compile(r"\bwed\b"), "Wednesday"),
    (re.compile(r"\bthu(?:rs?)?\b"), "Thursday"),
    (re.compile(r"\bfri\b"), "Friday"),
)


# no abbreviation with a full stop: "ca." ends a sentence for whatever splits the text into sentences
_ABOUT = {"German": "etwa ", "Dutch": "ongeveer ", "French": "environ ", "Spanish": "unos ", "Portuguese": "cerca de ",
          "Italian": "circa "}  # fmt: skip


def plain_words(text: str, language: str | None = None) -> str:
    """A quote of jotted notes with the common shorthand spelled out ("w/o" -> "without", "~400" -> "about 400"),
    for the prompts that turn it into sentences. Numbers and names are left exactly as they are. Notes in another
    language (``language``, as :func:`~assistant.domain.language.detect_language` names it) only get their "~"
    in that language ("etwa 3h"): English words in them come back in the draft ("2 Fahrer about 3h")."""
    if language is not None:
        return re.sub(r"\s{2,}", " ", re.sub(r"~\s*", _ABOUT.get(language, "~"), text)).strip()
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return re.sub(r"\s{2,}", " ", text).strip()


# --- numbers as the notes write them ------------------------------------------------------------

_SCALED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(k|K|m|M|bn)\b")
_SPELLED = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d{4,}|\d+(?:\.\d+)?\s(?:thousand|million|billion))(?![\w.])")
_SCALE = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "bn": 1e9, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def _value(token: str) -> float | None:
    token = token.strip()
    parts = token.split()
    try:
        if len(parts) == 2:
            return float(parts[0]) * _SCALE[parts[1]]
        return float(token.replace(",", ""))
    except (ValueError, KeyError):
        return None


_SPLIT_FIGURE = re.compile(r"(?<![\d,])(\d{1,3}),\s+(\d{3})(?!\d)")


def respell_numbers(text: str, notes: str) -> str:
    """Figures written out that the notes abbreviate ("14,000" where the notes say "~14k") put back in the
    notes' own form ("14k"), and a figure split at its comma ("2, 600") joined again, so every number in a draft is
    one the notes give, character for character."""
    text = _SPLIT_FIGURE.sub(  # "2, 600 parcels" for the notes' "2,600": a small model's slip
        lambda m: f"{m[1]},{m[2]}" if f"{m[1]},{m[2]}" in notes else m[0], text
    )
    scaled = {float(m.group(1)) * _SCALE[m.group(2)]: m.group(0) for m in _SCALED.finditer(notes)}
    if not scaled:
        return text

    def back(match: re.Match[str]) -> str:
        value = _value(match.group(1))
        if value is not None and value in scaled and match.group(0) not in notes:
            return scaled[value]
        return match.group(0)

    return _SPELLED.sub(back, text)


def lower_first(text: str) -> str:
    """The text with its first letter lower-cased to run on inside a sentence, unless its first word is an
    acronym ("CI gate ...")."""
    word = text.split()[0] if text.split() else ""
    return text if len(word) > 1 and word.isupper() else text[:1].lower() + text[1:]


# --- dates ------------------------------------------------------------------------------------

PLAN_STEP_DAYS = 7  # one action a week: a realistic pace that a leader can follow


def working_day(day: dt.date) -> dt.date:
    """The day itself on Monday–Friday, else the Monday after."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def due_dates(today: dt.date, count: int) -> list[dt.date]:
    """Due dates for ``count`` actions: the first a week out, then one a week, each on a working day."""
    return [working_day(today + dt.timedelta(days=PLAN_STEP_DAYS * (i + 1))) for i in range(count)]


def checkin_dates(dues: Sequence[dt.date], *, most: int = 3) -> list[tuple[dt.date, list[int]]]:
    """Check-ins for a plan: each on the working day after a due date, reporting the actions due by then
    (by index). At most ``most`` check-ins: the last one takes every action left."""
    order = sorted(range(len(dues)), key=lambda i: dues[i])
    groups: dict[dt.date, list[int]] = {}
    for i in order:
        groups.setdefault(working_day(dues[i] + dt.timedelta(days=1)), []).append(i)
    dated = sorted(groups.items())
    if len(dated) > most:
        head, tail = dated[: most - 1], dated[most - 1 :]
        dated = [*head, (tail[-1][0], [i for _, items in tail for i in items])]
    return dated


# --- the message's own words, per language ------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """The words the program writes around the parts of a message, in one language."""

    hello: str  # "Hi {name},"
    hello_formal: str
    hello_nameless: str
    learned: str
    plan: str
    will: str  # "I will {action}"
    by: str
    report: str  # "... {days} ..."
    report_short: str
    landed: str  # the pain's second sentence: what it meant for the leader, and that it weighs on me
    lookback: tuple[str, str]  # the plan's action (and its measure) when the notes leave nothing open to put right
    checklist: tuple[str, str]  # the plan's action (and measure) that makes the lesson's habit part of the work
    checklist_short: str  # that action in a short message, right after the lesson has said the habit
    sorry: str  # "... {harm}": the pain's regret when the model's sentence is missing, with the notes' harm
    committed: str  # the positive step when no lesson gives a new habit to be confident in
    closes: dict[str, str]
    days: Callable[[dt.date], str]


def _en_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _numeric_day(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


WORDINGS: dict[str | None, Wording] = {
    None: Wording(
        "Hi {name},", "Dear {name},", "Hi,", "What I learned:", "Here is my plan:", "I will {action}", "by",
        "I'll report back on {days} with where each step stands and what you can see for it.",
        "I'll report back on {days}.",
        "I know it landed on you too, and that weighs on me.",
        ("Go back over my other work of the same kind from the last month, to find any other case like this one",
         "A list of everything I checked, with what I found and fixed"),
        ('Add "{habit}" to my checklist for this work',
         "My checklist with the new step, ticked on every case from now on"),
        "Add that step to my checklist for this work",
        "I'm sorry for what this caused: {harm}.",
        "I'm committed to making this right, and at each check-in I'll show you how it is going.",
        {"neutral": "Thanks,", "warm": "Thank you for bearing with me,", "formal": "Kind regards,", "direct": "Thanks,"},  # noqa: E501
        _en_day,
    ),
    "German": Wording(
        "Hallo {name},", "Liebe/r {name},", "Hallo,", "Was ich daraus gelernt habe:", "Mein Plan:", "{action}", "bis",
        "Ich melde mich am {days} mit dem Stand jedes Schritts und dem, was du dann sehen kannst.",
        "Ich melde mich am {days}.",
        "Ich weiß, dass es auch an dir hängen geblieben ist, und das belastet mich.",
        ("Meine übrige Arbeit dieser Art aus dem letzten Monat durchgehen, um jeden weiteren solchen Fall zu finden",
         "Eine Liste von allem, was ich geprüft habe, mit dem, was ich gefunden und behoben habe"),
        ("„{habit}“ als Schritt auf meine Checkliste für diese Arbeit setzen",
         "Meine Checkliste mit dem neuen Schritt, ab jetzt bei jedem Fall abgehakt"),
        "Diesen Schritt auf meine Checkliste für diese Arbeit setzen",
        "Es tut mir leid, was das angerichtet hat: {harm}.",
        "Ich setze alles daran, das wieder gutzumachen, und zeige dir bei jedem Termin, wie es vorangeht.",
        {"neutral": "Danke,", "warm": "Danke für deine Geduld,", "formal": "Viele Grüße,", "direct": "Danke,"},
        _numeric_day,
    ),
    "Spanish": Wording(
        "Hola {name},", "Estimado/a {name}:", "Hola,", "Lo que he aprendido:", "Mi plan:", "{action}", "antes del",
        "Te informaré el {days} de cómo va cada paso y de lo que podrás ver.",
        "Te informaré el {days}.",
        "Sé que también te ha caído a ti, y eso me pesa.",
        ("Revisar el resto de mi trabajo de este tipo del último mes, para encontrar cualquier otro caso como este",
         "Una lista de todo lo que revisé, con lo que encontré y corregí"),
        ('Añadir "{habit}" a mi lista de control para este trabajo',
         "Mi lista de control con el nuevo paso, marcado en cada caso a partir de ahora"),
        "Añadir ese paso a mi lista de control para este trabajo",
        "Siento lo que esto ha causado: {harm}.",
        "Estoy decidido a arreglarlo, y en cada seguimiento te mostraré cómo va.",
        {"neutral": "Gracias,", "warm": "Gracias por tu paciencia,", "formal": "Saludos cordiales,", "direct": "Gracias,"},  # noqa: E501
        _numeric_day,
    ),
    "French": Wording(
        "Bonjour {name},", "Bonjour {name},", "Bonjour,", "Ce que j'en retiens :", "Mon plan :", "{action}", "d'ici le",
        "Je te ferai un point le {days} sur chaque étape et ce que tu pourras constater.",
        "Je te ferai un point le {days}.",
        "Je sais que ça t'est retombé dessus aussi, et ça me pèse.",
        ("Reprendre le reste de mon travail de ce type du dernier mois, pour trouver tout autre cas de ce genre",
         "Une liste de tout ce que j'ai vérifié, avec ce que j'ai trouvé et corrigé"),
        ("Ajouter « {habit} » à ma liste de contrôle pour ce travail",
         "Ma liste de contrôle avec la nouvelle étape, cochée à chaque fois désormais"),
        "Ajouter cette étape à ma liste de contrôle pour ce travail",
        "Je suis désolé de ce que cela a causé : {harm}.",
        "Je suis déterminé à réparer cela, et à chaque point je te montrerai où j'en suis.",
        {"neutral": "Merci,", "warm": "Merci de ta patience,", "formal": "Cordialement,", "direct": "Merci,"},
        _numeric_day,
    ),
}  # fmt: skip


def wording(language: str | None) -> Wording:
    """The message's own words for the notes' language (English for any language without its own)."""
    return WORDINGS.get(language, WORDINGS[None])


# --- a lesson's two parts -------------------------------------------------------------------------

# What opens the new habit in a lesson ("..., so I now check ..."); a language without "I" before its verb gets a
# label instead, in the same sentence, so that a message cut to first sentences keeps it ("... – ab jetzt: die
# Liste gegen das CRM prüfen.").
_FROM_NOW = {"German": "ab jetzt:", "French": "désormais :", "Spanish": "a partir de ahora:",
             "Portuguese": "a partir de agora:", "Italian": "d'ora in poi:", "Dutch": "voortaan:"}  # fmt: skip
_HABIT_START = re.compile(
    r"(?:^|,?\s+so\s+|\s+–\s+)(?:I now|" + "|".join(re.escape(v) for v in _FROM_NOW.values()) + r")\s+",
    re.IGNORECASE,
)


def join_lesson(weak_point: str, habit: str, language: str | None = None) -> str:
    """One lesson from what let this happen and what I now do: "<weak point>, so I now <habit>." in English,
    "<weak point> – ab jetzt: <habit>." in German; the habit alone when there is no weak point."""
    if language not in _FROM_NOW:
        if not weak_point:
            return f"I now {habit}." if habit else ""
        return f"{weak_point}, so I now {habit[:1].lower()}{habit[1:]}." if habit else f"{weak_point}."
    label = _FROM_NOW[language]
    if not weak_point:
        return f"{label[:1].upper()}{label[1:]} {habit}." if habit else ""
    return f"{weak_point.rstrip('.')} – {label} {habit}." if habit else f"{weak_point}."


def split_lesson(lesson: str) -> tuple[str, str]:
    """A lesson's weak point and its new habit (the part after "so I now", or "Ab jetzt:"); the habit is "" when
    the lesson has none."""
    parts = _HABIT_START.split(lesson.strip().rstrip("."), maxsplit=1)
    return (parts[0].strip().rstrip(".;,"), parts[1].strip()) if len(parts) == 2 else (lesson.strip(), "")


def habit_clause(lesson: str, language: str | None = None) -> str:
    """What changes, from a lesson: "I now Y." ("Ab jetzt: Y."), else the lesson as it is."""
    habit = split_lesson(lesson)[1]
    return join_lesson("", habit, language) if habit else lesson


# --- greeting and sign-off ----------------------------------------------------------------------


def greeting(leader: str | None, channel: str, tone: str, language: str | None = None) -> str:
    """The opening line: the leader's first name when known, a plain hello when not; none for talking points."""
    if channel == "talking_points":
        return ""
    words = wording(language)
    name = first_name(leader)
    if not name:
        return words.hello_nameless
    if tone == "direct":
        return f"{name},"
    return (words.hello_formal if tone == "formal" and channel == "email" else words.hello).format(name=name)


def sign_off(sender: str | None, channel: str, tone: str, language: str | None = None) -> str:
    """The closing: a plain close and the sender's name when known; the name alone for chat; none for talking
    points."""
    if channel == "talking_points":
        return ""
    if channel == "chat":
        return f"– {sender}" if sender else ""
    close = wording(language).closes.get(tone, "Thanks,")
    return f"{close}\n{sender}" if sender else close
