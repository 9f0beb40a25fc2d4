"""The cap on model calls per draft or session."""

from __future__ import annotations

import asyncio
import copy

import pytest
from chain_support import NOTES, OPEN_LINE, TODAY

from assistant.domain.errors import PartialDraftError, UsageLimitError
from assistant.model.budget import CallBudget, budget_of, with_budget
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.workflows.draft import Pipeline, adraft


def test_spending_past_the_limit_names_the_setting() -> None:
    budget = CallBudget(2)
    budget.spend("pain")
    budget.spend("pain")
    assert (budget.used, budget.remaining) == (2, 0)
    with pytest.raises(UsageLimitError, match="REGAIN_MAX_CALLS_PER_SESSION") as info:
        budget.spend("lessons")
    assert "'lessons'" in str(info.value) and info.value.exit_code == 7


def test_no_limit_counts_without_stopping() -> None:
    budget = CallBudget()
    for _ in range(100):
        budget.spend("pain")
    assert (budget.used, budget.remaining) == (100, None)


def test_the_budget_travels_in_the_run_config() -> None:
    budget = CallBudget(3)
    config = with_budget({"callbacks": [], "configurable": {"other": 1}}, budget)
    assert budget_of(config) is budget and config["configurable"]["other"] == 1
    assert budget_of({}) is None and budget_of(None) is None and with_budget({}, None) == {}


def test_a_copy_per_session_has_its_own_count() -> None:
    template = CallBudget(5)
    session = copy.deepcopy(template)
    session.spend("pain")
    assert (template.used, session.used, session.limit) == (0, 1, 5)


def test_re_asks_count_against_the_cap() -> None:
    good_pain = good_script()["pain"]
    assert isinstance(good_pain, dict)
    model = ScriptedChatModel(script={**good_script(), "pain": ["not json", "still not json", good_pain]})
    notes = f"{NOTES}\n{OPEN_LINE}"  # something open: the plan asks the model, 8 calls in all with the re-asks
    with pytest.raises(PartialDraftError) as info:
        asyncio.run(adraft(notes, Pipeline(model, max_calls=7), today=TODAY))
    assert len(model.calls) == 7
    assert "REGAIN_MAX_CALLS_PER_SESSION" in " ".join(info.value.failed_steps.values())
