"""Regain's one error tree.

Every error a user can meet is a :class:`RegainError`. Its message says what
happened and what to do about it; the CLI prints it as one line and the UI as a
notice, never as a traceback.
"""

from __future__ import annotations

from typing import Any


class RegainError(Exception):
    """Root of every error Regain raises on purpose."""

    exit_code: int = 1


class InputError(RegainError):
    """The user's input (notes, a draft file, an option) cannot be used."""

    exit_code = 2


class OffTopicError(InputError):
    """The notes do not describe a mistake at work (too short, a recipe, a greeting)."""


class ConfigurationError(RegainError):
    """Settings are missing or contradict each other; the message names what to set."""

    exit_code = 3


class PromptError(RegainError):
    """A prompt file is missing, malformed, or its declared variables do not match its text."""

    exit_code = 4


class ModelAPIError(RegainError):
    """The model server could not be reached or refused the request."""

    exit_code = 5


class ResponseFormatUnsupported(ModelAPIError):
    """The server refused the ``response_format`` parameter; the caller may ask without it."""


class LocalModelError(ModelAPIError):
    """The embedded local model could not be prepared or started."""


class OutputValidationError(RegainError):
    """The model kept producing output that does not parse or validate.

    Carries the number of attempts and the last raw output so the caller can show
    or log what went wrong.
    """

    exit_code = 6

    def __init__(
        self,
        message: str,
        *,
        step: str,
        n_attempts: int,
        last_output: str | None,
        problems: list[str] | None = None,
        last_parsed: Any = None,
    ) -> None:
        super().__init__(message)
        self.step = step
        self.n_attempts = n_attempts
        self.last_output = last_output
        self.problems = problems or []
        self.last_parsed = last_parsed

    def details(self) -> dict[str, Any]:
        """Return the error's data as a JSON-friendly dict."""
        return {
            "step": self.step,
            "n_attempts": self.n_attempts,
            "last_output": self.last_output,
            "problems": self.problems,
        }
