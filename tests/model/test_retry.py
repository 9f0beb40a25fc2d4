"""What the one retry layer retries, and how long it waits."""

from __future__ import annotations

import httpx2
import openai
import pytest

from assistant.model.retry import RetryPolicy, RetryState, StreamCut, is_retryable, retry_after

REQUEST = httpx2.Request("POST", "http://127.0.0.1:9/v1/chat/completions")


def _status(code: int, **headers: str) -> openai.APIStatusError:
    response = httpx2.Response(code, request=REQUEST, headers=headers)
    return openai.APIStatusError("failed", response=response, body=None)


@pytest.mark.parametrize("code", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses(code: int) -> None:
    assert is_retryable(_status(code))


@pytest.mark.parametrize("code", [400, 401, 403, 404, 422])
def test_client_errors_are_never_retried(code: int) -> None:
    assert not is_retryable(_status(code))


def test_transport_faults_are_retried_and_the_server_can_say_otherwise() -> None:
    assert is_retryable(openai.APIConnectionError(request=REQUEST))
    assert is_retryable(openai.APITimeoutError(request=REQUEST))
    assert is_retryable(StreamCut()) and is_retryable(TimeoutError())
    assert not is_retryable(_status(503, **{"x-should-retry": "false"}))
    assert is_retryable(_status(400, **{"x-should-retry": "true"}))
    assert not is_retryable(ValueError("a bug"))


def test_retry_after_in_seconds_milliseconds_or_a_date() -> None:
    assert retry_after(_status(429, **{"retry-after": "2.5"})) == 2.5
    assert retry_after(_status(429, **{"retry-after-ms": "300", "retry-after": "9"})) == 0.3
    assert retry_after(_status(429, **{"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert retry_after(_status(429)) is None and retry_after(StreamCut()) is None


def test_attempts_are_bounded_and_waits_grow_with_jitter() -> None:
    state = RetryState(RetryPolicy(max_retries=2, backoff=1.0, max_wait=10.0))
    waits = []
    for _ in range(3):
        state.attempts += 1
        waits.append(state.next_wait(_status(500), mid_stream=False))
    assert waits[2] is None
    first, second = waits[0], waits[1]
    assert first is not None and second is not None
    assert 0.75 <= first <= 1.0 and 1.5 <= second <= 2.0


def test_retry_after_is_honoured_up_to_the_max_wait() -> None:
    state = RetryState(RetryPolicy(max_retries=3, max_wait=5.0))
    state.attempts = 1
    assert state.next_wait(_status(429, **{"retry-after": "3"}), mid_stream=False) == 3.0
    assert state.next_wait(_status(429, **{"retry-after": "120"}), mid_stream=False) == 5.0


def test_no_retry_starts_past_the_deadline() -> None:
    state = RetryState(RetryPolicy(max_retries=5, backoff=1.0, deadline=0.5))
    state.attempts = 1
    assert state.next_wait(_status(503), mid_stream=False) is None


def test_a_cut_stream_is_restarted_once() -> None:
    state = RetryState(RetryPolicy(max_retries=5, backoff=0.0))
    state.attempts = 1
    assert state.next_wait(StreamCut(), mid_stream=True) == 0.0
    state.attempts = 2
    assert state.next_wait(StreamCut(), mid_stream=True) is None
    assert state.next_wait(_status(500), mid_stream=False) == 0.0  # other faults keep their own bound
