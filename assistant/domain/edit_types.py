"""Typed edits of a finished draft: what a refine request asks for, as data.

A refine request becomes a list of edits (by the parser in :mod:`assistant.domain.edit_requests`, or by
the model in :mod:`assistant.chains.refine_edits`); :mod:`assistant.workflows.edits` applies them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from assistant.domain.schema import Channel, Draft, Length, Tone

Section = Literal["pain", "ownership", "lessons", "positive", "subject"]
MAX_ACTIONS = 4
_Text = Annotated[str, StringConstraints(min_length=1, max_length=600)]


class _Edit(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ShiftDates(_Edit):
    """Move dates by a number of days or weeks (negative: earlier)."""

    op: Literal["shift_dates"] = "shift_dates"
    target: Literal["plan", "checkins", "action"] = Field(
        description="plan: every due date (the check-ins follow); checkins: only the check-ins; action: one action."
    )
    action: int | None = Field(default=None, description="The action's number, from 1, when target is 'action'.")
    amount: int = Field(ge=-52, le=52, description="How many days or weeks; negative moves earlier.")
    unit: Literal["days", "weeks"] = Field(default="days", description="days or weeks.")


class SetDate(_Edit):
    """Give one action (or one check-in) a new date."""

    op: Literal["set_date"] = "set_date"
    target: Literal["action", "checkin"] = Field(description="action or checkin.")
    number: int = Field(description="The action's or check-in's number, from 1.")
    date: dt.date = Field(description="The new date, YYYY-MM-DD, after today.")


class ReplaceSection(_Edit):
    """Replace a section's whole text (lessons: one lesson a line)."""

    op: Literal["replace_section"] = "replace_section"
    section: Section = Field(description="pain, ownership, lessons, positive or subject.")
    text: _Text = Field(description="The whole new text of the section.")


class DropAction(_Edit):
    """Remove one action from the plan."""

    op: Literal["drop_action"] = "drop_action"
    number: int = Field(description="The action's number, from 1.")


def _me(owner: str) -> str:
    """The writer as "me", however the model spells it ("Me", "I", "myself")."""
    return "me" if owner.strip(" .").lower() in ("me", "i", "myself") else owner


class AddAction(_Edit):
    """Add an action to the plan (due a week after the last one unless a date is given)."""

    op: Literal["add_action"] = "add_action"
    action: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="What will be done, starting with a concrete verb."
    )
    measure: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="What anyone can see when it is done."
    )
    owner: str = Field(default="me", max_length=60, description="Who does it; 'me' unless someone agreed.")
    due: dt.date | None = Field(default=None, description="Due date, YYYY-MM-DD, or null for a week after the last.")

    @field_validator("owner")
    @classmethod
    def _the_writer_as_me(cls, owner: str) -> str:
        return _me(owner)


class RewordAction(_Edit):
    """Change what one action says."""

    op: Literal["reword_action"] = "reword_action"
    number: int = Field(description="The action's number, from 1.")
    action: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(description="The new wording.")


class SetOwner(_Edit):
    """Change who does one action."""

    op: Literal["set_owner"] = "set_owner"
    number: int = Field(description="The action's number, from 1.")
    owner: Annotated[str, StringConstraints(min_length=1, max_length=60)] = Field(description="The new owner.")

    @field_validator("owner")
    @classmethod
    def _the_writer_as_me(cls, owner: str) -> str:
        return _me(owner)


class SetMeasure(_Edit):
    """Change how one action is seen to be done."""

    op: Literal["set_measure"] = "set_measure"
    number: int = Field(description="The action's number, from 1.")
    measure: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(description="The new measure.")


class SetChannel(_Edit):
    """Write the message for another channel."""

    op: Literal["set_channel"] = "set_channel"
    channel: Channel = Field(description="email, chat or talking_points.")


class SetLength(_Edit):
    """Make the message shorter or longer."""

    op: Literal["set_length"] = "set_length"
    length: Length | Literal["shorter", "longer"] = Field(description="short, medium, long, shorter or longer.")


class SetTone(_Edit):
    """Write the message's greeting and sign-off in another tone."""

    op: Literal["set_tone"] = "set_tone"
    tone: Tone = Field(description="neutral, warm, formal or direct.")


class AddFact(_Edit):
    """Add a fact the user states to the notes, so that the checks accept it."""

    op: Literal["add_fact"] = "add_fact"
    fact: Annotated[str, StringConstraints(min_length=1, max_length=200)] = Field(
        description="The fact, in the user's own words."
    )


Edit = (
    ShiftDates
    | SetDate
    | ReplaceSection
    | DropAction
    | AddAction
    | RewordAction
    | SetOwner
    | SetMeasure
    | SetChannel
    | SetLength
    | SetTone
    | AddFact
)


class EditPlan(_Edit):
    """What the model makes of a refine request: the edits, and what cannot be done."""

    understood: str = Field(max_length=300, description="The request in one plain sentence, as understood.")
    edits: list[Edit] = Field(max_length=6, description="The edits that do what the request asks; [] if none can.")
    not_possible: str = Field(
        max_length=300, description="What of the request no edit can do, and why, in plain words; '' if all can."
    )


class RewriteOutput(_Edit):
    """One section written again, as the model answers a request to rewrite it (the program puts it in)."""

    text: _Text = Field(description="The section's whole new text (lessons: one lesson a line).")


class TranslateOutput(_Edit):
    """The user's own words for a part of the draft, in the draft's language (the program puts them in)."""

    text: _Text = Field(description="The words in the draft's language.")


def section_text(draft: Draft, section: Section) -> str:
    """A section of ``draft`` as text (the lessons one a line; the subject is the message's)."""
    if section == "lessons":
        return "\n".join(draft.lessons)
    return draft.message.subject if section == "subject" else str(getattr(draft, section))


def describe(edit: Edit) -> str:
    """What an edit asks for, in plain words (for a reply about an edit not applied)."""
    match edit:
        case ShiftDates(target=target, action=n, amount=amount, unit=unit):
            action = f"action {n}" if n is not None else "an action"
            what = {"plan": "every due date", "checkins": "the check-ins", "action": action}[target]
            return f"move {what} {span_text(amount, unit)}"
        case SetDate(target=target, number=n, date=date):
            return f"set the date of {target} {n} to {date.isoformat()}"
        case ReplaceSection(section=section):
            return f"rewrite the {section}"
        case DropAction(number=n):
            return f"drop action {n}"
        case AddAction(action=text):
            return f"add the action '{text}'"
        case RewordAction(number=n):
            return f"reword action {n}"
        case SetOwner(number=n, owner=owner):
            return f"make {owner} the owner of action {n}"
        case SetMeasure(number=n):
            return f"change the measure of action {n}"
        case SetChannel(channel=channel):
            return f"write the message as {channel.replace('_', ' ')}"
        case SetLength(length=length):
            return f"make the message {length}"
        case SetTone(tone=tone):
            return f"make the message {tone}"
        case AddFact(fact=fact):
            return f"add to the notes: {fact}"
    return edit.op


_SPELLED = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def span_text(amount: int, unit: str) -> str:
    """'one week later', '3 days earlier' (numbers to ten spelled out)."""
    n = abs(amount)
    count = _SPELLED[n] if n < len(_SPELLED) else str(n)
    return f"{count} {unit[:-1] if n == 1 else unit} {'later' if amount >= 0 else 'earlier'}"
