"""Robust parsing of model output into a step's pydantic model.

Servers that honour ``response_format`` return bare JSON; others wrap it in a
Markdown fence or add prose around it. :func:`parse_output` finds the JSON object,
validates it, and on failure raises :class:`OutputParseError` whose message is
written for the model to read in a re-ask.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from typing import TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


class OutputParseError(ValueError):
    """The output is not a JSON object of the expected shape; the message says what to fix."""


def _candidates(text: str) -> list[str]:
    found = [m.group(1) for m in _FENCE.finditer(text)]
    found.append(text)
    return found


def extract_json_object(text: str) -> dict[str, object]:
    """Return the first JSON object in ``text``: bare, fenced, or surrounded by prose."""
    decoder = json.JSONDecoder()
    for candidate in _candidates(text):
        stripped = candidate.strip()
        for start, char in enumerate(stripped):
            if char != "{":
                continue
            try:
                value, _ = decoder.raw_decode(stripped, start)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    if not text.strip():
        raise OutputParseError("The answer was empty. Reply with one JSON object.")
    if "{" in text and text.count("{") > text.count("}"):
        raise OutputParseError(
            "The JSON object was cut off before it ended. Reply with a shorter, complete JSON object."
        )
    raise OutputParseError(
        "The answer did not contain a valid JSON object. Reply with one JSON object and nothing else."
    )


def describe_validation_error(error: ValidationError) -> list[str]:
    """Plain-words lines for each problem of a pydantic validation error."""
    lines = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "the object"
        if item["type"] == "missing":
            lines.append(f"The field '{where}' is missing.")
        elif item["type"] == "extra_forbidden":
            lines.append(f"The field '{where}' is not allowed; remove it.")
        else:
            lines.append(f"The field '{where}' is wrong: {item['msg']}.")
    return lines


def parse_output(text: str, output_type: type[T]) -> T:
    """Parse model text into ``output_type`` or raise :class:`OutputParseError`."""
    data = extract_json_object(text)
    try:
        return output_type.model_validate(data)
    except ValidationError as exc:
        raise OutputParseError(" ".join(describe_validation_error(exc))) from exc


def json_schema_for(output_type: type[BaseModel]) -> dict[str, object]:
    """The JSON schema of a step output, in the strict shape OpenAI's structured outputs accept."""
    return copy.deepcopy(_strict_schema(output_type))


@lru_cache(maxsize=64)
def _strict_schema(output_type: type[BaseModel]) -> dict[str, object]:
    schema = output_type.model_json_schema()
    _make_strict(schema)
    return schema


def _make_strict(node: object) -> None:
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            node["required"] = list(node["properties"])
        for value in node.values():
            _make_strict(value)
    elif isinstance(node, list):
        for value in node:
            _make_strict(value)


def response_format_for(output_type: type[BaseModel], mode: str) -> dict[str, object] | None:
    """The ``response_format`` parameter for a structured-output mode, or None for prompt-only."""
    if mode == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": output_type.__name__, "schema": json_schema_for(output_type), "strict": True},
        }
    if mode == "json_object":
        return {"type": "json_object"}
    return None
