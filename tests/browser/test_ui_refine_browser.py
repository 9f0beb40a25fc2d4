"""The Refine chat in headless Chromium: a plain request moves the dates; one that changes nothing saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import CHROMIUM, contains
from playwright.sync_api import Page, expect
from ui_support import NOTES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM} (apt-get install -y chromium)"),
    pytest.mark.filterwarnings("ignore::Warning:gradio.queueing"),
]


def _send(page: Page, request: str) -> None:
    page.locator("#refine-request textarea").fill(request)
    page.locator("#refine-send").click()


def test_move_every_due_date_one_week_later(page: Page, artifacts: Path) -> None:
    page.locator("#notes textarea").fill(NOTES)
    page.locator("#generate").click()
    expect(page.locator("#board")).to_contain_text("Draft ready")
    expect(page.locator("#saved")).to_contain_text("Saved as version 1 of session")
    plan = page.locator("#plan-text textarea")
    expect(plan).to_have_value(contains("2026-12-04"))

    _send(page, "Move every due date one week later.")
    expect(page.locator("#refine-chat")).to_contain_text("Moved every due date one week later; the check-ins follow.")
    expect(plan).to_have_value(contains("2026-12-11"))
    expect(plan).to_have_value(contains("2026-12-18"))
    expect(plan).not_to_have_value(contains("2026-12-04"))
    checkins = page.locator("#report_back-text textarea")
    expect(checkins).to_have_value(contains("2026-12-14"))
    expect(checkins).to_have_value(contains("2026-12-21"))
    body = page.locator("#message-body textarea")
    expect(body).to_have_value(contains("(by Fri 18 Dec)"))
    expect(body).to_have_value(contains("I'll report back on Mon 14 Dec and Mon 21 Dec"))
    expect(page.locator("#saved")).to_contain_text("Saved as version 2 of session")
    page.screenshot(path=str(artifacts / "refine-one-week-later.png"), full_page=True)

    _send(page, "drop action 9")
    expect(page.locator("#refine-chat")).to_contain_text("no new version is saved")
    expect(page.locator("#refine-chat")).to_contain_text("the plan has actions 1 to 2, not 9")
    page.wait_for_timeout(500)
    expect(page.locator("#saved")).to_contain_text("Saved as version 2 of session")
    expect(plan).to_have_value(contains("2026-12-18"))
