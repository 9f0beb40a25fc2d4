"""OpenAIChatModel over fake openai clients: streaming, usage, request body, error mapping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx2
import openai
import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from assistant.domain.errors import ModelAPIError, TransientModelError
from assistant.model.llm import OpenAIChatModel, ResponseFormatUnsupported, to_openai_messages
from assistant.model.retry import RetryPolicy

BASE_URL = "http://127.0.0.1:8080/v1"
NO_RETRY = RetryPolicy(max_retries=0, backoff=0.0)
MESSAGES: list[BaseMessage] = [SystemMessage(content="Be brief."), HumanMessage(content="Say hello.")]
USAGE = {
    "prompt_tokens": 50,
    "completion_tokens": 3,
    "total_tokens": 53,
    "prompt_tokens_details": {"cached_tokens": 32},
}


def _chunk(content: str | None = None, finish: str | None = None, **extra: Any) -> ChatCompletionChunk:
    choices = [{"index": 0, "delta": {"content": content, **extra}, "finish_reason": finish}]
    return ChatCompletionChunk.model_validate(
        {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "served-model", "choices": choices}
    )


def _usage_chunk() -> ChatCompletionChunk:
    return ChatCompletionChunk.model_validate(
        {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "served-model",
            "choices": [],
            "usage": USAGE,
        }
    )


CHUNKS = [_chunk("Hel"), _chunk("lo"), _chunk(" world"), _chunk("", "stop"), _usage_chunk()]
COMPLETION = ChatCompletion.model_validate(
    {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "served-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello"}, "finish_reason": "length"}],
        "usage": USAGE,
    }
)


class _Completions:
    def __init__(self, respond: Callable[[], Any]) -> None:
        self.respond = respond
        self.requests: list[dict[str, Any]] = []

    def create(self, **body: Any) -> Any:
        self.requests.append(body)
        return self.respond()


class _AsyncCompletions(_Completions):
    async def create(self, **body: Any) -> Any:
        self.requests.append(body)
        return self.respond()


class FakeClient:
    """Shaped like openai.OpenAI / AsyncOpenAI as far as OpenAIChatModel uses them."""

    def __init__(self, completions: _Completions) -> None:
        self.base_url = BASE_URL
        self.chat = type("Chat", (), {"completions": completions})()


def _stream(chunks: list[ChatCompletionChunk]) -> Callable[[], Iterator[ChatCompletionChunk]]:
    return lambda: iter(chunks)


def _astream(chunks: list[ChatCompletionChunk]) -> Callable[[], AsyncIterator[ChatCompletionChunk]]:
    async def gen() -> AsyncIterator[ChatCompletionChunk]:
        for chunk in chunks:
            yield chunk

    return gen


def _raise(exc: Exception) -> Callable[[], Any]:
    def respond() -> Any:
        raise exc

    return respond


def _model(respond: Callable[[], Any], arespond: Callable[[], Any] | None = None, **kw: Any) -> OpenAIChatModel:
    return OpenAIChatModel(
        client=FakeClient(_Completions(respond)),
        async_client=FakeClient(_AsyncCompletions(arespond or respond)),
        model_name="my-model",
        retry=kw.pop("retry", NO_RETRY),
        **kw,
    )


def _sent(model: OpenAIChatModel, *, sync: bool = True) -> dict[str, Any]:
    client = model.client if sync else model.async_client
    body: dict[str, Any] = client.chat.completions.requests[-1]
    return body


class _Tokens(BaseCallbackHandler):
    def __init__(self) -> None:
        self.tokens: list[str] = []

    def on_llm_new_token(self, token: str | list[str | dict[str, Any]], **kwargs: Any) -> None:
        self.tokens.append(str(token))


def _check_streamed(message: BaseMessage) -> None:
    assert isinstance(message, AIMessage)
    assert message.content == "Hello world"
    assert message.response_metadata["finish_reason"] == "stop"
    assert message.response_metadata["model_name"] == "served-model"
    assert message.usage_metadata == {
        "input_tokens": 50,
        "output_tokens": 3,
        "total_tokens": 53,
        "input_token_details": {"cache_read": 32},
    }


def test_streaming_accumulates_text_usage_and_finish_reason() -> None:
    model = _model(_stream(CHUNKS))
    tokens = _Tokens()
    _check_streamed(model.invoke(MESSAGES, config={"callbacks": [tokens]}))
    assert tokens.tokens == ["Hel", "lo", " world"]
    body = _sent(model)
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["model"] == "my-model"
    assert body["messages"] == [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Say hello."}]
    assert "max_tokens" not in body and "response_format" not in body


def test_async_streaming() -> None:
    model = _model(_stream(CHUNKS), _astream(CHUNKS))
    tokens = _Tokens()
    _check_streamed(asyncio.run(model.ainvoke(MESSAGES, config={"callbacks": [tokens]})))
    assert tokens.tokens == ["Hel", "lo", " world"]
    assert _sent(model, sync=False)["stream"] is True


def test_usage_without_cache_details() -> None:
    plain = ChatCompletionChunk.model_validate(
        {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "m",
            "choices": [],
            "usage": {"prompt_tokens": 7, "completion_tokens": 2, "total_tokens": 9},
        }
    )
    message = _model(_stream([_chunk("ok", "stop"), plain])).invoke(MESSAGES)
    assert isinstance(message, AIMessage) and message.usage_metadata is not None
    assert message.usage_metadata["input_token_details"] == {"cache_read": 0}
    assert message.usage_metadata["total_tokens"] == 9


def test_refusal_is_kept_in_metadata() -> None:
    chunks = [_chunk(None, None, refusal="I can't"), _chunk(None, None, refusal=" help."), _chunk("", "stop")]
    message = _model(_stream(chunks)).invoke(MESSAGES)
    assert message.response_metadata["refusal"] == "I can't help."


def test_non_streaming_completion() -> None:
    model = _model(lambda: COMPLETION, streaming=False)
    message = model.invoke(MESSAGES)
    assert message.content == "Hello"
    assert message.response_metadata["finish_reason"] == "length"
    assert isinstance(message, AIMessage) and message.usage_metadata is not None
    assert message.usage_metadata["input_token_details"] == {"cache_read": 32}
    assert "stream" not in _sent(model)


def test_response_format_max_tokens_and_temperature_are_passed_through() -> None:
    model = _model(_stream(CHUNKS), seed=7)
    response_format = {"type": "json_object"}
    model.invoke(MESSAGES, response_format=response_format, max_tokens=77, temperature=0.0, stop=["END"])
    body = _sent(model)
    assert body["response_format"] == response_format
    assert (body["max_tokens"], body["temperature"], body["stop"], body["seed"]) == (77, 0.0, ["END"], 7)


def test_default_temperature_and_max_tokens() -> None:
    model = _model(_stream(CHUNKS), temperature=0.5, max_tokens=100)
    model.invoke(MESSAGES)
    assert (_sent(model)["temperature"], _sent(model)["max_tokens"]) == (0.5, 100)


def test_messages_of_other_kinds_are_refused() -> None:
    assert to_openai_messages([AIMessage(content="hi")]) == [{"role": "assistant", "content": "hi"}]
    with pytest.raises(ModelAPIError, match="Cannot send a ToolMessage"):
        to_openai_messages([ToolMessage(content="x", tool_call_id="1")])


REQUEST = httpx2.Request("POST", f"{BASE_URL}/chat/completions")


def _status(cls: type[openai.APIStatusError], code: int, message: str = "failed") -> openai.APIStatusError:
    return cls(message, response=httpx2.Response(code, request=REQUEST), body=None)


ERRORS: list[tuple[Exception, type[ModelAPIError], list[str]]] = [
    (
        openai.APIConnectionError(request=REQUEST),
        TransientModelError,
        [f"Cannot reach the model server at {BASE_URL}", "OPENAI_BASE_URL"],
    ),
    (openai.APITimeoutError(request=REQUEST), TransientModelError, ["did not answer within 300s", "REGAIN_TIMEOUT"]),
    (_status(openai.AuthenticationError, 401), ModelAPIError, ["rejected the API key (401)", "OPENAI_API_KEY"]),
    (_status(openai.PermissionDeniedError, 403), ModelAPIError, ["refused access to model 'my-model' (403)"]),
    (_status(openai.NotFoundError, 404), ModelAPIError, ["Model 'my-model' was not found", "REGAIN_MODEL"]),
    (_status(openai.RateLimitError, 429), TransientModelError, ["rate-limiting requests (429)"]),
    (_status(openai.InternalServerError, 503), TransientModelError, ["failed with HTTP 503"]),
    (
        _status(openai.BadRequestError, 400, "context length exceeded"),
        ModelAPIError,
        ["refused the request (400)", "context length exceeded"],
    ),
    (
        _status(
            openai.BadRequestError, 400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported"
        ),
        ResponseFormatUnsupported,
        ["does not accept this response_format"],
    ),
]


@pytest.mark.parametrize(("exc", "expected", "needles"), ERRORS, ids=lambda v: type(v).__name__)
def test_openai_errors_become_helpful_model_api_errors(
    exc: Exception, expected: type[ModelAPIError], needles: list[str]
) -> None:
    model = _model(_raise(exc))
    with pytest.raises(ModelAPIError) as info:
        model.invoke(MESSAGES)
    assert type(info.value) is expected
    assert info.value.__cause__ is exc
    for needle in needles:
        assert needle in str(info.value)


def test_async_errors_are_mapped_too() -> None:
    model = _model(_stream(CHUNKS), _raise(openai.APIConnectionError(request=REQUEST)))
    with pytest.raises(ModelAPIError, match="Cannot reach the model server"):
        asyncio.run(model.ainvoke(MESSAGES))


def test_error_raised_while_streaming_is_mapped() -> None:
    def broken() -> Iterator[ChatCompletionChunk]:
        yield _chunk("Hel")
        raise openai.APIConnectionError(request=REQUEST)

    with pytest.raises(TransientModelError, match="Stream cut: the model server at .* closed the connection"):
        _model(broken).invoke(MESSAGES)


def test_max_tokens_cap_lowers_and_fills_in_max_tokens() -> None:
    model = _model(_stream(CHUNKS), max_tokens_cap=300)
    model.invoke(MESSAGES, max_tokens=900)
    assert _sent(model)["max_tokens"] == 300
    model.invoke(MESSAGES)
    assert _sent(model)["max_tokens"] == 300
    model.invoke(MESSAGES, max_tokens=50)
    assert _sent(model)["max_tokens"] == 50


def test_stream_without_finish_reason_is_a_cut_stream() -> None:
    with pytest.raises(TransientModelError, match="Stream cut") as info:
        _model(_stream([_chunk("Hel"), _chunk("lo")])).invoke(MESSAGES)
    assert info.value.cause == "stream_cut"


def test_a_cut_stream_is_restarted_once_from_scratch() -> None:
    answers = iter([[_chunk("Hel")], CHUNKS])
    model = _model(lambda: iter(next(answers)), retry=RetryPolicy(max_retries=2, backoff=0.0))
    _check_streamed(model.invoke(MESSAGES))
    assert len(model.client.chat.completions.requests) == 2
