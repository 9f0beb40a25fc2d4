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
    """The model server could not be reached or refused the request.

    ``cause`` names the fault in one word (``timeout``, ``connection``, ``stream_cut``,
    ``rate_limit``, ``server_error``, ``auth``, ``bad_request``, ...) and ``attempts`` how
    many requests were made before giving up.
    """

    exit_code = 5

    def __init__(self, message: str, *, cause: str = "error", attempts: int = 1) -> None:
        super().__init__(message)
        self.cause = cause
        self.attempts = attempts


class TransientModelError(ModelAPIError):
    """A fault worth retrying (timeout, dropped connection, cut stream, 429, 5xx) that lasted through every retry."""


class ResponseFormatUnsupported(ModelAPIError):
    """The server refused the ``response_format`` parameter; the caller may ask without it."""


class LocalModelError(ModelAPIError):
    """The embedded local model could not be prepared or started."""


class UsageLimitError(RegainError):
    """A consumption cap was reached (model calls per session); the message names the setting."""

    exit_code = 7


class PartialDraftError(ModelAPIError):
    """Some steps failed after their retries; ``draft`` holds the rest, marked incomplete.

    ``draft`` is an :class:`assistant.domain.schema.Draft` with ``complete=False`` and
    ``failed_steps`` (step -> error message); callers show or save it as incomplete.
    """

    def __init__(self, message: str, *, draft: Any, failed_steps: dict[str, str], cause: str = "error") -> None:
        super().__init__(message, cause=cause)
        self.draft = draft
        self.failed_steps = failed_steps


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


class SessionNotFound(InputError):
    """No saved session (or no version of it) matches what was asked for."""


class ModelRefusalError(OutputValidationError):
    """The model refused to write a step, again after being asked once more."""


class OutputTruncatedError(OutputValidationError):
    """The model's answer was cut off at its ``max_tokens`` limit, again after being asked to be shorter."""
