"""Finding and validating the JSON object in model output."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.domain.schema import Facts, PainOutput, PlanOutput
from assistant.model.parsing import (
    OutputParseError,
    extract_json_object,
    json_schema_for,
    parse_output,
    response_format_for,
)


def test_bare_json() -> None:
    assert extract_json_object('{"statement": "I am sorry."}') == {"statement": "I am sorry."}


def test_fenced_json() -> None:
    assert extract_json_object('Here:\n```json\n{"a": 1}\n```\n') == {"a": 1}
    assert extract_json_object('```\n{"a": 2}\n```') == {"a": 2}


def test_prose_around_json() -> None:
    assert extract_json_object('Sure! {"a": [1, 2]} Hope that helps {not json}.') == {"a": [1, 2]}


def test_nested_braces() -> None:
    text = 'x {"actions": [{"due": "2026-12-01", "note": "use {curly} text"}]} y'
    assert extract_json_object(text) == {"actions": [{"due": "2026-12-01", "note": "use {curly} text"}]}


def test_truncated_json_says_it_was_cut_off() -> None:
    with pytest.raises(OutputParseError, match="cut off"):
        extract_json_object('{"actions": [{"action": "Add a gate", "owner": "me", "due": "2026-')


@pytest.mark.parametrize("text", ["", "   \n"])
def test_empty_answer(text: str) -> None:
    with pytest.raises(OutputParseError, match="empty"):
        extract_json_object(text)


def test_no_object_at_all() -> None:
    with pytest.raises(OutputParseError, match="did not contain a valid JSON object"):
        extract_json_object('["a", "b"]')


def test_parse_output_returns_the_model() -> None:
    assert parse_output('{"statement": "I regret it."}', PainOutput) == PainOutput(statement="I regret it.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{}", "The field 'statement' is missing."),
        ('{"statement": "x", "mood": "sad"}', "The field 'mood' is not allowed; remove it."),
        ('{"statement": 3}', "The field 'statement' is wrong: Input should be a valid string."),
    ],
)
def test_validation_errors_in_plain_words(text: str, expected: str) -> None:
    with pytest.raises(OutputParseError) as info:
        parse_output(text, PainOutput)
    assert str(info.value) == expected


def test_nested_validation_error_names_the_path() -> None:
    text = '{"actions": [{"action": "Add", "owner": "me", "due": "soon", "measure": "done"}]}'
    with pytest.raises(OutputParseError, match=r"The field 'actions\.0\.due' is wrong"):
        parse_output(text, PlanOutput)


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


@pytest.mark.parametrize("output_type", [Facts, PlanOutput])
def test_json_schema_is_strict_on_every_object(output_type: Any) -> None:
    schema = json_schema_for(output_type)
    objects = _objects(schema)
    assert len(objects) >= (2 if output_type is PlanOutput else 1)  # PlanAction is nested in $defs
    for node in objects:
        assert node["additionalProperties"] is False
        assert sorted(node["required"]) == sorted(node["properties"])


def test_optional_fields_are_still_required_in_the_strict_schema() -> None:
    required = json_schema_for(Facts)["required"]
    assert isinstance(required, list) and {"leader_name", "leader_role"} <= set(required)


def test_response_format_modes() -> None:
    schema_format = response_format_for(PainOutput, "json_schema")
    assert schema_format == {
        "type": "json_schema",
        "json_schema": {"name": "PainOutput", "schema": json_schema_for(PainOutput), "strict": True},
    }
    assert response_format_for(PainOutput, "json_object") == {"type": "json_object"}
    assert response_format_for(PainOutput, "prompt") is None
