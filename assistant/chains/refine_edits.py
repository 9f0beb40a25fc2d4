"""Refine, the model's part: a request about a finished draft as typed edits (``prompts/refine_edits.md``).

The model only decides which edits the request asks for (:class:`~assistant.workflows.edits.EditPlan`);
the program applies them (:func:`assistant.workflows.edits.apply_edits`). Plain requests never get here:
:func:`assistant.domain.edit_requests.parse_request` answers them without a model.
"""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable

from assistant.chains._step import FormatState, build_step_chain
from assistant.chains.refine import grounded_facts
from assistant.domain.edit_types import AddFact, EditPlan
from assistant.domain.step_inputs import StepInputs
from assistant.domain.text_checks import not_blank


def edits_problems(out: EditPlan, inputs: StepInputs) -> list[str]:
    """Problems of an answer: nothing understood, or facts that the request does not state (these are dropped
    by :func:`without_unstated_facts` rather than asked again)."""
    problems = not_blank("understood", out.understood)
    if not out.edits and not out.not_possible.strip():
        problems.append("there are no edits and not_possible is empty: give the edits, or say why none can be made")
    for edit in out.edits:
        if isinstance(edit, AddFact) and not grounded_facts([edit.fact], inputs.request):
            problems.append(f"the fact '{edit.fact}' is not in my request: add only facts I state")
    return problems


def without_unstated_facts(out: EditPlan, inputs: StepInputs) -> EditPlan | None:
    """The answer without the facts that the request does not state (None if it had none)."""
    kept = [e for e in out.edits if not isinstance(e, AddFact) or grounded_facts([e.fact], inputs.request)]
    return out.model_copy(update={"edits": kept}) if len(kept) < len(out.edits) else None


def build_refine_edits_chain(
    model: BaseChatModel, *, max_reasks: int = 2, format_state: FormatState | None = None
) -> Runnable[StepInputs, EditPlan]:
    """Runnable taking :func:`assistant.workflows.step_inputs.refine_inputs` and returning :class:`EditPlan`."""
    return build_step_chain(
        "refine_edits",
        model,
        EditPlan,
        max_reasks=max_reasks,
        checks=[edits_problems],
        format_state=format_state,
        salvage=without_unstated_facts,
    )
