"""The program that applies typed edits (:mod:`assistant.domain.edit_types`) to a finished draft.

A refine request becomes a list of edits (by the parser in :mod:`assistant.domain.edit_requests`, or by
the model in :mod:`assistant.chains.refine_edits`). The program applies them: dates are computed
here, the check-ins are settled again from the plan, and the message is assembled again from the
parts. An edit that cannot be applied is not applied; it is reported with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assistant.chains.refine import notes_with_facts
from assistant.chains.report_back import report_back
from assistant.domain.edit_types import (
    MAX_ACTIONS,
    AddAction,
    AddFact,
    DropAction,
    Edit,
    ReplaceSection,
    RewordAction,
    Section,
    SetChannel,
    SetDate,
    SetLength,
    SetMeasure,
    SetOwner,
    SetTone,
    ShiftDates,
    describe,
    span_text,
)
from assistant.domain.schema import LENGTHS, Draft, Length, PlanAction
from assistant.domain.settle import working_day
from assistant.workflows.assemble import assemble_message


class EditFailed(Exception):
    """An edit that cannot be applied; the message says why, in plain words."""


@dataclass
class Applied:
    """The draft after the edits, what each applied edit did, and the edits that were not applied."""

    draft: Draft
    done: list[tuple[Edit, str]] = field(default_factory=list)
    refused: list[tuple[Edit, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when some edit was applied."""
        return bool(self.done)

    def with_checkins_of(self, before: Draft) -> Applied:
        """The same, with the check-ins of ``before`` kept: a request that moves the plan and leaves the check-ins
        where they are ("… but the check-ins stay"). What the edits did says so."""
        if self.draft.report_back == before.report_back:
            return self
        done = [(e, what.replace(_FOLLOW, "; the check-ins keep their dates")) for e, what in self.done]
        return Applied(self.draft.model_copy(update={"report_back": before.report_back}), done, self.refused)


_FOLLOW = "; the check-ins follow"


def _checkins_latest_first(edits: list[Edit]) -> list[Edit]:
    """``edits`` with the check-ins' new dates set latest first, in the places they had: the check-ins are kept in date
    order, so "check-ins on 16/12 and 23/12" set the first one on the 16th only once the second one is past it."""
    dated = [e for e in edits if isinstance(e, SetDate) and of_checkins(e)]
    latest = iter(sorted(dated, key=lambda e: e.date, reverse=True))
    return [next(latest) if isinstance(e, SetDate) and of_checkins(e) else e for e in edits]


def of_checkins(edit: Edit) -> bool:
    """True for an edit of the check-ins' own dates."""
    return isinstance(edit, ShiftDates | SetDate) and edit.target in ("checkins", "checkin")


def _keeps_actions(edit: Edit) -> bool:
    """True for an edit that leaves the plan's actions as they are, besides their dates (so the check-ins, which
    report on them, may keep theirs); not one of the check-ins' own."""
    return not isinstance(edit, DropAction | AddAction | RewordAction) and not of_checkins(edit)


def _days(edit: ShiftDates) -> dt.timedelta:
    return dt.timedelta(days=edit.amount * (7 if edit.unit == "weeks" else 1))


def _action_index(draft: Draft, number: int) -> int:
    if not 1 <= number <= len(draft.plan):
        raise EditFailed(f"the plan has actions 1 to {len(draft.plan)}, not {number}")
    return number - 1


def _future(day: dt.date, today: dt.date) -> dt.date:
    if day <= today:
        raise EditFailed(f"{day.isoformat()} is not after the draft's date {today.isoformat()}")
    return day


def _with_plan(draft: Draft, plan: list[PlanAction]) -> Draft:
    """The draft with a new plan, and its check-ins settled again from it."""
    return draft.model_copy(update={"plan": plan, "report_back": report_back(plan).checkins})


def _moved(draft: Draft, indexes: list[int], delta: dt.timedelta) -> Draft:
    plan = list(draft.plan)
    for i in indexes:
        plan[i] = plan[i].model_copy(update={"due": _future(working_day(plan[i].due + delta), draft.today)})
    return _with_plan(draft, plan)


def _weekend(before: list[dt.date], after: list[dt.date], delta: dt.timedelta) -> str:
    """What the reply adds when a date moved onto a weekend went on to the Monday after (:func:`working_day`)."""
    return (
        " (a date that fell on a weekend is on the Monday after)"
        if any(a != b + delta for b, a in zip(before, after, strict=True))
        else ""
    )


def apply_edit(draft: Draft, edit: Edit) -> tuple[Draft, str]:
    """The draft with one edit applied, and what was done; raises :class:`EditFailed` with the reason."""
    match edit:
        case ShiftDates(target="plan"):
            delta = _days(edit)
            moved = _moved(draft, list(range(len(draft.plan))), delta)
            weekend = _weekend([a.due for a in draft.plan], [a.due for a in moved.plan], delta)
            return moved, f"moved every due date {span_text(edit.amount, edit.unit)}{weekend}{_FOLLOW}"
        case ShiftDates(target="action"):
            i, delta = _action_index(draft, edit.action or 0), _days(edit)
            moved = _moved(draft, [i], delta)
            weekend = _weekend([draft.plan[i].due], [moved.plan[i].due], delta)
            return moved, describe(edit).replace("move", "moved", 1) + weekend
        case ShiftDates(target="checkins"):
            delta = _days(edit)
            checkins = [
                c.model_copy(update={"date": _future(working_day(c.date + delta), draft.today)})
                for c in draft.report_back
            ]
            weekend = _weekend([c.date for c in draft.report_back], [c.date for c in checkins], delta)
            said = describe(edit).replace("move", "moved", 1) + weekend
            return draft.model_copy(update={"report_back": checkins}), said
        case SetDate(target="action"):
            i = _action_index(draft, edit.number)
            plan = list(draft.plan)
            plan[i] = plan[i].model_copy(update={"due": _future(edit.date, draft.today)})
            return _with_plan(draft, plan), f"set action {edit.number} due on {edit.date.isoformat()}"
        case SetDate(target="checkin"):
            if not 1 <= edit.number <= len(draft.report_back):
                raise EditFailed(f"there are check-ins 1 to {len(draft.report_back)}, not {edit.number}")
            checkins = list(draft.report_back)
            checkins[edit.number - 1] = checkins[edit.number - 1].model_copy(
                update={"date": _future(edit.date, draft.today)}
            )
            checkins.sort(key=lambda c: c.date)
            return draft.model_copy(update={"report_back": checkins}), f"set check-in {edit.number} on {edit.date}"
        case ReplaceSection(section=section, text=text):
            return _replaced(draft, section, text.strip()), f"rewrote the {section}"
        case DropAction(number=n):
            i = _action_index(draft, n)
            if len(draft.plan) == 1:
                raise EditFailed("it is the plan's only action; a plan needs at least one")
            kept = draft.plan[:i] + draft.plan[i + 1 :]
            return _with_plan(draft, kept), f"dropped action {n} ({draft.plan[i].action})"
        case AddAction():
            return _added(draft, edit)
        case RewordAction(number=n, action=text):
            return _action_changed(draft, n, action=text.strip()), f"reworded action {n}"
        case SetOwner(number=n, owner=owner):
            return _action_changed(draft, n, owner=owner.strip()), f"made {owner.strip()} the owner of action {n}"
        case SetMeasure(number=n, measure=measure):
            return _action_changed(draft, n, measure=measure.strip()), f"changed the measure of action {n}"
        case SetChannel(channel=channel):
            return _option(draft, "channel", channel), f"wrote the message as {channel.replace('_', ' ')}"
        case SetLength(length=length):
            return _option(draft, "length", _length(draft.options.length, length)), describe(edit).replace(
                "make", "made", 1
            )
        case SetTone(tone=tone):
            return _option(draft, "tone", tone), f"made the message {tone}"
        case AddFact(fact=fact):
            notes = notes_with_facts(draft.notes, [" ".join(fact.split())])
            if notes == draft.notes:
                raise EditFailed("the notes already say it")
            return draft.model_copy(update={"notes": notes}), f"added to your notes: {fact.strip()}"
    raise EditFailed(f"unknown edit {edit.op}")


def _replaced(draft: Draft, section: Section, text: str) -> Draft:
    if section == "subject":
        new = draft.message.model_copy(update={"subject": text})
        if new == draft.message:
            raise EditFailed("the subject already reads so")
        return draft.model_copy(update={"message": new})
    value: str | list[str] = [line.strip("-• ").strip() for line in text.splitlines() if line.strip()]
    if section != "lessons":
        value = text
    if value == getattr(draft, section):
        raise EditFailed(f"the {section} already reads so")
    return draft.model_copy(update={section: value})


def _added(draft: Draft, edit: AddAction) -> tuple[Draft, str]:
    if len(draft.plan) >= MAX_ACTIONS:
        raise EditFailed(f"the plan already has {MAX_ACTIONS} actions, the most it can have")
    last = max((a.due for a in draft.plan), default=draft.today)
    due = _future(edit.due, draft.today) if edit.due else working_day(last + dt.timedelta(days=7))
    action = PlanAction(action=edit.action.strip(), owner=edit.owner.strip() or "me", due=due, measure=edit.measure)
    # appended, not sorted in by its date: "one more step" is the last, and the others keep their numbers
    return _with_plan(draft, [*draft.plan, action]), f"added the action '{action.action}', due {due.isoformat()}"


def _action_changed(draft: Draft, number: int, **update: str) -> Draft:
    i = _action_index(draft, number)
    new = draft.plan[i].model_copy(update=update)
    if new == draft.plan[i]:
        raise EditFailed(f"action {number} already reads so")
    plan = list(draft.plan)
    plan[i] = new
    return _with_plan(draft, plan)


def _length(current: Length, asked: str) -> Length:
    if asked in LENGTHS:
        return asked  # type: ignore[return-value]
    step = 1 if asked == "longer" else -1
    i = LENGTHS.index(current) + step
    if not 0 <= i < len(LENGTHS):
        raise EditFailed(f"the message is already {current}")
    return LENGTHS[i]


def _option(draft: Draft, name: str, value: str) -> Draft:
    if getattr(draft.options, name) == value:
        raise EditFailed(f"the message's {name} is already {value}")
    return draft.model_copy(update={"options": draft.options.model_copy(update={name: value})})


def _with_the_plan(edit: Edit, done: list[tuple[Edit, str]]) -> bool:
    """True for a shift of the check-ins after a date of the plan changed ("everything 3 days earlier, check-ins too";
    "the gate can be Tuesday 8 Dec, and push the two check-ins a week"): they move from where the user saw them."""
    return (
        isinstance(edit, ShiftDates)
        and edit.target == "checkins"
        and any(isinstance(e, ShiftDates | SetDate) and not of_checkins(e) for e, _ in done)
    )


def apply_edits(draft: Draft, edits: list[Edit], *, keep_checkins: bool = False) -> Applied:
    """Apply ``edits`` in order; the message is assembled again when anything changed.

    With ``keep_checkins`` (the request keeps them as they are: "move the plan a week, leave the check-ins"), a plan
    whose actions are the same, besides their dates, keeps the check-ins it had. The subject is kept (the user's own
    or the one given by an edit). Findings are not re-computed here: see :func:`assistant.workflows.refine.arefine`.
    """
    result = Applied(draft=draft)
    for edit in _checkins_latest_first(edits):
        try:
            # "everything 3 days earlier, check-ins too": the check-ins move from where they were, not from where
            # the plan's new dates settled them
            base = result.draft
            if _with_the_plan(edit, result.done):
                base = result.draft.model_copy(update={"report_back": draft.report_back})
            after, what = apply_edit(base, edit)
            if after == result.draft:
                raise EditFailed("it changes nothing in the draft")
        except EditFailed as exc:
            result.refused.append((edit, str(exc)))
        else:
            result.draft = after
            result.done.append((edit, what))
    if keep_checkins and all(_keeps_actions(e) for e, _ in result.done):
        result = result.with_checkins_of(draft)
    if result.changed:
        current = result.draft
        message = assemble_message(current, current.options, subject=current.message.subject)
        result.draft = current.model_copy(update={"message": message})
    return result
