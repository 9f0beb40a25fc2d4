"""Step 4, outline a path forward (``prompts/plan.md``).

The model writes each action and its measure; the program settles the rest: the owner is
"me", the due dates are one a week from a week out, on working days, and an action that repeats
what the notes say is already done is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.chains._step import Check, FormatState, as_runnable, build_step_chain, finished_by
from assistant.domain.evidence import evidence_for
from assistant.domain.language import detect_language
from assistant.domain.notes_done import done_in_notes, open_in_notes, open_verb, repeats_done, work_words
from assistant.domain.restating import restates
from assistant.domain.schema import PlanAction, PlanOutput, PlanStep, PlanStepsOutput
from assistant.domain.settle import due_dates, split_lesson, wording
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import not_blank

OWNER = "me"
MIN_ACTIONS = 2
_LEAST_ACTION_WORDS = 3  # "Add" alone, or "Call Anja", says too little to be checked


_PURPOSE = re.compile(r",?\s+(?:(?:in order\s+)?to|so as to|and)\s+(?:ensure|make sure)\b.*$", re.IGNORECASE)
_VAGUE_MEASURE = re.compile(r"\b(?:will|to)\s+(?:ensure|make sure|help|prevent|reduce)\b", re.IGNORECASE)


def tidy_steps(output: PlanStepsOutput) -> PlanStepsOutput:
    """Each action and measure without a trailing "to ensure ..." clause, which says nothing anyone can see; a
    measure that restates its action or only says what it will ensure is replaced by what the action leaves
    behind to be seen (:func:`evidence_for`)."""
    steps = []
    for s in output.actions:
        action, measure = _PURPOSE.sub("", s.action).strip(), _PURPOSE.sub("", s.measure).strip()
        if action and (not measure or restates(measure, action=action) or _VAGUE_MEASURE.search(measure)):
            measure = evidence_for(action)
        steps.append(s.model_copy(update={"action": action, "measure": measure}))
    return output.model_copy(update={"actions": steps})


def _habit(lesson: str) -> str:
    """The lesson's new habit (the part after "so I now"), short enough for an action; "" when there is none."""
    habit = split_lesson(lesson)[1]
    if len(habit) > _HABIT_CHARS:
        habit = habit.split(",")[0].strip()
    if not habit or _PAST.match(habit):  # "skipped the metadata scrub b/c ...": the cause again, not a habit
        return ""
    return habit if len(habit.split()) >= 3 and len(habit) <= _HABIT_CHARS else ""


_HABIT_CHARS = 110
_PAST = re.compile(
    r"^(?:\w+ed|sent|left|forgot|ran|did|was|were|made|took|got|had|didn't|did not|(?:should|could|would) have)\b", re.I
)


def says_what_happened(habit: str) -> bool:
    """A "habit" in the past tense ("skipped the metadata scrub b/c it was late"): what happened, not what I now do."""
    return bool(_PAST.match(habit.strip()))


def lesson_habit(inputs: StepInputs) -> str | None:
    """The first lesson's new habit ("double-check the host before running a cleanup script"); None when there is
    none, when it is work already done ("set deadline reminders"), or the cause again ("skip the scrub ...")."""
    done = _done(inputs)
    facts = inputs.facts
    cause = facts.cause if facts is not None else ""
    habits = [
        h
        for h in (_habit(lesson) for lesson in inputs.lessons)
        if h and not repeats_done(h, done) and not says_the_cause_again(h, cause)
    ]
    return habits[0] if habits else None


def habit_step(inputs: StepInputs) -> PlanStep | None:
    """The action that makes the first lesson's habit a step of the work itself, in the notes' language: the
    lessons step has written exactly what changes, so the plan does not ask the model to say it again."""
    habit = lesson_habit(inputs)
    if habit is None:
        return None
    action, measure = wording(detect_language(inputs.notes)).checklist
    return PlanStep(action=action.format(habit=habit), measure=measure)


def says_the_cause_again(habit: str, cause: str) -> bool:
    """A "habit" that is the cause again: "skip the metadata scrub b/c it was late" for "skipped the metadata
    scrub b/c it was late" (its first verb is the cause's, or it gives a reason). "Check the batch-id" for
    "skipped the batch-id check" shares the cause's words, and is a habit."""
    if re.search(r"\b(?:b/c|because|since)\b", habit, re.I):
        return True
    first = [re.findall(r"[a-z]+", text.lower())[:1] for text in (habit, cause)]
    return bool(first[0] and first[1]) and first[0][0][:4] == first[1][0][:4]


def _done(inputs: StepInputs) -> list[str]:
    facts = inputs.facts
    return list(facts.already_done) if facts is not None else done_in_notes(inputs.notes)


def asked_actions(inputs: StepInputs) -> int:
    """How many actions the model writes: one for what the notes leave open, one that builds the lesson into
    the work when there is no lesson to build it from; 0 when the program writes the whole plan."""
    still_open = bool(open_in_notes(inputs.notes))
    return int(still_open) + int(habit_step(inputs) is None)


def lookback_step(inputs: StepInputs) -> PlanStep:
    """Going back over my other recent work of the kind, in the program's words and the notes' language."""
    action, measure = wording(detect_language(inputs.notes)).lookback
    return PlanStep(action=action, measure=measure)


def planned_steps(steps: list[PlanStep], inputs: StepInputs) -> list[PlanStep]:
    """The plan's actions: the lesson's habit made a step of the work (:func:`habit_step`, or the model's first
    action when there is no lesson), then the model's action for what the notes leave open, or, with nothing
    open or an action that shares no word with what is open, going back over my other recent work of the kind
    (the program's words, in the notes' language): a small model's action beside the point is worse than none."""
    notes = inputs.notes
    lookback = lookback_step(inputs)
    mine = [step for step in steps if step.action not in (lookback.action,)]
    habit = habit_step(inputs)
    first = [habit] if habit is not None else mine[:1]
    rest = mine[1:] if habit is None else [s for s in mine if s.action != habit.action]
    still_open = open_in_notes(notes)
    if habit is not None:  # the model's one action is for what is open: kept only when it is about that
        rest = [step for step in rest if work_words(step.action) & work_words(" ".join(still_open))]
    second = rest[:1] if still_open and rest else [lookback]
    return [*first, *second]


def settle_plan(steps: list[PlanStep], today: dt.date) -> PlanOutput:
    """The model's actions with the owner and due dates the program sets."""
    dues = due_dates(today, len(steps))
    return PlanOutput(
        actions=[
            PlanAction(action=s.action.strip().rstrip("."), owner=OWNER, due=due, measure=s.measure.strip().rstrip("."))
            for s, due in zip(steps, dues, strict=True)
        ]
    )


_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "for",
        "in",
        "on",
        "at",
        "by",
        "and",
        "or",
        "is",
        "are",
        "be",
        "will",
        "with",
        "that",
        "this",
        "it",
        "its",
        "my",
        "our",
        "i",
        "me",
        "every",
        "each",
        "all",
    ]
)


def says_the_act_again(action: str, act: str) -> bool:
    """True when the action is mostly the words of my act as the notes put it ("Push the config change without
    the tests" for "pushed the config change w/o the tests"): most, not all, since the notes' words are shorthand.
    A measure that restates its action is another rule, the validator's (:func:`~assistant.domain.restating.restates`).
    """
    words = [w for w in re.findall(r"[a-z]+", action.lower()) if w not in _STOP]
    have = {w[:5] for w in re.findall(r"[a-z]+", act.lower()) if w not in _STOP}
    return bool(words) and sum(w[:5] in have for w in words) / len(words) >= 0.7


def plan_problems(plan: PlanStepsOutput, inputs: StepInputs) -> list[str]:
    """Every action needs text and a measure; as many as asked; none that says the act again. A measure that
    restates its action is replaced by :func:`tidy_steps` (the rule of ``PLAN_MEASURE``); an action that plans work
    already done is the validator's ``GND_ALREADY_DONE``, which the pipeline adds to the step's checks."""
    problems: list[str] = []
    facts = inputs.facts
    act = facts.act if facts is not None else ""
    for i, item in enumerate(plan.actions, 1):
        if act and says_the_act_again(item.action, act):
            problems.append(
                f"Action {i} says again what I did wrong; say what I will do to put it right or prevent it."
            )
    if len(plan.actions) < (asked := asked_actions(inputs)):
        problems.append(f"Give {asked} actions; you gave {len(plan.actions)}.")
    for i, item in enumerate(plan.actions, 1):
        problems += not_blank(f"action of item {i}", item.action)
        if 0 < len(item.action.split()) < _LEAST_ACTION_WORDS:
            problems.append(f'Action {i} is only "{item.action.strip()}"; say what I will do and to what.')
        problems += not_blank(f"measure of item {i}", item.measure)
    return problems


def learned_text(lessons: list[str]) -> str:
    """What the lessons say I now do, as one line: each lesson's habit (the part after "so I now")."""
    habits = [split_lesson(lesson)[1] or lesson.strip().rstrip(".") for lesson in lessons]
    return "; ".join(h for h in habits if h) or "nothing written yet"


def plan_inputs(inputs: StepInputs) -> StepInputs:
    """What the plan prompt needs besides the shared inputs: what is already done, what is still open and what I
    learned, each as one line, and the task for the actions the model writes (:func:`asked_actions`)."""
    facts = inputs.facts
    done = "; ".join(facts.already_done) if facts is not None and facts.already_done else "nothing yet"
    still_open = open_in_notes(inputs.notes)
    learned = learned_text(list(inputs.lessons))
    if habit_step(inputs) is None:
        task = _TWO_ACTIONS if still_open else _ONE_ACTION
    else:
        task = _OPEN_ACTION
    verb = open_verb(still_open[0]) if still_open and detect_language(inputs.notes) is None else None
    task = task.replace("{verb}", f'"{verb} …"' if verb else _ANY_VERB)
    return inputs.with_texts(done=done, open="; ".join(still_open) or "nothing", learned=learned, task=task)


_FIRST = """builds what I learned into the work itself, so that it no longer rests on my memory: name the exact form,
  tool, script, checklist or review step it changes ("Add", "Put", "Set up")."""
_OPEN = """does what is still open above: it starts with {verb}, then the words of what is still open, with
  their names and numbers. Never what is already done, and never telling my leader, who is reading this."""
_ANY_VERB = 'a verb for what I will do about it ("Tell", "Find", "Chase", "Finish")'
_ONE_ACTION = f"one action I will take, about my case only. It {_FIRST}"
_OPEN_ACTION = f"one action I will take, about my case only. It {_OPEN}"
_TWO_ACTIONS = f"""two actions I will take, about my case only.
- Action 1 {_FIRST}
- Action 2 {_OPEN}"""


def build_plan_chain(
    model: BaseChatModel,
    *,
    max_reasks: int = 2,
    format_state: FormatState | None = None,
    extra_check: Check | None = None,
    salvage: Callable[[PlanStepsOutput, StepInputs], PlanStepsOutput | None] | None = None,
) -> Runnable[StepInputs, PlanOutput]:
    """Runnable taking the shared inputs with the lessons (``inputs.lessons``) and returning :class:`PlanOutput`."""
    steps = build_step_chain(
        "plan",
        model,
        PlanStepsOutput,
        max_reasks=max_reasks,
        checks=[plan_problems, extra_check],
        format_state=format_state,
        repair=tidy_steps,
        salvage=salvage,
    )

    def finish(output: PlanStepsOutput, inputs: StepInputs) -> PlanOutput:
        return settle_plan(planned_steps(output.actions, inputs), inputs.today)

    finished = finished_by(steps, finish, "plan", prepare=plan_inputs)

    async def run(inputs: StepInputs, config: RunnableConfig | None = None) -> PlanOutput:
        if asked_actions(inputs) == 0:  # the lesson's habit and the look back: nothing for the model to write
            return finish(PlanStepsOutput(actions=planned_steps([], inputs)), inputs)
        return await finished.ainvoke(inputs, config=config)  # type: ignore[no-any-return]

    return as_runnable(run, "plan")
