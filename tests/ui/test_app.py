"""The assembled app: served on 127.0.0.1 and driven with gradio_client; the `regain ui` command (login and ports:
test_launch.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import gradio as gr
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from ui_support import NOTES, TODAY, scripted_model, served_app

from assistant.cli import main
from assistant.domain.errors import ConfigurationError
from assistant.model.settings import Settings
from assistant.workflows.draft import Pipeline
from ui import app as ui_app
from ui import serve as ui_serve
from ui.app import build_app

# gradio's queue monitoring uses pandas options that pandas 3 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    model = scripted_model()
    app = build_app(lambda: Pipeline(model), Settings(), today=TODAY)
    with served_app(app) as url:
        yield url


def test_build_app_makes_blocks_without_launching() -> None:
    app = build_app(lambda: Pipeline(scripted_model()), today=TODAY)
    assert isinstance(app, gr.Blocks)
    assert not getattr(app, "is_running", False)


def test_generate_then_edit_through_the_api(served: str) -> None:
    client = Client(served, verbose=False)
    result = client.predict(NOTES, "", "email", "neutral", "medium", api_name="/generate")
    progress, _diff, pain_text, pain_findings, *_ = result
    assert progress.startswith("**Draft ready**")
    assert pain_text.startswith("I'm sorry that about 400 orders")
    assert "No problems found" in pain_findings
    findings = client.predict("Mistakes were made.", api_name="/edit_ownership")
    assert "<mark>were made</mark>" in findings


def test_an_input_error_reaches_the_client_as_a_message(served: str) -> None:
    client = Client(served, verbose=False)
    with pytest.raises(AppError, match="The notes are empty"):
        client.predict("", "", "email", "neutral", "medium", api_name="/generate")


class _FakeBackend:
    chat_model = scripted_model()

    def describe(self) -> str:
        return "fake backend 'scripted' at nowhere"


def test_regain_ui_opens_the_backend_and_serves(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    @contextmanager
    def fake_open_backend(settings: Settings, status: Any = None) -> Iterator[_FakeBackend]:
        seen["settings"] = settings
        yield _FakeBackend()

    def fake_launch(app: gr.Blocks, **kwargs: Any) -> None:
        seen["app"], seen["launch"] = app, kwargs

    monkeypatch.setattr("assistant.model.backend.open_backend", fake_open_backend)
    monkeypatch.setattr(ui_serve, "launch_app", fake_launch)
    monkeypatch.setenv("REGAIN_UI_USERNAME", "dana")
    monkeypatch.setenv("REGAIN_UI_PASSWORD", "pw")
    assert main(["ui", "--port", "7999", "--model", "m1"]) == 0
    assert seen["settings"].model == "m1"
    assert isinstance(seen["app"], gr.Blocks)
    assert seen["launch"] == {"host": "127.0.0.1", "port": 7999, "auth": ("dana", "pw"), "settings": seen["settings"]}


def test_python_m_ui_serves_without_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    @contextmanager
    def fake_open_backend(settings: Settings, status: Any = None) -> Iterator[_FakeBackend]:
        seen["settings"] = settings
        yield _FakeBackend()

    def fake_launch(app: gr.Blocks, **kwargs: Any) -> None:
        seen["app"], seen["launch"] = app, kwargs

    def no_cli(*args: Any, **kwargs: Any) -> int:
        raise AssertionError("python -m ui went through the CLI")

    monkeypatch.setattr("assistant.model.backend.open_backend", fake_open_backend)
    monkeypatch.setattr(ui_serve, "launch_app", fake_launch)
    monkeypatch.setattr("assistant.cli.main", no_cli)
    assert ui_serve.main(["--host", "localhost", "--port", "7998", "--backend", "openai", "--model", "m2"]) == 0
    assert seen["settings"].model == "m2" and seen["settings"].backend == "openai"
    assert isinstance(seen["app"], gr.Blocks)
    assert seen["launch"] == {"host": "localhost", "port": 7998, "auth": None, "settings": seen["settings"]}


def test_python_m_ui_reports_errors_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REGAIN_UI_USERNAME", "dana")
    assert ui_serve.main([]) == ConfigurationError.exit_code
    assert capsys.readouterr().err.strip() == (
        "regain: error: UI login needs both REGAIN_UI_USERNAME and REGAIN_UI_PASSWORD; set REGAIN_UI_PASSWORD."
    )
    monkeypatch.setenv("REGAIN_MAX_REASKS", "99")
    assert ui_serve.main([]) == ConfigurationError.exit_code
    assert capsys.readouterr().err.startswith("regain: error: Invalid setting – REGAIN_MAX_REASKS")


def test_regain_ui_reports_half_set_login_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REGAIN_UI_USERNAME", "dana")
    assert main(["ui"]) == ConfigurationError.exit_code
    assert capsys.readouterr().err.strip() == (
        "regain: error: UI login needs both REGAIN_UI_USERNAME and REGAIN_UI_PASSWORD; set REGAIN_UI_PASSWORD."
    )


_IMPORT_CHECK = """
import pkgutil, socket, sys
import assistant.model.backend
import gradio as gr

def refuse(*args, **kwargs):
    raise AssertionError("a backend was opened at import time")

def no_connect(self, address):
    raise AssertionError(f"a connection was made at import time: {address!r}")

built = []
blocks_init = gr.Blocks.__init__

def counting_init(self, *args, **kwargs):
    built.append(type(self).__name__)
    blocks_init(self, *args, **kwargs)

assistant.model.backend.open_backend = refuse
socket.socket.connect = no_connect
gr.Blocks.__init__ = counting_init
import ui
import ui.app

for module in pkgutil.iter_modules(ui.__path__):
    if module.name != "__main__":
        __import__(f"ui.{module.name}")
assert built == [], f"importing the ui modules built an app: {built}"
assert "demo" not in vars(ui.app), "ui.app.demo was built at import time"
assert "assistant.cli" not in sys.modules, "the ui imports the CLI (python -m ui must not go through it)"

assert isinstance(ui.app.demo, gr.Blocks)
assert built == ["Blocks"] and ui.app.demo is ui.app.demo and built == ["Blocks"]
assert not ui.app.demo.is_running
factory = next(fn.fn.handler.keywords["pipeline_factory"] for fn in ui.app.demo.fns.values() if fn.name == "generate")
assert not factory.__wrapped__.opened
from assistant.model.settings import Settings
assert not list(Settings().data_dir.glob("*.db")), "the sessions store was opened at import time"
print("ok")
"""


def test_importing_ui_builds_nothing_and_demo_is_made_for_reload_mode_on_first_use() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_CHECK], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert isinstance(ui_app.demo, gr.Blocks) and not ui_app.demo.is_running


def test_the_lazy_backend_opens_on_the_first_request_only(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Settings] = []
    closed: list[bool] = []

    @contextmanager
    def fake_open_backend(settings: Settings, status: Any = None) -> Iterator[_FakeBackend]:
        opened.append(settings)
        try:
            yield _FakeBackend()
        finally:
            closed.append(True)

    monkeypatch.setattr("assistant.model.backend.open_backend", fake_open_backend)
    monkeypatch.setenv("REGAIN_MAX_REASKS", "0")
    backend = ui_app.LazyBackend()
    assert not backend.opened and opened == []
    pipeline = backend()
    assert backend() is pipeline and len(opened) == 1 and backend.opened
    assert pipeline.model is _FakeBackend.chat_model and pipeline.max_reasks == 0
    backend.close()
    assert closed == [True] and not backend.opened


def test_a_generated_draft_is_autosaved_in_the_store(served: str) -> None:
    import time

    from assistant.store import Store

    client = Client(served, verbose=False)
    client.predict(NOTES, "", "email", "neutral", "medium", api_name="/generate")
    with Store.open(Settings()) as store:
        deadline = time.monotonic() + 10  # the save runs right after the draft, as its own event
        while not store.list_sessions() and time.monotonic() < deadline:
            time.sleep(0.05)
        (saved,) = store.list_sessions()
        assert saved.n_versions == 1 and saved.latest_source == "generated"
        assert store.load_version(saved.id).notes == NOTES
