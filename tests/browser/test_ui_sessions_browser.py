"""Saved work in headless Chromium: a draft is autosaved, listed in the Sessions tab, and reported on in
the Report back tab; an interrupted draft is finished from the Sessions tab."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, TIMEOUT, contains
from playwright.sync_api import Page, expect
from ui_support import NOTES, TODAY, scripted_model, served_app

from assistant.domain.errors import ModelAPIError
from assistant.model.settings import Settings
from assistant.model.testing import GOOD_PROGRESS_NOTES, good_script
from assistant.workflows.draft import Pipeline
from ui.app import build_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM} (apt-get install -y chromium)"),
    pytest.mark.filterwarnings("ignore::Warning:gradio.queueing"),
]


def test_a_draft_is_saved_then_reported_on(page: Page, artifacts: Path) -> None:
    page.locator("#notes textarea").fill(NOTES)
    page.locator("#generate").click()
    expect(page.locator("#board")).to_contain_text("Draft ready")
    expect(page.locator("#saved")).to_contain_text("Saved as version 1 of session")

    page.get_by_role("tab", name="Sessions").click()
    expect(page.locator("#session-picker input")).to_have_value(contains("s-"))
    expect(page.locator("#session-versions")).to_contain_text("written by the model")
    page.screenshot(path=str(artifacts / "sessions-tab.png"), full_page=True)

    page.get_by_role("tab", name="Report back").click()
    action = page.locator("#progress-action-1")
    # nothing open in the notes: the plan is the program's, the lesson's habit on my checklist, then the look back
    expect(action).to_contain_text('1. Add "run the staging tests before every config deploy')
    expect(action).to_contain_text("saved status: not started")
    expect(page.locator("#progress-action-2")).to_contain_text("2. Go back over my other work of the same kind")
    expect(page.locator("#progress-action-3")).to_be_hidden()
    page.locator("#progress-notes textarea").fill(GOOD_PROGRESS_NOTES)
    page.locator("#progress-write").click()
    expect(page.locator("#progress-board")).to_contain_text("Update ready")
    expect(page.locator("#progress-body textarea")).to_have_value(contains("blocked a test deploy"))
    expect(action).to_contain_text("saved status: done")
    with page.expect_download() as info:
        page.locator("#progress-ics").click()
    assert Path(info.value.path()).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    page.screenshot(path=str(artifacts / "progress-tab.png"), full_page=True)


def test_opening_with_no_session_picked_is_one_hint_without_error_badges(page: Page, artifacts: Path) -> None:
    page.get_by_role("tab", name="Sessions").click()
    expect(page.locator("#session-picker input")).to_have_value("")
    # a click before the app has wired its handlers does nothing: click again until the hint shows (at most 3 times)
    for attempt in range(3):
        page.locator("#session-open").click()
        try:
            expect(page.locator("#session-info")).to_contain_text("Nothing to open yet: pick a saved session")
            break
        except AssertionError:
            if attempt == 2:
                raise
    page.wait_for_timeout(500)  # an error would mark the outputs a moment after the click
    page.screenshot(path=str(artifacts / "sessions-open-none.png"), full_page=True)
    expect(page.get_by_text("pick a saved session", exact=False)).to_have_count(1)
    expect(page.locator(".error")).to_have_count(0)
    page.locator("#session-restore").click()
    expect(page.locator("#session-info")).to_contain_text("Nothing to restore yet")
    page.wait_for_timeout(500)
    expect(page.locator(".error")).to_have_count(0)
    page.get_by_role("tab", name="Draft").click()
    expect(page.locator(".error")).to_have_count(0)
    expect(page.locator("#pain-text textarea")).to_have_value("")


def test_an_interrupted_draft_is_finished_from_the_sessions_tab(browser: Any, artifacts: Path) -> None:
    asked: list[int] = []

    def ownership(messages: Any) -> str:  # the server goes away during the first draft, then is back
        asked.append(1)
        if len(asked) == 1:
            raise ModelAPIError("The model server failed with HTTP 503 after retries.")
        return json.dumps(good_script(TODAY.isoformat())["ownership"])

    model = scripted_model(ownership=ownership)
    app = build_app(lambda: Pipeline(model), Settings(), today=TODAY)
    with served_app(app) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        page.goto(url)
        page.locator("#notes textarea").fill(NOTES)
        page.locator("#generate").click()
        expect(page.locator("#saved")).to_contain_text("Saved as version 1 of session")
        expect(page.locator("#ownership-text textarea")).to_have_value("")
        intake_calls = len(model.calls_for("intake"))

        page.get_by_role("tab", name="Sessions").click()
        expect(page.locator("#session-info")).to_contain_text("A draft was interrupted")
        page.locator("#session-resume").click()
        expect(page.locator("#session-info")).to_contain_text("The draft is finished and saved as version 2")
        expect(page.locator("#session-resume")).to_be_hidden()
        page.screenshot(path=str(artifacts / "sessions-resumed.png"), full_page=True)

        page.get_by_role("tab", name="Draft").click()
        expect(page.locator("#ownership-text textarea")).to_have_value(contains("staging tests"))
        expect(page.locator("#saved")).to_contain_text("Saved as version 2 of session")
        assert len(model.calls_for("intake")) == intake_calls  # the saved steps were reused, not asked again
        context.close()
