"""The one error tree."""

from __future__ import annotations

from assistant.domain.errors import (
    ConfigurationError,
    InputError,
    LocalModelError,
    ModelAPIError,
    OutputValidationError,
    PromptError,
    RegainError,
    UsageLimitError,
)
from assistant.model.llm import ResponseFormatUnsupported

CATEGORIES: list[type[RegainError]] = [
    InputError,
    ConfigurationError,
    PromptError,
    ModelAPIError,
    OutputValidationError,
    UsageLimitError,
]


def test_every_error_is_a_regain_error() -> None:
    for error in [*CATEGORIES, LocalModelError, ResponseFormatUnsupported]:
        assert issubclass(error, RegainError)
    assert issubclass(LocalModelError, ModelAPIError)
    assert issubclass(ResponseFormatUnsupported, ModelAPIError)


def test_exit_codes_are_distinct_and_non_zero() -> None:
    codes = [RegainError.exit_code, *(e.exit_code for e in CATEGORIES)]
    assert len(set(codes)) == len(codes)
    assert 0 not in codes


def test_output_validation_error_carries_attempts_and_last_output() -> None:
    error = OutputValidationError(
        "gave up", step="plan", n_attempts=3, last_output='{"actions": []}', problems=["too few"], last_parsed=None
    )
    assert (error.step, error.n_attempts, error.last_output, error.problems) == (
        "plan",
        3,
        '{"actions": []}',
        ["too few"],
    )
    assert str(error) == "gave up"
    assert error.details() == {
        "step": "plan",
        "n_attempts": 3,
        "last_output": '{"actions": []}',
        "problems": ["too few"],
    }


def test_output_validation_error_problems_default_to_empty() -> None:
    assert OutputValidationError("x", step="pain", n_attempts=1, last_output=None).problems == []


def test_session_not_found_is_an_input_error() -> None:
    from assistant.domain.errors import SessionNotFound

    assert issubclass(SessionNotFound, InputError)
    assert SessionNotFound.exit_code == InputError.exit_code


def test_fault_errors_sit_in_the_tree() -> None:
    from assistant.domain.errors import ModelRefusalError, OutputTruncatedError, PartialDraftError, TransientModelError

    assert issubclass(TransientModelError, ModelAPIError) and issubclass(PartialDraftError, ModelAPIError)
    assert issubclass(ModelRefusalError, OutputValidationError)
    assert issubclass(OutputTruncatedError, OutputValidationError)
    error = TransientModelError("down", cause="server_error", attempts=3)
    assert (error.cause, error.attempts, error.exit_code) == ("server_error", 3, 5)
    partial = PartialDraftError("incomplete", draft="the draft", failed_steps={"pain": "down"}, cause="server_error")
    assert (partial.draft, partial.failed_steps, partial.cause) == ("the draft", {"pain": "down"}, "server_error")
