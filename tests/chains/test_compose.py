"""Compose: the message to the leader."""

from __future__ import annotations

import contextlib
import json

import pytest
from chain_support import (
    GOOD,
    assert_json_schema_requested,
    assert_prompt_layout,
    assert_reask,
    run,
    sample_draft,
    step_inputs,
    validated_chain,
)

from assistant.chains import build_compose_chain
from assistant.chains.compose import length_text
from assistant.domain.errors import OutputValidationError
from assistant.domain.schema import DraftOptions, MessageOutput
from assistant.model.testing import ScriptedChatModel
from assistant.workflows.draft import Pipeline


def _message(body: str, subject: str = "Friday's outage") -> str:
    return json.dumps({"subject": subject, "body": body})


def test_happy_path_returns_the_message_and_sees_every_part() -> None:
    model = ScriptedChatModel(script={"compose": GOOD["compose"]})
    out = run(build_compose_chain(model), step_inputs("compose"))
    assert out == MessageOutput.model_validate(GOOD["compose"])
    assert_prompt_layout(model.calls[0], "compose")
    assert_json_schema_requested(model.calls[0], "compose", "MessageOutput")
    user = str(model.calls[0]["messages"][1].content)
    draft = sample_draft()
    for part in (draft.pain, draft.ownership, draft.lessons[0], draft.plan[0].action, draft.positive):
        assert part in user
    assert "write an email to my leader (Dana) in a neutral tone, at most 200 words in total" in user


def test_length_text_counts_bullets_for_talking_points() -> None:
    assert length_text("talking_points", "short") == "at most 6 bullet lines"
    assert length_text("chat", "long") == "at most 120 words"


def _reask_of(bad: str, options: DraftOptions | None = None) -> str:
    """The re-ask a draft's compose step sends after ``bad``: the step's checks and the validator's."""
    model = ScriptedChatModel(script={"compose": [bad, GOOD["compose"]]})
    with contextlib.suppress(OutputValidationError):
        run(validated_chain("compose", model, max_reasks=1), step_inputs("compose", options))
    assert_reask(model.calls[1], bad)
    return str(model.calls[1]["messages"][-1].content)


def test_over_long_message_is_reasked_once_against_the_length_chosen() -> None:
    reask = _reask_of(_message(" ".join(["sorry"] * 100)), DraftOptions(channel="chat", length="short"))
    assert "The chat has 100 words; keep it to 60 or fewer. Shorten each part to its essentials." in reask
    assert reask.count("words") == 1  # one length complaint, not the chosen length's and the hard limit's


def test_too_many_talking_points_are_reasked() -> None:
    bad = _message("\n".join(f"- point {i}" for i in range(9)))
    reask = _reask_of(bad, DraftOptions(channel="talking_points", length="short"))
    assert "The talking points have 9 lines; use at most 6. Merge or drop points until there are 6 or fewer." in reask
    assert reask.count(" lines") == 1


def test_inline_placeholder_is_reasked_once() -> None:
    reask = _reask_of(_message("Hi [Name], I'm sorry about Friday."))
    assert 'The message still has a placeholder. ("[Name]") Replace it with the real words, or remove it.' in reask
    assert reask.count("placeholder") == 1


def test_placeholder_signature_line_is_dropped_without_a_reask() -> None:
    model = ScriptedChatModel(script={"compose": _message("Dana, I'm sorry about Friday.\n\nBest,\n[Your Name]\n")})
    out = run(build_compose_chain(model), step_inputs("compose"))
    assert out.body == "Dana, I'm sorry about Friday.\n\nBest,"
    assert len(model.calls) == 1


def test_a_line_that_is_only_a_tag_is_dropped_without_a_reask() -> None:
    model = ScriptedChatModel(script={"compose": _message("Dana, I'm sorry about Friday.\n<br>\nBest,")})
    out = run(build_compose_chain(model), step_inputs("compose"))
    assert out.body == "Dana, I'm sorry about Friday.\nBest,"
    assert len(model.calls) == 1


def test_gives_up_when_a_reask_brings_no_fewer_problems() -> None:
    bad = _message("Dear <leader>, sorry.")
    model = ScriptedChatModel(script={"compose": bad})
    with pytest.raises(OutputValidationError) as info:
        run(validated_chain("compose", model, max_reasks=2), step_inputs("compose"))
    assert (info.value.step, info.value.n_attempts, info.value.last_output) == ("compose", 2, bad)
    assert isinstance(info.value.last_parsed, MessageOutput)


def test_a_polish_that_names_the_checkin_dates_is_not_reasked() -> None:
    draft = sample_draft()
    assert [c.date.isoformat() for c in draft.report_back] == ["2026-12-07", "2026-12-14"]
    body = GOOD["compose"]["body"].replace("I'll update you on 2026-12-11", "I'll update you on 2026-12-07")
    model = ScriptedChatModel(script={"compose": [_message(body), GOOD["compose"]]})
    chain = Pipeline(model, polish=True).chains["compose"]
    assert run(chain, step_inputs("compose")).body == body
    assert len(model.calls) == 1
