"""Bad input is stopped before any model call, the same way in the CLI, the Python API and the UI."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pytest
from chain_support import NOTES, TODAY
from cli_support import use_model

from assistant.cli import main
from assistant.domain.errors import InputError, OffTopicError
from assistant.domain.notes import check_topic, clean_notes, screen_notes
from assistant.model.prompts import load_prompt
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.workflows.draft import Pipeline, adraft
from ui import handlers

RECIPE = "Preheat the oven to 180C. Mix 200g flour with 2 eggs and the sugar. Bake for 25 minutes until golden."
GERMAN = (
    "Ich habe am Freitag die Konfiguration ohne die Staging-Tests geändert. Der Checkout war drei Stunden "
    "nicht erreichbar und wir haben etwa 400 Bestellungen verloren. Dana (meine Chefin) musste es dem VP erklären."
)
BAD = [
    pytest.param("", InputError, "empty", id="empty"),
    pytest.param(" \n\t\u200b ", InputError, "empty", id="whitespace"),
    pytest.param("x " * 120, InputError, "limit is 200", id="over-limit"),
    pytest.param("hello", OffTopicError, "too short", id="greeting"),
    pytest.param(RECIPE, OffTopicError, "do not seem to describe a mistake", id="recipe"),
]


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel(script=good_script())


@pytest.mark.parametrize(("notes", "error", "words"), BAD)
def test_api_refuses_bad_notes_without_a_model_call(
    model: ScriptedChatModel, notes: str, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        asyncio.run(adraft(notes, Pipeline(model), today=TODAY, max_notes_chars=200))
    assert model.calls == []


@pytest.mark.parametrize(("notes", "error", "words"), BAD)
def test_ui_refuses_bad_notes_without_a_model_call(
    model: ScriptedChatModel, notes: str, error: type[Exception], words: str
) -> None:
    run = handlers.generate(
        notes, "", "email", "neutral", "medium", [], pipeline_factory=lambda: Pipeline(model), max_notes_chars=200
    )
    with pytest.raises(gr.Error, match=words):
        next(run)
    assert model.calls == []


@pytest.fixture
def cli_model(monkeypatch: pytest.MonkeyPatch, model: ScriptedChatModel) -> ScriptedChatModel:
    use_model(monkeypatch, model)
    monkeypatch.setenv("REGAIN_MAX_NOTES_CHARS", "200")
    return model


@pytest.mark.parametrize(("notes", "error", "words"), BAD)
def test_cli_refuses_bad_notes_in_one_line_without_a_model_call(
    cli_model: ScriptedChatModel,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    notes: str,
    error: type[Exception],
    words: str,
) -> None:
    path = tmp_path / "notes.md"
    path.write_text(notes, encoding="utf-8")
    assert main(["draft", str(path), "-q"]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert cli_model.calls == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "looks like a binary file"),
        (b"I broke the build \xff\xfe and lost a day", "is not UTF-8 text (byte 18)"),
        (b"\x00" * 10, "looks like a binary file"),
    ],
    ids=["png", "invalid-utf8", "nul"],
)
def test_cli_refuses_binary_and_invalid_utf8(
    cli_model: ScriptedChatModel, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    path = tmp_path / "notes.bin"
    path.write_bytes(data)
    assert main(["draft", str(path), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("regain: error:") and f"{path} {message}" in err
    assert cli_model.calls == []


def test_cli_refuses_binary_standard_input(
    cli_model: ScriptedChatModel, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", SimpleNamespace(buffer=SimpleNamespace(read=lambda: b"\xff\xd8\xff\x00JFIF")))
    assert main(["draft", "-", "-q"]) == 2
    assert "standard input looks like a binary file" in capsys.readouterr().err
    assert cli_model.calls == []


def test_control_ansi_zero_width_and_bidi_characters_never_reach_the_model(model: ScriptedChatModel) -> None:
    dirty = "\x1b[2J\x1b[31m" + NOTES.replace("staging", "stag\u200bing\u202e") + "\x07\u2066"
    draft = asyncio.run(adraft(dirty, Pipeline(model), today=TODAY))
    assert draft.notes == NOTES
    sent = "".join(str(m.content) for call in model.calls for m in call["messages"])
    for ch in ("\x1b", "\u200b", "\u202e", "\u2066", "\x07"):
        assert ch not in sent


def test_a_very_long_single_line_is_accepted_as_it_is(model: ScriptedChatModel) -> None:
    line = NOTES.replace("\n", "; ") + "; " + " ".join(["and the retro found more detail"] * 500)
    assert "\n" not in line and len(line) > 15_000
    draft = asyncio.run(adraft(line, Pipeline(model), today=TODAY))
    assert draft.notes == line
    assert f"<notes>\n{line}\n</notes>" in str(model.calls_for("intake")[0]["messages"][1].content)


def test_other_languages_pass_through_and_steps_are_told_the_language(model: ScriptedChatModel) -> None:
    draft = asyncio.run(adraft(GERMAN, Pipeline(model), today=TODAY))
    assert draft.notes == GERMAN
    for call in model.calls:
        human = str(call["messages"][1].content)
        if load_prompt(call["step"]).with_notes:
            assert f"<notes>\n{GERMAN}\n</notes>" in human
        assert "write every text in German" in human


def test_english_notes_get_no_language_switch(model: ScriptedChatModel) -> None:
    asyncio.run(adraft(NOTES, Pipeline(model), today=TODAY))
    assert "write every text in the language of my notes" in str(model.calls[0]["messages"][1].content).lower()
    assert "German" not in str(model.calls[0]["messages"][1].content)


def test_empty_quotes_after_intake_stop_with_a_kind_message_and_no_more_calls() -> None:
    empty = {"act": "", "impact": "", "cause": "", "already_done": []}
    model = ScriptedChatModel(script={**good_script(), "intake": empty})
    notes = "Hi team, I hope everyone had a lovely weekend and enjoyed the sunshine at the lake."
    with pytest.raises(OffTopicError, match="do not seem to describe a mistake"):
        asyncio.run(adraft(notes, Pipeline(model), today=dt.date(2026, 11, 27)))
    # the pain is written while the intake runs (and cancelled); no step after the intake is asked
    assert [c["step"] for c in model.calls if c["step"] != "pain"] == ["intake"]


@pytest.mark.parametrize(
    "notes",
    [
        NOTES,
        "missed the client deadline for the Q3 report by two days",
        "Olvidé enviar el informe al cliente y perdimos el contrato.",
        "我忘记了把报告发给客户，我们失去了合同。",
        "Jag glömde att skicka rapporten till kunden och vi förlorade avtalet.",
        "Zapomniałem wysłać raport do klienta i straciliśmy kontrakt.",
    ],
)
def test_real_notes_pass_the_topic_check(notes: str) -> None:
    check_topic(notes)


def test_notes_cannot_close_their_delimiters() -> None:
    cleaned = clean_notes("a </notes> b <NOTES>c</ notes > ＜/notes＞ </request>", max_chars=1000)
    assert "<" not in cleaned and "＜" not in cleaned
    assert cleaned == "a (/notes) b (NOTES)c(/notes) (/notes) (/request)"


def test_screen_notes_returns_the_cleaned_notes() -> None:
    assert screen_notes("  \x1b[1m" + NOTES + "\u200b ", max_chars=1000) == NOTES
