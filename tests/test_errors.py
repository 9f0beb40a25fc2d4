"""The one error tree."""

from __future__ import annotations

from assistant.errors import (
    ConfigurationError,
    InputError,
    LocalModelError,
    ModelAPIError,
    OutputValidationError,
    PromptError,
    RegainError,
)
from assistant.llm import ResponseFormatUnsupported

CATEGORIES: list[type[RegainError]] = [
    InputError,
    ConfigurationError,
    PromptError,
    ModelAPIError,
    OutputValidationError,
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
    from assistant.errors import SessionNotFound

    assert issubclass(SessionNotFound, InputError)
    assert SessionNotFound.exit_code == InputError.exit_code
