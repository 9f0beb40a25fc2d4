"""The regain command line, over a scripted backend."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from chain_support import NOTES, prompt_line
from cli_support import use_model
from fault_server import ANY, MODEL, Fault, FaultServer

import assistant.model.backend
from assistant import __version__
from assistant.cli import main
from assistant.domain.schema import STEP_TITLES, Draft
from assistant.domain.settle import wording
from assistant.model.testing import ScriptedChatModel, good_script

KEYS = {"facts", "pain", "ownership", "lessons", "plan", "positive", "report_back", "message"}


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> ScriptedChatModel:
    model = ScriptedChatModel(script=good_script())
    use_model(monkeypatch, model)
    return model


@pytest.fixture
def notes_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text(NOTES + "\n", encoding="utf-8")
    return path


def test_draft_json(scripted: ScriptedChatModel, notes_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(notes_file), "--json", "--today", "2026-11-27"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert set(data) >= KEYS
    draft = Draft.model_validate(data)
    assert draft.facts.leader_name == "Dana"
    assert draft.message.assembled is True and draft.message.body.startswith(
        "Hi Dana,\n\nI'm sorry that about 400 orders"
    )
    assert "Using scripted test model" in err
    # a finished step's text follows its mark, on one line
    assert "✓ pain (" in err
    assert "s): I'm sorry that about 400 orders were lost and that you had to explain it to the VP." in err
    assert "s): Hi Dana, I'm sorry that about 400 orders were lost" in err  # the assembled message, as compose
    assert scripted.calls_for("compose") == []


def test_draft_markdown_with_options(
    scripted: ScriptedChatModel, notes_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["draft", str(notes_file), "--today", "2026-11-27", "--channel", "chat", "--leader", "Sam", "-q"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    for title in STEP_TITLES.values():
        assert f"## {title}" in out
    assert "## Message (Chat message)" in out
    assert "\nHi Sam, I'm sorry that about 400 orders were lost" in out
    assert prompt_line("pain", leader="Sam") in str(scripted.calls_for("pain")[0]["messages"][1].content)
    assert scripted.calls_for("compose") == []
    assert err == ""


def test_name_signs_the_message(
    scripted: ScriptedChatModel, notes_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["draft", str(notes_file), "--json", "--today", "2026-11-27", "--name", "Alex", "-q"]) == 0
    draft = Draft.model_validate(json.loads(capsys.readouterr().out))
    assert draft.options.sender == "Alex"
    assert draft.message.body.endswith("\n\nThanks,\nAlex")


def test_the_name_comes_from_regain_user_name(
    scripted: ScriptedChatModel, notes_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REGAIN_USER_NAME", "Robin")
    assert main(["draft", str(notes_file), "--json", "--today", "2026-11-27", "-q"]) == 0
    assert Draft.model_validate(json.loads(capsys.readouterr().out)).message.body.endswith("\n\nThanks,\nRobin")


def test_polish_asks_the_model_to_rewrite_the_message(
    scripted: ScriptedChatModel, notes_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["draft", str(notes_file), "--json", "--today", "2026-11-27", "--polish", "-q"]) == 0
    Draft.model_validate(json.loads(capsys.readouterr().out))
    assert len(scripted.calls_for("compose")) == 1
    assert "to my leader (Dana)" in str(scripted.calls_for("compose")[0]["messages"][1].content)


def _assert_one_line_error(capsys: pytest.CaptureFixture[str], code: int, needle: str) -> None:
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.startswith("regain: error: ") and err.count("\n") == 1
    assert needle in err and "Traceback" not in err


def test_missing_file(scripted: ScriptedChatModel, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _assert_one_line_error(capsys, main(["draft", str(tmp_path / "nope.md")]), "No notes file at")


def test_empty_notes(scripted: ScriptedChatModel, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.md").write_text("  \n\u200b\n", encoding="utf-8")
    _assert_one_line_error(capsys, main(["draft", str(tmp_path / "empty.md")]), "The notes are empty")
    assert scripted.calls == []


def test_binary_file(scripted: ScriptedChatModel, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _assert_one_line_error(capsys, main(["draft", str(tmp_path / "img.png")]), "looks like a binary file")


def test_model_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, notes_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = ScriptedChatModel(script={**good_script(), "intake": "no JSON at all"})
    monkeypatch.setattr(assistant.model.backend, "open_backend", lambda *a: _yielding(model))
    code = main(["draft", str(notes_file), "-q", "--today", "2026-11-27"])
    assert code == 6
    _assert_one_line_error(capsys, code, "usable 'intake' step after 3 attempts")


@contextmanager
def _yielding(model: ScriptedChatModel) -> Iterator[SimpleNamespace]:
    yield SimpleNamespace(chat_model=model, describe=lambda: "scripted")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"regain {__version__}"


def test_notes_from_standard_input(
    scripted: ScriptedChatModel, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("\ufeffI skipped the staging tests.\n".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["draft", "-", "--json", "-q", "--today", "2026-11-27"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == "I skipped the staging tests."


def test_invalid_setting_names_the_variable(
    scripted: ScriptedChatModel, notes_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REGAIN_MAX_REASKS", "99")
    code = main(["draft", str(notes_file)])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("regain: error: ") and err.count("\n") == 1
    assert "max_reasks" in err.lower()


@pytest.mark.parametrize("as_json", [True, False])
def test_a_partial_draft_is_printed_marked_incomplete_and_exits_non_zero(
    fault_server: FaultServer,
    notes_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    as_json: bool,
) -> None:
    fault_server.always("pain", Fault.status(503))
    for name, value in {"REGAIN_TIMEOUT": "2", "REGAIN_RETRY_BACKOFF": "0.01", "REGAIN_MAX_RETRIES": "1"}.items():
        monkeypatch.setenv(name, value)
    args = ["draft", str(notes_file), "--backend", "openai", "--base-url", fault_server.base_url, "--model", MODEL]
    code = main([*args, "--today", "2026-11-27", "-q", *(["--json"] if as_json else [])])
    out, err = capsys.readouterr()
    assert code == 5 and len(fault_server.calls("pain")) == 2
    assert err.count("\n") == 1 and err.startswith("regain: error: The draft is incomplete – 1 step(s) failed (pain)")
    assert "Server error 503" in err
    if as_json:
        data = json.loads(out)
        assert data["complete"] is False and data["pain"] == ""
        assert data["ownership"] == "I pushed the change without running the staging tests. That was my decision."
        assert set(data["failed_steps"]) == {"pain"}
        # the message is assembled from the parts there are: the pain failed, so the program's regret for the
        # notes' harm opens it, then the ownership
        harm = "checkout was down about 3h (14:10-17:05), about 400 orders lost, support got 60+ tickets"
        regret = f"{wording(None).sorry.format(harm=harm)} {wording(None).landed}"
        assert data["message"]["body"].startswith(
            f"Hi Dana,\n\n{regret}\n\nI pushed the change without running the staging tests."
        )
    else:
        assert out.startswith("> **INCOMPLETE – these steps failed: 1. Show your pain.**")


@pytest.fixture
def local_fallback(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The embedded backend replaced by a scripted model (never starting Qwen); returns the kinds opened."""
    real = assistant.model.backend.open_backend
    opened: list[str] = []

    @contextmanager
    def open_backend(settings: Any, status: Any = None) -> Iterator[Any]:
        opened.append(settings.resolved_backend())
        if settings.resolved_backend() == "local":
            model = ScriptedChatModel(script=good_script())
            yield SimpleNamespace(chat_model=model, describe=lambda: "embedded local model 'fake'")
        else:
            with real(settings, status) as backend:
                yield backend

    monkeypatch.setattr(assistant.model.backend, "open_backend", open_backend)
    for name, value in {"REGAIN_TIMEOUT": "2", "REGAIN_RETRY_BACKOFF": "0.01", "REGAIN_MAX_RETRIES": "1"}.items():
        monkeypatch.setenv(name, value)
    return opened


@pytest.mark.parametrize(("fallback", "fault", "expected"), [
    ("local", Fault.status(503), ["openai", "local"]),
    ("local", Fault("drop"), ["openai", "local"]),
    ("local", Fault.status(401), ["openai"]),  # a wrong key is for the user to fix, not to hide
    ("none", Fault.status(503), ["openai"]),
])  # fmt: skip
def test_fallback_to_the_local_model_only_when_asked_and_the_remote_is_down(
    fault_server: FaultServer,
    notes_file: Path,
    local_fallback: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fallback: str,
    fault: Fault,
    expected: list[str],
) -> None:
    monkeypatch.setenv("REGAIN_FALLBACK", fallback)
    fault_server.always(ANY, fault)
    args = ["draft", str(notes_file), "--backend", "openai", "--base-url", fault_server.base_url, "--model", MODEL]
    code = main([*args, "--today", "2026-11-27", "--json"])
    out, err = capsys.readouterr()
    assert local_fallback == expected
    if expected[-1] == "local":
        assert code == 0 and json.loads(out)["complete"] is True
        assert "trying the embedded local model" in err and "Using embedded local model 'fake'" in err
    else:
        assert code == 5 and out == "" and err.splitlines()[-1].startswith("regain: error: ")
