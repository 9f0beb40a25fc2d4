"""Prompt files: loading, checking declared variables, rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain.errors import PromptError
from assistant.model.prompts import available_prompts, load_prompt, parse_prompt

STEP_PROMPTS = {
    "system",
    "notes",
    "intake",
    "pain",
    "ownership",
    "lessons",
    "plan",
    "positive",
    "compose",
    "report_back_update",
}


def test_every_step_has_a_prompt_file() -> None:
    assert set(available_prompts()) >= STEP_PROMPTS


def test_report_back_has_no_prompt_since_the_program_settles_it() -> None:
    assert "report_back" not in available_prompts()


def test_every_prompt_loads_and_renders_with_dummy_values() -> None:
    for name in available_prompts():
        prompt = load_prompt(name)
        values = {v: f"<<{v.upper()}-VALUE>>" for v in prompt.variables}
        text = prompt.render(**values)
        assert text.strip(), name
        for value in values.values():
            assert value in text, name
        assert "{{" not in text and "}}" not in text, name  # literal braces come out single
        if prompt.max_tokens is not None:
            assert prompt.max_tokens > 0, name


def test_render_names_the_missing_values() -> None:
    with pytest.raises(PromptError, match="needs values for: impact, leader"):
        load_prompt("pain").render()


def test_front_matter_options_are_parsed() -> None:
    prompt = parse_prompt(
        "x", "---\ndescription: d\nvariables: [a]\nmax_tokens: 12\ntemperature: 0\n---\nHi {a} {{b}}\n"
    )
    assert (prompt.variables, prompt.description, prompt.max_tokens, prompt.temperature) == (("a",), "d", 12, 0.0)
    assert prompt.render(a="you") == "Hi you {b}\n"


def test_missing_front_matter() -> None:
    with pytest.raises(PromptError, match="'x' has no front matter"):
        parse_prompt("x", "Hello {a}\n")


def test_unclosed_front_matter() -> None:
    with pytest.raises(PromptError, match="not closed"):
        parse_prompt("x", "---\nvariables: [a]\nHello {a}\n")


def test_bad_yaml() -> None:
    with pytest.raises(PromptError, match="not valid YAML"):
        parse_prompt("x", "---\nvariables: [a\n---\nHello {a}\n")


def test_undeclared_variable_is_named() -> None:
    with pytest.raises(PromptError, match="uses undeclared variables: leader, tone"):
        parse_prompt("x", "---\nvariables: [a]\n---\n{a} {tone} {leader}\n")


def test_unused_declared_variable_is_named() -> None:
    with pytest.raises(PromptError, match="declares variables it never uses: b"):
        parse_prompt("x", "---\nvariables: [a, b]\n---\n{a}\n")


def test_variables_must_be_a_list_of_names() -> None:
    with pytest.raises(PromptError, match="must be a list of names"):
        parse_prompt("x", "---\nvariables: a\n---\n{a}\n")


def test_malformed_placeholder() -> None:
    with pytest.raises(PromptError, match="malformed placeholder"):
        parse_prompt("x", "---\nvariables: []\n---\nA single { brace\n")


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="missing"):
        load_prompt("absent", tmp_path)
    (tmp_path / "latin.md").write_bytes("---\nvariables: []\n---\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(PromptError, match="not UTF-8"):
        load_prompt("latin", tmp_path)


def test_files_are_read_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "u.md").write_text("---\nvariables: [who]\n---\nMerci, {who} – ça va\n", encoding="utf-8")
    assert load_prompt("u", tmp_path).render(who="Zoë") == "Merci, Zoë – ça va\n"


def test_every_task_prompt_caps_its_answer_with_max_tokens() -> None:
    shared = {"system", "notes"}  # the parts every step's messages start with, not calls of their own
    for name in set(available_prompts()) - shared:
        max_tokens = load_prompt(name).max_tokens
        assert max_tokens is not None and 0 < max_tokens <= 2000, name  # 2000: REGAIN_MAX_TOKENS_PER_CALL's default


def test_example_words_and_style_only_are_parsed_from_the_front_matter() -> None:
    prompt = parse_prompt(
        "x", "---\nvariables: []\nexample_words: [Bouquet, venue]\nexample_is_style_only: true\n---\nHi\n"
    )
    assert (prompt.example_words, prompt.example_is_style_only) == (("bouquet", "venue"), True)
    plain = parse_prompt("y", "---\nvariables: []\n---\nHi\n")
    assert (plain.example_words, plain.example_is_style_only) == ((), False)


def test_example_words_must_be_a_list_of_words() -> None:
    with pytest.raises(PromptError, match="'example_words' must be a list of words"):
        parse_prompt("x", "---\nvariables: []\nexample_words: bouquet\n---\nHi\n")
