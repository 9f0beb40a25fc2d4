"""Intake: quote the notes for the act, the impact, the cause and what is done (``prompts/intake.md``).

The model only quotes; the program checks every quote against the notes (a quote that is not
there is asked for again), snaps it to the notes' own words, and settles the rest of the
:class:`~assistant.domain.schema.Facts` itself: the leader, and the lines that say work is already done.
"""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import FormatState, build_step_chain, finished_by
from assistant.domain.notes_done import done_in_notes
from assistant.domain.notes_reading import first_person_acts, is_done_text, note_clauses, snap_quote, sounds_like_my_act
from assistant.domain.schema import Facts, IntakeOutput
from assistant.domain.settle import leader_in_notes
from assistant.domain.step_inputs import StepInputs


def is_off_topic(output: IntakeOutput) -> bool:
    """All-empty quotes: the notes do not describe a mistake."""
    return not (output.act.strip() or output.impact.strip())


def intake_problems(output: IntakeOutput, inputs: StepInputs) -> list[str]:
    """The act and the impact must be quotes of the notes; the act must not be something already done."""
    if is_off_topic(output):
        return []
    notes: str = inputs.notes
    problems: list[str] = []
    for field in ("act", "impact"):
        quote = getattr(output, field).strip()
        if not quote:
            problems.append(f"The {field} is empty; copy it from my notes.")
        elif snap_quote(quote, notes) is None:
            problems.append(f'The {field} "{quote[:80]}" is not in my notes; copy the words exactly from the notes.')
    act = snap_quote(output.act, notes) if output.act.strip() else None
    if act and is_done_text(act) and fallback_act(notes) != act:
        problems.append(
            f'The act "{act[:80]}" is what was done afterwards; quote what I did that caused the harm instead.'
        )
    return problems


_CAUSE_WORDS = re.compile(
    r"\b(?:because|b/c|since|wanted|rushed|hurry|thought|assumed|figured|didn'?t|did not|forgot|w/o|without|skipped|"
    r"no time|deadline|to get|to save|so that|instead of|never|not)\b",
    re.IGNORECASE,
)


# A side issue the notes set beside my part: "auto-renew was also broken (not mine, ...)", "the tax portal was also
# down on deadline day but I'd have been late anyway".
_SIDE_ISSUE = re.compile(r"\b(?:also|as well|not mine|not my|anyway|either way)\b", re.IGNORECASE)


def looks_like_cause(quote: str) -> bool:
    """A quote that can be my reason ("wanted it out before the weekend", "didn't check"): not a plain event, and
    not a side issue the notes set beside it ("the portal was also down")."""
    return bool(_CAUSE_WORDS.search(quote)) and not _SIDE_ISSUE.search(quote)


def fallback_act(notes: str) -> str:
    """The first line of the notes that is not about work already done: jotted notes open with the act."""
    for clause in note_clauses(notes):
        if not is_done_text(clause):
            return clause.split(",")[0].strip()
    return ""


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.lower().strip(" .")
        if key and key not in seen and not any(key in s or s in key for s in seen):
            seen.add(key)
            out.append(item)
    return out


def settle_facts(output: IntakeOutput, notes: str, leader: str | None = None) -> Facts:
    """The facts from checked quotes: each snapped to the notes' words, the leader from ``leader`` or the notes.

    An act that does not start with what I did ("tls cert expired ...") gives way to a clause of the notes
    that says it in the first person ("I owned the renewal ticket and snoozed the reminder twice")."""
    act = snap_quote(output.act, notes) or fallback_act(notes)
    if is_done_text(act):
        act = fallback_act(notes) or act
    mine = first_person_acts(notes)
    if not sounds_like_my_act(act) and mine:
        act = mine[0]
    impact = snap_quote(output.impact, notes) or ""
    cause = (snap_quote(output.cause, notes) or "") if output.cause.strip() else ""
    if cause and (not looks_like_cause(cause) or is_done_text(cause)):
        cause = ""  # a small model fills "cause" with any line; a plain event is no cause
    quoted = [snap_quote(item, notes) for item in output.already_done]
    done = _unique(done_in_notes(notes) + [q for q in quoted if q and q != act and q != impact and is_done_text(q)])
    return Facts(
        what_happened=act[:400],
        act=act[:300],
        impact=impact[:400],
        cause=(cause if cause != act else "")[:400],
        affected=[],
        leader_name=leader or leader_in_notes(notes),
        leader_role=None,
        already_done=[item[:200] for item in done[:5]],
    )


def build_intake_chain(
    model: BaseChatModel, *, max_reasks: int = 2, format_state: FormatState | None = None
) -> Runnable[StepInputs, Facts]:
    """Runnable taking the notes (and the leader the user named, if any) and returning :class:`Facts`."""
    quotes = build_step_chain(
        "intake", model, IntakeOutput, max_reasks=max_reasks, checks=[intake_problems], format_state=format_state
    )

    def finish(output: IntakeOutput, inputs: StepInputs) -> Facts:
        if is_off_topic(output):
            return Facts(what_happened="", impact="", cause="", affected=[], leader_name=None, leader_role=None,
                         already_done=[])  # fmt: skip
        return settle_facts(output, inputs.notes, inputs.leader)

    # quotes that still fail their checks are snapped to the notes or replaced by settle_facts
    return finished_by(quotes, finish, "intake", accept_best=True)
