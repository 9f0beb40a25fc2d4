"""A langchain-core chat model over the official ``openai`` client.

Every model call in Regain goes through :class:`OpenAIChatModel`: chat completions
on any OpenAI-compatible server, streamed so that progress (tokens so far) can be
shown, with ``response_format`` passed through. The clients are given to it; it
never builds a global one. Transport retries (429 with Retry-After, 5xx, dropped
connections, cut streams) are this model's own, bounded by a
:class:`~assistant.model.retry.RetryPolicy`; the openai client's retries are off.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from typing import Any

import openai
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, Field

from assistant.domain.errors import ModelAPIError, ResponseFormatUnsupported, TransientModelError
from assistant.model.retry import RetryPolicy, RetryState, StreamCut

__all__ = ["OpenAIChatModel", "ResponseFormatUnsupported", "explain_api_error", "to_openai_messages"]


def _role(message: BaseMessage) -> str:
    if isinstance(message, SystemMessage):
        return "system"
    if isinstance(message, HumanMessage):
        return "user"
    if isinstance(message, AIMessage):
        return "assistant"
    raise ModelAPIError(f"Cannot send a {type(message).__name__} to a chat model; use system, human or AI messages.")


def to_openai_messages(messages: list[BaseMessage]) -> list[dict[str, str]]:
    """Convert langchain messages to chat-completions messages."""
    return [{"role": _role(m), "content": m.text if not isinstance(m.content, str) else m.content} for m in messages]


def _tries(attempts: int) -> str:
    return f" ({attempts} attempts)" if attempts > 1 else ""


def explain_api_error(
    exc: BaseException, *, base_url: str, model: str, timeout: float, attempts: int = 1
) -> ModelAPIError:
    """Turn an openai exception (or a timeout or cut stream) into a :class:`ModelAPIError` naming the cause.

    Faults worth retrying become :class:`TransientModelError`; ``attempts`` is how many
    requests were made.
    """
    tries = _tries(attempts)
    if isinstance(exc, (openai.APITimeoutError, TimeoutError)):
        return TransientModelError(
            f"Timeout: the model server at {base_url} did not answer within {timeout:g}s{tries}; "
            "raise REGAIN_TIMEOUT (or REGAIN_STALL_TIMEOUT) or check that the server is not overloaded.",
            cause="timeout",
            attempts=attempts,
        )
    if isinstance(exc, StreamCut):
        return TransientModelError(
            f"Stream cut: the model server at {base_url} closed the connection in the middle of its answer{tries}; "
            "try again, and check the server's logs if it keeps happening.",
            cause="stream_cut",
            attempts=attempts,
        )
    if isinstance(exc, openai.APIConnectionError):
        return TransientModelError(
            f"Cannot reach the model server at {base_url}, or it dropped the connection{tries}; check that it is "
            "running and that OPENAI_BASE_URL is right.",
            cause="connection",
            attempts=attempts,
        )
    if isinstance(exc, openai.AuthenticationError):
        return ModelAPIError(
            f"The server at {base_url} rejected the API key (401); check OPENAI_API_KEY.", cause="auth"
        )
    if isinstance(exc, openai.PermissionDeniedError):
        return ModelAPIError(
            f"The server at {base_url} refused access to model '{model}' (403); check the key's permissions.",
            cause="auth",
        )
    if isinstance(exc, openai.NotFoundError):
        return ModelAPIError(
            f"Model '{model}' was not found at {base_url} (404); set REGAIN_MODEL to a model the server serves "
            "(`regain doctor` lists them).",
            cause="not_found",
        )
    if isinstance(exc, openai.RateLimitError):
        return TransientModelError(
            f"Rate limit: the server at {base_url} is rate-limiting requests (429){tries}; wait and try again.",
            cause="rate_limit",
            attempts=attempts,
        )
    if isinstance(exc, openai.BadRequestError):
        text = str(exc)
        if "response_format" in text or "json_schema" in text:
            return ResponseFormatUnsupported(
                f"The server at {base_url} does not accept this response_format: {text}", cause="bad_request"
            )
        return ModelAPIError(f"The server at {base_url} refused the request (400): {text}", cause="bad_request")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500 or exc.status_code in (408, 409):
            return TransientModelError(
                f"Server error {exc.status_code}: the server at {base_url} failed with HTTP {exc.status_code}"
                f"{tries}; try again later.",
                cause="server_error",
                attempts=attempts,
            )
        return ModelAPIError(
            f"The server at {base_url} refused the request with HTTP {exc.status_code}: {exc}", cause="client_error"
        )
    return ModelAPIError(f"The model call failed: {exc}", attempts=attempts)


class OpenAIChatModel(BaseChatModel):
    """Chat completions through the openai client, streamed, with usage and finish reason kept.

    The resulting ``AIMessage`` has ``response_metadata['finish_reason']`` and
    ``usage_metadata`` (with ``input_token_details['cache_read']`` when the server
    reports reused prompt tokens).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    client: Any = Field(description="An openai.OpenAI client.")
    async_client: Any = Field(description="An openai.AsyncOpenAI client.")
    model_name: str = Field(description="Model name sent to the server.")
    temperature: float = Field(default=0.2, description="Default sampling temperature.")
    max_tokens: int | None = Field(default=None, description="Default cap on completion tokens.")
    streaming: bool = Field(default=True, description="Stream responses (needed for live progress).")
    max_tokens_cap: int | None = Field(
        default=None, description="Cap on completion tokens of every call; also the value sent when none is asked."
    )
    timeout: float = Field(default=300.0, description="Seconds one response may take, per attempt.")
    retry: RetryPolicy = Field(default_factory=RetryPolicy, description="The one retry layer's bounds.")
    seed: int | None = Field(default=None, description="Sampling seed, where the server honours it.")

    @property
    def _llm_type(self) -> str:
        return "openai-compatible"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_name": self.model_name, "temperature": self.temperature}

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model_name,
            "messages": to_openai_messages(messages),
            "temperature": kwargs.pop("temperature", self.temperature),
        }
        max_tokens = kwargs.pop("max_tokens", self.max_tokens)
        if self.max_tokens_cap is not None:
            max_tokens = min(max_tokens or self.max_tokens_cap, self.max_tokens_cap)
        if max_tokens is not None:
            body["max_tokens"] = max_tokens
        if stop:
            body["stop"] = stop
        if self.seed is not None:
            body["seed"] = self.seed
        response_format = kwargs.pop("response_format", None)
        if response_format is not None:
            body["response_format"] = response_format
        if self.streaming:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        return body

    def _base_url(self) -> str:
        return str(getattr(self.client, "base_url", "the model server"))

    def _fail(self, exc: BaseException, attempts: int = 1) -> ModelAPIError:
        return explain_api_error(
            exc, base_url=self._base_url(), model=self.model_name, timeout=self.timeout, attempts=attempts
        )

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        body = self._request(messages, stop, kwargs)
        state = RetryState(self.retry)
        while True:
            state.attempts += 1
            acc = _Accumulator(self.model_name)
            try:
                self._attempt(body, acc, run_manager)
                return acc.result()
            except (openai.OpenAIError, StreamCut, TimeoutError) as exc:
                wait = state.next_wait(exc, mid_stream=acc.started)
                if wait is None:
                    raise self._fail(_mid_stream(exc) if acc.started else exc, state.attempts) from exc
            time.sleep(wait)

    def _attempt(self, body: dict[str, Any], acc: _Accumulator, run_manager: CallbackManagerForLLMRun | None) -> None:
        deadline = time.monotonic() + self.timeout
        if not body.get("stream"):
            acc.add_completion(self.client.chat.completions.create(**body))
            return
        stream = self.client.chat.completions.create(**body)
        try:
            for chunk in stream:
                delta = acc.add_chunk(chunk)
                if delta and run_manager:
                    run_manager.on_llm_new_token(delta)
                if time.monotonic() > deadline:
                    raise TimeoutError
        finally:
            close = getattr(stream, "close", None)
            if callable(close):
                close()
        acc.check_finished()

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        body = self._request(messages, stop, kwargs)
        state = RetryState(self.retry)
        while True:
            state.attempts += 1
            acc = _Accumulator(self.model_name)
            try:
                await asyncio.wait_for(self._aattempt(body, acc, run_manager), self.timeout)
                return acc.result()
            except (openai.OpenAIError, StreamCut, TimeoutError) as exc:
                wait = state.next_wait(exc, mid_stream=acc.started)
                if wait is None:
                    raise self._fail(_mid_stream(exc) if acc.started else exc, state.attempts) from exc
            await asyncio.sleep(wait)

    async def _aattempt(
        self, body: dict[str, Any], acc: _Accumulator, run_manager: AsyncCallbackManagerForLLMRun | None
    ) -> None:
        if not body.get("stream"):
            acc.add_completion(await self.async_client.chat.completions.create(**body))
            return
        stream = await self.async_client.chat.completions.create(**body)
        try:
            async for chunk in stream:
                delta = acc.add_chunk(chunk)
                if delta and run_manager:
                    await run_manager.on_llm_new_token(delta)
        finally:
            close = getattr(stream, "close", None) or getattr(stream, "aclose", None)
            if callable(close):
                closed = close()
                if inspect.isawaitable(closed):
                    await closed
        acc.check_finished()


def _mid_stream(exc: BaseException) -> BaseException:
    """A connection lost after part of the answer arrived is a cut stream."""
    if isinstance(exc, openai.APIConnectionError) and not isinstance(exc, openai.APITimeoutError):
        return StreamCut(str(exc))
    return exc


class _Accumulator:
    """Collects streamed or whole completions into one ChatResult."""

    def __init__(self, model: str) -> None:
        self.parts: list[str] = []
        self.finish_reason: str | None = None
        self.model = model
        self.usage: Any = None
        self.refusal: str | None = None
        self.started = False

    def check_finished(self) -> None:
        """A stream that ended without a finish reason was cut off."""
        if self.finish_reason is None:
            raise StreamCut("the stream ended without a finish reason")

    def add_chunk(self, chunk: Any) -> str:
        self.started = True
        if getattr(chunk, "usage", None):
            self.usage = chunk.usage
        if getattr(chunk, "model", None):
            self.model = chunk.model
        if not chunk.choices:
            return ""
        choice = chunk.choices[0]
        if choice.finish_reason:
            self.finish_reason = choice.finish_reason
        delta = choice.delta
        if delta is None:
            return ""
        if getattr(delta, "refusal", None):
            self.refusal = (self.refusal or "") + delta.refusal
        text = delta.content or ""
        if text:
            self.parts.append(text)
        return text

    def add_completion(self, completion: Any) -> None:
        self.usage = completion.usage
        self.model = completion.model or self.model
        if completion.choices:
            choice = completion.choices[0]
            self.finish_reason = choice.finish_reason
            self.parts.append(choice.message.content or "")
            self.refusal = getattr(choice.message, "refusal", None)

    def result(self) -> ChatResult:
        usage: UsageMetadata | None = None
        if self.usage is not None:
            details = getattr(self.usage, "prompt_tokens_details", None)
            cached = int(getattr(details, "cached_tokens", 0) or 0) if details else 0
            usage = UsageMetadata(
                input_tokens=int(self.usage.prompt_tokens or 0),
                output_tokens=int(self.usage.completion_tokens or 0),
                total_tokens=int(self.usage.total_tokens or 0),
                input_token_details={"cache_read": cached},
            )
        message = AIMessage(
            content="".join(self.parts),
            response_metadata={"finish_reason": self.finish_reason, "model_name": self.model, "refusal": self.refusal},
            usage_metadata=usage,
        )
        return ChatResult(generations=[ChatGeneration(message=message)])
