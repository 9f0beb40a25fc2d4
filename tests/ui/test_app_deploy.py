"""Deployment settings of the served UI: no share link, blocked data and cache, a bounded queue,
and no way to read files outside the app through gradio's file route (checked against a live server)."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from ui_support import TODAY, scripted_model, served_app

from assistant.model.settings import Settings
from assistant.workflows.draft import Pipeline
from ui import launch as ui_launch
from ui.app import build_app
from ui.launch import MAX_UPLOAD

pytestmark = pytest.mark.filterwarnings("ignore::Warning:gradio.queueing")
ROOT = Path(__file__).resolve().parents[2]
SECRET = "REGAIN-PRIVATE-CONTENT-91"


class _Secret(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = SECRET.encode()
        self.send_response(200)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test server
        return


@pytest.fixture
def private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A sessions database in the data dir and a weights file in the cache dir, both in temp folders."""
    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setattr(ui_launch, "user_data_dir", lambda name: str(data))
    monkeypatch.setenv("REGAIN_CACHE_DIR", str(cache))
    files = {"data": data / "sessions.sqlite3", "cache": cache / "models" / "weights.gguf"}
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SECRET, encoding="utf-8")
    return files


@pytest.fixture
def served(private_files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, gr.Blocks]]:
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    settings = Settings(ui_concurrency=3, ui_queue_size=7)
    app = build_app(lambda: Pipeline(scripted_model()), settings, today=TODAY)
    with served_app(app, settings=settings) as url:
        yield url.rstrip("/"), app


@pytest.fixture
def internal_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Secret)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/secret"
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_launch_settings_are_safe_for_deployment(served: tuple[str, gr.Blocks], private_files: dict[str, Path]) -> None:
    _, app = served
    assert app.share is False and app.share_url is None
    assert app.allowed_paths == []
    blocked = {str(Path(p).resolve()) for p in app.blocked_paths}
    assert {str(private_files["data"].parent.resolve()), str(private_files["cache"].parent.parent.resolve())} <= blocked
    assert app.show_error is False
    assert app.max_file_size == gr.FileSize.MB
    assert MAX_UPLOAD == "1mb"
    assert app._queue.default_concurrency_limit == 3 and app._queue.max_size == 7


def _targets(private_files: dict[str, Path]) -> list[str]:
    data, cache = str(private_files["data"]), str(private_files["cache"])
    source = str(ROOT / "ui" / "app.py")
    depth = "../" * 12
    return [
        "/etc/passwd",
        data,
        cache,
        source,
        f"{depth}etc/passwd",
        f"{depth}{data.lstrip('/')}",
        urllib.parse.quote("/etc/passwd", safe=""),
        urllib.parse.quote(data, safe=""),
        urllib.parse.quote(f"{depth}etc/passwd", safe=""),
        "%2e%2e/" * 12 + "etc/passwd",
        "..%2f" * 12 + "etc/passwd",
        "%252e%252e%252f" * 12 + "etc%252fpasswd",
        "....//" * 12 + "etc/passwd",
        "..\\" * 12 + "etc\\passwd",
        f"file://{data}",
        "/proc/self/environ",
    ]


def test_the_file_route_serves_nothing_outside_the_app(
    served: tuple[str, gr.Blocks], private_files: dict[str, Path]
) -> None:
    base, _ = served
    for target in _targets(private_files):
        for route in ("/gradio_api/file=", "/gradio_api/file/"):
            status, body = _get(base + route + target)
            assert status in (403, 404), (route, target, status)
            assert SECRET not in body and "root:" not in body, (route, target)


def test_the_file_route_does_not_fetch_internal_urls(served: tuple[str, gr.Blocks], internal_url: str) -> None:
    base, _ = served
    assert _get(internal_url) == (200, SECRET)  # the internal server is really there
    for target in (internal_url, urllib.parse.quote(internal_url, safe="")):
        status, body = _get(f"{base}/gradio_api/file={target}")
        assert status in (403, 404) and SECRET not in body, (target, status)
