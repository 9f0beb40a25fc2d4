"""Browser-test fixtures: the UI served on 127.0.0.1 with a scripted model, and headless Chromium.

Chromium is the system one (``/usr/bin/chromium``); Playwright's own browser downloads
are never used. Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, TIMEOUT, UNREACHABLE
from langchain_core.messages import BaseMessage
from ui_support import TODAY, scripted_model, served_app

from assistant.domain.errors import ModelAPIError
from assistant.model.settings import Settings
from assistant.model.testing import good_script
from assistant.workflows.draft import Pipeline
from ui.app import build_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _intake(messages: list[BaseMessage]) -> str:
    """The good intake answer, or a connection failure for notes that ask for one."""
    if any(UNREACHABLE in str(m.content) for m in messages):
        raise ModelAPIError("Could not reach the model server at http://127.0.0.1:9/v1; is it running?")
    return json.dumps(good_script(TODAY.isoformat())["intake"])


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    """The UI on a free loopback port, answering from the good script."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        model = scripted_model(intake=_intake)
        app = build_app(lambda: Pipeline(model), Settings(), today=TODAY)
        with served_app(app) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    """A fresh desktop-sized page on the app, downloads allowed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(app_url)
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
