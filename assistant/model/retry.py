"""The one retry layer of model calls: what is retried, how often, and how long to wait.

:class:`OpenAIChatModel <assistant.model.llm.OpenAIChatModel>` asks :class:`RetryState` after
every failed attempt whether to try again; the openai client's own retries are off
(``max_retries=0`` in :mod:`assistant.model.backend`), the step re-ask loop never re-asks
after a :class:`~assistant.domain.errors.ModelAPIError`, and the pipeline does not retry, so
retries are never stacked.

Retried: timeouts, connection errors (before or during a stream), a stream cut off
before its finish reason (once per call), 408, 409, 429 and 5xx answers (unless the
server says ``x-should-retry: false``). Never retried: 400, 401, 403, 404, 422 and other
4xx. Waits grow exponentially from ``backoff`` with jitter; a ``Retry-After`` (or
``retry-after-ms``) header is honoured up to ``max_wait``.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass, field
from typing import Any

import openai

RETRYABLE_STATUS = frozenset({408, 409, 429})


class StreamCut(Exception):
    """A streamed answer ended (the connection closed) before the server sent its finish reason."""


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds of the retries of one model call."""

    max_retries: int = 2
    backoff: float = 1.0
    max_wait: float = 30.0
    deadline: float = 600.0
    stream_restarts: int = 1


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked to wait (``retry-after-ms`` or ``Retry-After``, seconds or HTTP date), if any."""
    response = getattr(exc, "response", None)
    headers: Any = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) / divisor)
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(value) if name == "retry-after" else None
            if parsed is not None:
                return max(0.0, parsed.timestamp() - time.time())
    return None


def is_retryable(exc: BaseException) -> bool:
    """Whether a failed attempt is worth repeating: transport faults, 408/409/429 and 5xx."""
    if isinstance(exc, (StreamCut, TimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        should = exc.response.headers.get("x-should-retry")
        if should in ("true", "false"):
            return should == "true"
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


@dataclass
class RetryState:
    """The retries of one call so far; :meth:`next_wait` decides on the next one."""

    policy: RetryPolicy
    started: float = field(default_factory=time.monotonic)
    attempts: int = 0
    restarts: int = 0

    def next_wait(self, exc: BaseException, *, mid_stream: bool) -> float | None:
        """Seconds to wait before trying again after ``exc``, or None to give up.

        ``mid_stream`` says the attempt had already received part of its answer: such a
        call is restarted from scratch at most ``policy.stream_restarts`` times.
        """
        if not is_retryable(exc) or self.attempts > self.policy.max_retries:
            return None
        if mid_stream:
            if self.restarts >= self.policy.stream_restarts:
                return None
            self.restarts += 1
        asked = retry_after(exc)
        if asked is not None:
            wait = min(asked, self.policy.max_wait)
        else:
            wait = min(self.policy.backoff * 2 ** (self.attempts - 1), self.policy.max_wait)
            wait *= 1 - 0.25 * random.random()
        if time.monotonic() - self.started + wait >= self.policy.deadline:
            return None
        return wait
