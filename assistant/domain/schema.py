"""Typed outputs: one model per step, and the whole draft.

The ``*Output`` models are what a step's chain asks the model for (their JSON
schema is sent as ``response_format``); :class:`Draft` is what the pipeline
returns and what ``regain draft --json`` prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Channel = Literal["email", "chat", "talking_points"]
Tone = Literal["neutral", "warm", "formal", "direct"]
Length = Literal["short", "medium", "long"]

# The shared lists, declared once: the CLI's choices, the UI's radios and the refine readings use these.
CHANNELS: tuple[Channel, ...] = get_args(Channel)
TONES: tuple[Tone, ...] = get_args(Tone)
LENGTHS: tuple[Length, ...] = get_args(Length)
CHANNEL_NAMES: dict[str, str] = {"email": "Email", "chat": "Chat message", "talking_points": "Talking points"}
"""How the UI and the exports name each channel."""

SIX_STEPS = ("pain", "ownership", "lessons", "plan", "positive", "report_back")
"""The six steps of trust repair, in order, by the name every layer uses."""
STATEMENT_STEPS = ("pain", "ownership", "positive")
"""The steps whose output is one statement."""
CHECKABLE_STEPS = ("pain", "ownership", "lessons", "positive", "message")
"""The steps ``regain check --step`` checks from plain text (the plan and the check-ins need a draft's JSON)."""
STEP_TITLES = {
    "pain": "1. Show your pain",
    "ownership": "2. Own the problem",
    "lessons": "3. Show your learning",
    "plan": "4. Outline a path forward",
    "positive": "5. Be positive",
    "report_back": "6. Report back with progress",
}

CHANNEL_LABELS: dict[str, str] = {
    "email": "an email",
    "chat": "a chat message (Slack or Teams)",
    "talking_points": "talking points for a 1:1 conversation",
}


Severity = Literal["error", "warning"]


class Finding(BaseModel):
    """One problem found in one step's text."""

    rule: str = Field(description="Rule code, e.g. OWN_BLAME.")
    step: str = Field(
        description="Step the text belongs to: pain, ownership, lessons, plan, positive, report_back, message."
    )
    severity: Severity = Field(description="'error' must be fixed; 'warning' should be looked at.")
    message: str = Field(description="What is wrong, in plain words.")
    suggestion: str = Field(description="What to do instead.")
    span: str | None = Field(default=None, description="The offending words, as they appear in the text.")
    start: int | None = Field(default=None, description="Character offset of the span in the text.")
    end: int | None = Field(default=None, description="Character offset just after the span.")
    item: int | None = Field(default=None, description="Index of the list item (lesson, action, check-in), if any.")

    def plain(self) -> str:
        """One line for a person or a model: message, the words, and the suggestion."""
        where = f' ("{self.span}")' if self.span else ""
        return f"{self.message}{where} {self.suggestion}".strip()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Facts(_Strict):
    """What the notes say happened, in neutral words, without additions."""

    what_happened: str = Field(max_length=400, description="What went wrong, in one or two plain sentences.")
    act: str = Field(
        default="",
        max_length=300,
        description="The writer's own act that caused the harm, quoted from the notes (what ownership must name).",
    )
    impact: str = Field(
        max_length=400, description="The consequences: numbers, durations, money, people affected, as in the notes."
    )
    cause: str = Field(max_length=400, description="The user's part in the cause, as the notes describe it.")
    affected: list[Annotated[str, StringConstraints(max_length=80)]] = Field(
        max_length=6, description="People, teams or customers affected, as named in the notes."
    )
    leader_name: Annotated[str, StringConstraints(max_length=80)] | None = Field(
        description="The leader's name if the notes give it, else null."
    )
    leader_role: Annotated[str, StringConstraints(max_length=80)] | None = Field(
        description="The leader's role if the notes give it, else null."
    )
    already_done: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        max_length=5, description="What the user already did about it, only if the notes say so."
    )


class IntakeOutput(_Strict):
    """What the intake step asks the model for: short quotes from the notes, checked against them."""

    act: str = Field(max_length=300, description="The words of the notes that say what I did that caused the harm.")
    impact: str = Field(max_length=300, description="The words of the notes that give the harm, with its numbers.")
    cause: str = Field(max_length=300, description="The words of the notes that say why it happened, or ''.")
    already_done: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        max_length=4, description="The words of the notes for each thing already done to fix or report it."
    )


class PainOutput(_Strict):
    """Step 1: show that the problem bothers you."""

    statement: str = Field(
        max_length=600, description="Two or three sincere first-person sentences of regret about the impact."
    )


class OwnershipOutput(_Strict):
    """Step 2: own the problem."""

    statement: str = Field(
        max_length=600, description="Two or three first-person sentences taking full responsibility."
    )


class LessonsOutput(_Strict):
    """Step 3: show your learning."""

    lessons: list[Annotated[str, StringConstraints(max_length=300)]] = Field(
        min_length=1, max_length=4, description="Specific lessons tied to the cause, one sentence each."
    )


class PlanAction(_Strict):
    """One concrete action of the recovery plan."""

    action: str = Field(max_length=200, description="What will be done, starting with a concrete verb.")
    owner: str = Field(max_length=60, description="Who does it: 'me' unless the notes name someone who agreed to it.")
    due: dt.date = Field(description="Due date, YYYY-MM-DD, after today.")
    measure: str = Field(max_length=200, description="How anyone can see it is done: an observable result.")


class LessonPart(_Strict):
    """One lesson as the model writes it: the weak point and the new habit; the program joins them."""

    weak_point: str = Field(max_length=200, description="What in how I worked let this happen, starting with 'I'.")
    habit: str = Field(max_length=200, description="What I do differently from now on, starting with a verb.")


class LessonPartsOutput(_Strict):
    """What the lessons step asks the model for."""

    lessons: list[LessonPart] = Field(min_length=1, max_length=3, description="One lesson.")


class PlanStep(_Strict):
    """One action as the model writes it; the program adds the owner and the due date."""

    action: str = Field(max_length=200, description="What will be done, starting with a concrete verb.")
    measure: str = Field(max_length=200, description="What anyone can see when it is done; not the action restated.")


class PlanStepsOutput(_Strict):
    """What the plan step asks the model for."""

    actions: list[PlanStep] = Field(min_length=1, max_length=4, description="One or two concrete actions.")


class PlanOutput(_Strict):
    """Step 4: outline a path forward."""

    actions: list[PlanAction] = Field(min_length=1, max_length=4, description="Two to four concrete actions.")


class PositiveOutput(_Strict):
    """Step 5: be positive."""

    statement: str = Field(max_length=400, description="One or two forward-looking, committed sentences.")


class CheckIn(_Strict):
    """One dated check-in with the leader."""

    date: dt.date = Field(description="Date of the check-in, YYYY-MM-DD, after today.")
    report: str = Field(max_length=300, description="What will be reported at that check-in.")


class ReportBackOutput(_Strict):
    """Step 6: report back with progress."""

    checkins: list[CheckIn] = Field(min_length=1, max_length=3, description="Dated check-ins, earliest first.")


class MessageOutput(_Strict):
    """The composed message to the leader."""

    subject: str = Field(max_length=120, description="A short, plain subject line.")
    body: str = Field(max_length=2500, description="The message text, plain text, ready to send.")


class DraftOptions(BaseModel):
    """How the message should be written."""

    channel: Channel = Field(default="email", description="email, chat or talking_points.")
    tone: Tone = Field(default="neutral", description="neutral, warm, formal or direct.")
    length: Length = Field(default="medium", description="short, medium or long.")
    leader: str | None = Field(default=None, description="Leader's name or role, overriding the notes.")
    sender: str | None = Field(
        default=None, description="The writer's name for the sign-off (--name, REGAIN_USER_NAME)."
    )


class Message(BaseModel):
    """The message for one channel."""

    channel: Channel = Field(description="The channel it was written for.")
    subject: str = Field(description="Subject line (used for email).")
    body: str = Field(description="The message text.")
    assembled: bool = Field(
        default=False,
        description="True when put together from the parts by the program (the default), False "
        "when written by the model (the opt-in polish).",
    )


class StepUsage(BaseModel):
    """Token use of one step, summed over its attempts."""

    attempts: int = Field(default=0, description="Model calls made for the step.")
    prompt_tokens: int = Field(default=0, description="Prompt tokens billed or processed.")
    completion_tokens: int = Field(default=0, description="Completion tokens generated.")
    cached_tokens: int = Field(default=0, description="Prompt tokens served from the server's prefix cache.")


class Draft(BaseModel):
    """A complete recovery draft: the six steps, the facts they rest on, and the message."""

    notes: str = Field(description="The user's notes, as given.")
    today: dt.date = Field(description="The date the draft was made for.")
    options: DraftOptions = Field(default_factory=DraftOptions, description="Message options.")
    facts: Facts = Field(description="Facts taken from the notes.")
    pain: str = Field(description="Step 1: show your pain.")
    ownership: str = Field(description="Step 2: own the problem.")
    lessons: list[str] = Field(description="Step 3: what you learned.")
    plan: list[PlanAction] = Field(description="Step 4: the path forward.")
    positive: str = Field(description="Step 5: a positive, committed close.")
    report_back: list[CheckIn] = Field(description="Step 6: dated check-ins.")
    message: Message = Field(description="The composed message to the leader.")
    model: str = Field(default="", description="The model that wrote the draft.")
    usage: dict[str, StepUsage] = Field(default_factory=dict, description="Token use per step.")
    findings: list[Finding] = Field(default_factory=list, description="The validator's findings on this draft.")
    unresolved: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Problems a step still had after its re-asks: its last output is kept, marked as not passing.",
    )
    complete: bool = Field(
        default=True,
        description="False when some steps failed (see failed_steps): their parts are empty, and the draft must "
        "never be shown, sent or saved as finished.",
    )
    failed_steps: dict[str, str] = Field(
        default_factory=dict, description="Steps that failed after their retries and re-asks -> the error message."
    )
