"""Model and API faults through the real path: openai client -> OpenAIChatModel -> Pipeline -> fault server."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from chain_support import NOTES, OPEN_LINE, TODAY
from fault_server import ANY, MODEL, Fault, FaultServer
from langchain_core.messages import HumanMessage

from assistant.domain.errors import ModelAPIError, PartialDraftError, TransientModelError
from assistant.domain.schema import Draft
from assistant.domain.settle import wording
from assistant.model.backend import open_backend
from assistant.model.budget import CallBudget
from assistant.model.llm import OpenAIChatModel
from assistant.model.prompts import load_prompt
from assistant.model.settings import Settings
from assistant.model.testing import STEP_MARKERS
from assistant.output.markdown import draft_markdown
from assistant.workflows.draft import Pipeline, adraft

FAST = {  # generous timeouts (a loaded machine must not turn a good answer into a retry), tiny backoff
    "timeout": 3.0,
    "connect_timeout": 3.0,
    "stall_timeout": 3.0,
    "retry_backoff": 0.01,
    "retry_max_wait": 1.0,
    "max_retries": 2,
    "call_deadline": 5.0,
}


def fault_settings(server: FaultServer, **overrides: Any) -> Settings:
    """Settings that point at the fault server, with short timeouts and tiny backoff."""
    values: dict[str, Any] = {"backend": "openai", "base_url": server.base_url, "api_key": "test", "model": MODEL}
    return Settings(**{**values, **FAST, **overrides})


def _model(server: FaultServer, **overrides: Any) -> OpenAIChatModel:
    with open_backend(fault_settings(server, **overrides)) as backend:
        return backend.chat_model


# Notes that leave something open: the plan then asks the model (with nothing open it makes no call).
OPEN_NOTES = f"{NOTES}\n{OPEN_LINE}"


def _draft(
    server: FaultServer,
    *,
    max_reasks: int = 2,
    budget: CallBudget | None = None,
    notes: str = NOTES,
    **overrides: Any,
) -> Draft:
    settings = fault_settings(server, **overrides)
    pipeline = Pipeline(_model(server, **overrides), max_reasks=max_reasks, max_calls=settings.max_calls_per_session)
    return asyncio.run(adraft(notes, pipeline, today=TODAY, budget=budget))


def _partial(server: FaultServer, **kwargs: Any) -> PartialDraftError:
    with pytest.raises(PartialDraftError) as info:
        _draft(server, **kwargs)
    return info.value


def _reasked(server: FaultServer, step: str) -> bool:
    last = server.calls(step)[-1].body["messages"]
    return last[-1]["role"] == "user" and "Your answer has these problems" in last[-1]["content"]


# --- transport faults: retried by the one retry layer ---------------------------------------------------


def test_429_is_retried_after_the_wait_the_server_asks_for(fault_server: FaultServer) -> None:
    fault_server.plan("pain", Fault.status(429, retry_after=0.3))
    draft = _draft(fault_server)
    assert draft.complete and draft.failed_steps == {}
    assert len(fault_server.calls("pain")) == 2
    assert fault_server.gaps("pain")[0] >= 0.3  # the server's clock: Retry-After, not the 0.01 s backoff


def test_a_long_retry_after_is_cut_to_the_max_wait(fault_server: FaultServer) -> None:
    fault_server.plan("pain", Fault.status(429, retry_after=60))
    draft = _draft(fault_server, retry_max_wait=0.2)
    assert draft.complete
    assert 0.2 <= fault_server.gaps("pain")[0] < 5


def test_500_and_503_are_retried_with_growing_backoff(fault_server: FaultServer) -> None:
    fault_server.plan("ownership", Fault.status(500), Fault.status(503))
    draft = _draft(fault_server, retry_backoff=0.1)
    assert draft.complete and draft.ownership
    assert len(fault_server.calls("ownership")) == 3
    first, second = fault_server.gaps("ownership")
    assert first >= 0.1 * 0.75 and second >= 0.2 * 0.75  # exponential, at most 25 % jitter off


def test_500_forever_gives_up_after_bounded_attempts_and_keeps_the_rest(fault_server: FaultServer) -> None:
    fault_server.always("pain", Fault.status(500))
    error = _partial(fault_server, max_reasks=2)
    assert len(fault_server.calls("pain")) == 3  # max_retries + 1; the step does not re-ask on top of it
    assert "Server error 500" in error.failed_steps["pain"] and "3 attempts" in error.failed_steps["pain"]
    assert isinstance(error.__cause__, TransientModelError) and error.cause == "server_error"
    draft = error.draft
    assert (draft.complete, draft.pain, draft.notes) == (False, "", NOTES)
    assert draft.ownership and draft.lessons and draft.plan and draft.report_back and draft.positive
    assert set(draft.failed_steps) == {"pain"} and fault_server.calls("compose") == []
    # the pain failed: the message still opens with the program's regret for the notes' harm, then the ownership
    harm = "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
    regret = f"{wording(None).sorry.format(harm=harm)} {wording(None).landed}"
    assert draft.message.body.startswith(
        f"Hi Dana,\n\n{regret}\n\nI pushed the change without running the staging tests."
    )
    assert error.exit_code == ModelAPIError.exit_code


@pytest.mark.parametrize(("code", "needle"), [(400, "refused the request (400)"), (401, "rejected the API key (401)")])
def test_400_and_401_are_never_retried(fault_server: FaultServer, code: int, needle: str) -> None:
    fault_server.always(ANY, Fault.status(code))
    with pytest.raises(ModelAPIError, match=needle.replace("(", r"\(").replace(")", r"\)")) as info:
        _draft(fault_server)
    assert not isinstance(info.value, (TransientModelError, PartialDraftError))  # intake failed: no draft at all
    # one request each: the intake, and the pain written alongside it (cancelled when the intake failed)
    assert [r.step for r in fault_server.requests if r.step != "pain"] == ["intake"]
    assert len(fault_server.calls("pain")) in (0, 1)


def test_a_hanging_server_times_out_with_an_error_naming_regain_timeout(fault_server: FaultServer) -> None:
    fault_server.always("intake", Fault("hang"))
    with pytest.raises(TransientModelError, match="REGAIN_TIMEOUT") as info:
        _draft(fault_server, timeout=0.3, stall_timeout=0.3, max_retries=1)
    assert info.value.cause == "timeout" and "did not answer within 0.3s (2 attempts)" in str(info.value)
    assert len(fault_server.calls("intake")) == 2


def test_a_dropped_connection_is_retried(fault_server: FaultServer) -> None:
    fault_server.plan("intake", Fault("drop"))
    assert _draft(fault_server).complete
    assert len(fault_server.calls("intake")) == 2


def test_a_connection_dropped_every_time_names_the_cause(fault_server: FaultServer) -> None:
    fault_server.always("intake", Fault("drop"))
    with pytest.raises(TransientModelError, match="dropped the connection") as info:
        _draft(fault_server)
    assert info.value.cause == "connection" and len(fault_server.calls("intake")) == 3


def test_a_cut_stream_is_restarted_from_scratch(fault_server: FaultServer) -> None:
    fault_server.plan("lessons", Fault("cut"))
    draft = _draft(fault_server)
    assert draft.complete and draft.lessons
    assert len(fault_server.calls("lessons")) == 2


def test_a_stream_cut_every_time_is_restarted_only_once(fault_server: FaultServer) -> None:
    fault_server.always("lessons", Fault("cut"))
    error = _partial(fault_server)
    assert len(fault_server.calls("lessons")) == 2  # one restart, although max_retries is 2
    assert error.failed_steps["lessons"].startswith("Stream cut:")


# --- bad answers: re-asked by the step ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["malformed", "truncated"])
def test_malformed_or_truncated_json_is_reasked_then_ok(fault_server: FaultServer, kind: Any) -> None:
    fault_server.plan("plan", Fault(kind))
    draft = _draft(fault_server, notes=OPEN_NOTES)  # something open: the plan asks the model
    assert draft.complete and draft.plan
    assert len(fault_server.calls("plan")) == 2 and _reasked(fault_server, "plan")


@pytest.mark.parametrize("kind", ["refusal", "refusal_text"])
def test_a_refusal_is_asked_once_more_then_named(fault_server: FaultServer, kind: Any) -> None:
    fault_server.always("positive", Fault(kind))
    error = _partial(fault_server)
    assert len(fault_server.calls("positive")) == 2 and _reasked(fault_server, "positive")
    assert error.failed_steps["positive"].startswith("Refusal: the model refused to write the 'positive' step")
    assert error.draft.positive == "" and error.draft.pain


def test_one_refusal_then_an_answer_is_fine(fault_server: FaultServer) -> None:
    fault_server.plan("positive", Fault("refusal"))
    assert _draft(fault_server).complete


def test_a_length_cut_is_reasked_shorter(fault_server: FaultServer) -> None:
    fault_server.plan("pain", Fault("length"))
    assert _draft(fault_server).complete
    hint = fault_server.calls("pain")[-1].body["messages"][-1]["content"]
    assert "cut off because it was too long" in hint


def test_length_cuts_twice_end_in_an_error_naming_max_tokens(fault_server: FaultServer) -> None:
    fault_server.always("ownership", Fault("length"))
    error = _partial(fault_server)
    assert len(fault_server.calls("ownership")) == 2
    assert "Output cut at max_tokens" in error.failed_steps["ownership"]
    assert "REGAIN_MAX_TOKENS_PER_CALL" in error.failed_steps["ownership"]


# --- partial drafts and consumption ---------------------------------------------------------------------


def test_an_incomplete_draft_opens_with_a_banner_naming_the_failed_steps(fault_server: FaultServer) -> None:
    fault_server.always("plan", Fault.status(503))
    draft = _partial(fault_server, notes=OPEN_NOTES).draft  # something open: the plan asks the model
    assert set(draft.failed_steps) == {"plan", "report_back"}
    assert "because the 'plan' step failed" in draft.failed_steps["report_back"]
    text = draft_markdown(draft)
    assert text.splitlines()[0] == (
        "> **INCOMPLETE – these steps failed: 4. Outline a path forward, 6. Report back with progress.** "
        "Do not send this draft as it is."
    )
    assert draft.pain in text and "Here is my plan:" not in draft.message.body
    assert draft.model_dump(mode="json")["complete"] is False


def test_every_request_sends_max_tokens_within_the_cap(fault_server: FaultServer) -> None:
    fault_server.plan("pain", Fault("malformed"))
    _draft(fault_server, max_tokens_per_call=500, notes=OPEN_NOTES)  # something open: the plan asks the model too
    sent = {(r.step, r.body["max_tokens"]) for r in fault_server.requests}
    # report_back and the message are settled by the program: no request of their own
    assert {step for step, _ in sent} == {"intake", "pain", "ownership", "lessons", "plan", "positive"}
    assert all(0 < tokens <= 500 for _, tokens in sent)
    pain_tokens = load_prompt("pain").max_tokens
    assert pain_tokens is not None and pain_tokens < 500
    assert ("pain", pain_tokens) in sent and ("intake", 300) in sent  # the prompt's own value, or the cap if lower


def test_the_call_cap_stops_a_draft_and_names_the_setting(fault_server: FaultServer) -> None:
    error = _partial(fault_server, max_calls_per_session=4)
    assert len(fault_server.requests) == 4
    assert any("REGAIN_MAX_CALLS_PER_SESSION" in message for message in error.failed_steps.values())
    assert error.draft.complete is False and error.draft.facts.leader_name == "Dana"


def test_a_session_budget_is_shared_by_drafts(fault_server: FaultServer) -> None:
    budget = CallBudget(9)
    # 5 calls: the intake and the four writing steps (the plan makes no call when the notes leave nothing open)
    assert _draft(fault_server, budget=budget).complete and budget.used == 5
    _partial(fault_server, budget=budget)  # 4 calls left for a draft that needs 5
    assert budget.used == 9 and len(fault_server.requests) == 9


def test_whole_answers_and_the_sync_path_retry_the_same_way(fault_server: FaultServer) -> None:
    model = _model(fault_server).model_copy(update={"streaming": False})
    fault_server.plan("pain", Fault.status(503), Fault("drop"))
    messages = [HumanMessage(content=f"{STEP_MARKERS['pain']} write it.")]
    reply = model.invoke(messages)
    assert json.loads(str(reply.content)) == fault_server.answers["pain"]
    assert [r.body.get("stream", False) for r in fault_server.calls("pain")] == [False, False, False]
    fault_server.always("pain", Fault.status(401))
    with pytest.raises(ModelAPIError, match=r"\(401\)"):
        model.invoke(messages)
    assert len(fault_server.calls("pain")) == 4
