"""Secrets and notes stay out of places they don't belong: cassettes, logs, errors, settings, output.

The API key used here is a fake one; the model server is the benchmark's simulated
OpenAI-compatible server or a tiny failing one, both on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import http.server
import importlib
import json
import logging
import re
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from assistant.cli import main
from assistant.domain.errors import ModelAPIError
from assistant.domain.redact import HIDDEN, redact
from assistant.model.settings import Settings
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.workflows.draft import Pipeline, adraft
from ui import handlers
from ui.handlers import user_error

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sim = importlib.import_module("sim_server")  # bench/sim_server.py
FAKE_KEY = "sk-regain-test-0123456789abcdefSECRET"
MARKER = "ZEBRA-MARKER-7Q"
NOTES = (
    f"I pushed the payments config change on Friday without running the staging tests ({MARKER}). "
    "Checkout was down about 3 hours and about 400 orders were lost. Dana (my manager) had to explain it to the VP."
)
LOGGERS = [
    "",
    "openai",
    "httpx",
    "httpx2",
    "httpcore",
    "httpcore2",
    "langchain",
    "langchain_core",
    "gradio",
    "assistant",
    "ui",
    "asyncio",
]


def _key_parts(text: str) -> list[str]:
    """Any sizeable piece of the fake key (servers echo keys partly redacted: 'sk-regain-***SECRET')."""
    return [part for part in (FAKE_KEY, FAKE_KEY[:12], FAKE_KEY[-12:]) if part in text]


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every logger at DEBUG, all captured."""
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.fixture
def sim_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    with sim.serve_in_thread(sim.Latency(ttft=0.0, per_token=0.0)) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
        monkeypatch.setenv("REGAIN_MAX_RETRIES", "0")
        yield server


class _EchoKey(http.server.BaseHTTPRequestHandler):
    """Answers every request with ``status`` and echoes the Authorization header, as a careless server might."""

    status = 401

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        body = json.dumps(
            {"error": {"message": f"Incorrect API key provided: {self.headers.get('authorization')}", "code": 401}}
        ).encode()
        try:
            self.send_response(self.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a concurrent request after the first error: nothing to answer

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test server
        return


@pytest.fixture(params=[401, 400, 500])
def echo_key(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    handler = type("Handler", (_EchoKey,), {"status": request.param})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    monkeypatch.setenv("REGAIN_MAX_RETRIES", "0")
    monkeypatch.setenv("REGAIN_MODEL", "some-model")
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def notes_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    return path


def test_cassettes_hold_no_keys_or_auth_headers() -> None:
    files = sorted((ROOT / "cassettes").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![a-z])sk-", text, re.IGNORECASE), path  # "risk-" is fine, "sk-..." is not
        assert not re.search(r"bearer|authorization", text, re.IGNORECASE), path


def test_settings_never_show_the_key() -> None:
    settings = Settings(api_key=FAKE_KEY, ui_password="pw-" + FAKE_KEY)  # type: ignore[arg-type]
    for text in (
        repr(settings),
        str(settings),
        settings.model_dump_json(),
        json.dumps(settings.model_dump(), default=str),
    ):
        assert _key_parts(text) == [], text
    assert settings.api_key_value() == FAKE_KEY


def test_a_draft_over_http_leaks_neither_key_nor_notes_into_logs(
    sim_server: Any, notes_file: Path, debug_logs: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["draft", str(notes_file), "--json", "--today", "2026-11-27"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["notes"] == NOTES
    assert _key_parts(out + err) == []
    logged = debug_logs.text + "\n".join(str(r.args) for r in debug_logs.records)
    assert debug_logs.records, "nothing was logged: the capture is not working"
    assert _key_parts(logged) == []
    assert MARKER not in logged and "payments config" not in logged


def test_a_server_error_that_echoes_the_key_does_not_show_it(
    echo_key: str, notes_file: Path, debug_logs: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["draft", str(notes_file), "-q"])
    out, err = capsys.readouterr()
    assert code != 0 and err.startswith("regain: ") and len(err.strip().splitlines()) == 1
    assert _key_parts(out + err + debug_logs.text) == [], err
    assert MARKER not in debug_logs.text


def test_doctor_does_not_show_the_key(
    echo_key: str, debug_logs: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["doctor"])
    out, err = capsys.readouterr()
    assert _key_parts(out + err + debug_logs.text) == [], out + err


def test_a_password_in_the_base_url_is_not_shown(
    notes_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://user:hunter2pass@127.0.0.1:{port}/v1?api-key=qwerty123")
    monkeypatch.setenv("REGAIN_MODEL", "m")
    monkeypatch.setenv("REGAIN_MAX_RETRIES", "0")
    assert main(["draft", str(notes_file), "-q"]) == 5
    err = capsys.readouterr().err
    assert err.startswith(f"regain: error: Cannot reach the model server at http://{HIDDEN}@127.0.0.1:{port}/v1")
    assert "OPENAI_BASE_URL" in err and len(err.strip().splitlines()) == 1
    assert "hunter2pass" not in err and "qwerty123" not in err


@pytest.mark.parametrize(
    "text",
    [
        f"Incorrect API key provided: {FAKE_KEY}",
        "Incorrect API key provided: sk-regain-*****************SECRET",
        f"header was Bearer {FAKE_KEY}",
        "at https://me:pa55word@example.com/v1?api_key=abc123&x=1",
    ],
)
def test_redact_hides_keys_tokens_and_url_passwords(text: str) -> None:
    out = redact(text, [FAKE_KEY])
    assert HIDDEN in out
    for secret in (FAKE_KEY, "SECRET", "pa55word", "abc123"):
        assert secret not in out


def test_the_ui_error_notice_is_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    notice = user_error(ModelAPIError(f"The server refused the request (400): bad key {FAKE_KEY}"))
    assert FAKE_KEY not in str(notice) and HIDDEN in str(notice)
    assert FAKE_KEY not in str(user_error(RuntimeError(f"boom {FAKE_KEY}")))


def test_notes_never_reach_the_logs_with_the_fake_model_in_the_api_and_the_ui(
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    shorter = {"understood": "Shorter.", "edits": [{"op": "set_length", "length": "shorter"}], "not_possible": ""}
    model = ScriptedChatModel(script={**good_script(), "refine_edits": json.dumps(shorter)})
    pipeline = Pipeline(model)
    draft = asyncio.run(adraft(NOTES, pipeline, today=dt.date(2026, 11, 27)))
    *_, last = handlers.generate(NOTES, "", "email", "neutral", "medium", [], pipeline_factory=lambda: pipeline)
    versions = last[0]
    for _ in handlers.refine(f"Shorter please, {MARKER}", [], versions, pipeline_factory=lambda: pipeline):
        pass
    with pytest.raises(gr.Error):  # an unexpected failure is logged without its message
        handlers.generate(NOTES, "", "email", "neutral", "medium", [], pipeline_factory=_broken).__next__()
    assert MARKER in draft.notes and debug_logs.records
    logged = debug_logs.text + "\n".join(str(r.args) + str(r.exc_info) for r in debug_logs.records)
    assert MARKER not in logged and "payments config" not in logged


def _broken() -> Pipeline:
    raise RuntimeError(f"could not start for notes: {NOTES}")
