"""The web UI in headless Chromium: draft, edit, refine, undo, download, errors, chat mode, phone width."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, TIMEOUT, UNREACHABLE, contains
from playwright.sync_api import Page, expect
from ui_support import NOTES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM} (apt-get install -y chromium)"),
    pytest.mark.filterwarnings("ignore::Warning:gradio.queueing"),  # gradio's use of deprecated pandas options
]


def _generate(page: Page, notes: str = NOTES) -> None:
    page.locator("#notes textarea").fill(notes)
    page.locator("#generate").click()
    expect(page.locator("#board")).to_contain_text("Draft ready")


def _box(page: Page, step: str) -> Any:
    return page.locator(f"#{step}-text textarea")


def test_draft_edit_refine_undo_and_download(page: Page, artifacts: Path) -> None:
    _generate(page)
    for step in ("pain", "ownership", "lessons", "plan", "positive", "report_back"):
        expect(_box(page, step)).not_to_have_value("")
        expect(page.locator(f"#{step}-findings")).to_contain_text("No problems found")
    expect(page.locator("#board")).to_contain_text("Message")
    # the message is assembled by the program from the six parts: greeting, the parts in order, sign-off
    body = page.locator("#message-body textarea")
    expect(body).to_have_value(re.compile(r"^Hi Dana,\n\nI'm sorry that about 400 orders were lost"))
    # nothing open in the notes: the plan is the program's, the lesson's habit on my checklist, then the look back
    # the lesson just said the habit: the message's plan line does not quote it again
    expect(body).to_have_value(contains("Here is my plan:\n- I will add that step to my checklist for this work"))
    expect(body).to_have_value(contains("- I will go back over my other work of the same kind from the last month"))
    expect(body).to_have_value(contains("I'll report back on Mon 7 Dec and Mon 14 Dec"))
    expect(body).to_have_value(re.compile(r"Thanks,$"))
    page.screenshot(path=str(artifacts / "1-generated.png"), full_page=True)

    _box(page, "ownership").fill("Mistakes were made, and I'm sorry if anyone was offended.")
    findings = page.locator("#ownership-findings")
    expect(findings).to_contain_text("error")
    expect(findings.locator("mark", has_text="were made").first).to_be_visible()
    page.locator("#ownership-findings").screenshot(path=str(artifacts / "2-edited-findings.png"))

    page.locator("#refine-request textarea").fill("make the plan dates two weeks later")
    page.locator("#refine-send").click()
    expect(_box(page, "plan")).to_have_value(contains("2026-12-25"))
    diff = page.locator("#diff")
    expect(diff).to_contain_text("4. Outline a path forward")
    expect(diff.locator("ins").first).to_be_visible()
    expect(diff.locator("del").first).to_be_visible()
    expect(page.locator("#refine-chat")).to_contain_text("two weeks later")
    page.screenshot(path=str(artifacts / "3-refined.png"), full_page=True)

    page.locator("#undo").click()
    expect(_box(page, "plan")).to_have_value(contains("2026-12-11"))
    expect(page.locator("#refine-chat")).to_contain_text("Undone")
    expect(_box(page, "ownership")).to_have_value("Mistakes were made, and I'm sorry if anyone was offended.")

    with page.expect_download() as info:
        page.locator("#download-eml").click()
    eml = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename == "my-mistake-and-what-i-m-doing-about-it.eml"
    assert "Subject: My mistake, and what I'm doing about it" in eml and "X-Unsent: 1" in eml
    with page.expect_download() as info:
        page.locator("#download-md").click()
    assert (
        Path(info.value.path())
        .read_text(encoding="utf-8")
        .startswith("# My mistake, and what I'm doing about it\n\nHi Dana,\n\nI'm sorry")
    )


def test_model_text_is_never_rendered_as_html(page: Page, artifacts: Path) -> None:
    _generate(page)
    hostile = (
        'Dana, I\'m sorry. <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> '
        "[click](javascript:window.__xss=3) ![t](https://evil.example/p.png)"
    )
    page.locator("#message-body textarea").fill(hostile)
    expect(page.locator("#message-findings")).to_contain_text("HTML")
    page.get_by_text("Preview").click()
    preview = page.locator("#message-preview")
    expect(preview).to_contain_text("window.__xss=1")  # shown as text
    assert preview.locator("img, script, a").count() == 0
    assert page.locator("#message-findings img, #message-findings script").count() == 0
    assert page.evaluate("window.__xss") is None
    preview.screenshot(path=str(artifacts / "4-hostile-preview.png"))


def test_errors_are_notices_and_the_notes_stay(page: Page, artifacts: Path) -> None:
    page.locator("#notes textarea").fill("   ")
    page.locator("#generate").click()
    expect(page.get_by_text("The notes are empty").first).to_be_visible()

    notes = f"{NOTES}\n{UNREACHABLE}"
    page.locator("#notes textarea").fill(notes)
    page.locator("#generate").click()
    expect(page.get_by_text("Could not reach the model server").first).to_be_visible()
    expect(page.locator("#board")).to_contain_text("could not be finished")
    expect(page.locator("#notes textarea")).to_have_value(notes)
    page.screenshot(path=str(artifacts / "5-error.png"))


def test_chat_mode_asks_then_writes_the_draft(page: Page, artifacts: Path) -> None:
    page.get_by_role("tab", name="Chat mode").click()
    chat_input = page.locator("#interview-input textarea")
    chat_input.fill("I pushed the payments config change friday w/o running staging tests, checkout down ~3h.")
    page.locator("#interview-send").click()
    expect(page.locator("#interview-chat")).to_contain_text("Who is your leader")
    chat_input.fill("Dana (my manager, eng director) had to explain it to the VP")
    page.locator("#interview-send").click()
    expect(page.locator("#interview-chat")).to_contain_text("What have you already done")
    chat_input.fill("I rolled back the change and wrote the incident timeline.")
    page.locator("#interview-send").click()
    expect(page.locator("#interview-chat")).to_contain_text("Here is your message")
    page.screenshot(path=str(artifacts / "6-chat-mode.png"), full_page=True)
    page.get_by_role("tab", name="Draft").click()
    expect(_box(page, "pain")).not_to_have_value("")
    expect(page.locator("#notes textarea")).to_have_value(contains("My leader: Dana"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_has_no_sideways_scrolling(browser: Any, app_url: str, artifacts: Path, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        page.goto(app_url + ("?__theme=dark" if scheme == "dark" else ""))
        _generate(page)
        page.screenshot(path=str(artifacts / f"7-phone-{scheme}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
        box = page.locator("#pain-text textarea").bounding_box()
        assert box is not None and box["width"] > 250
    finally:
        context.close()


def test_chat_mode_undo_and_retry_buttons(page: Page, artifacts: Path) -> None:
    page.get_by_role("tab", name="Chat mode").click()
    chat, chat_input = page.locator("#interview-chat"), page.locator("#interview-input textarea")
    chat_input.fill("I pushed the payments config change friday w/o running staging tests, checkout down ~3h.")
    page.locator("#interview-send").click()
    expect(chat).to_contain_text("Who is your leader")
    chat_input.fill("Dana (my manager, eng director) had to explain it to the VP")
    page.locator("#interview-send").click()
    expect(chat).to_contain_text("What have you already done")

    chat.get_by_role("button", name="Undo").last.click()
    expect(chat).not_to_contain_text("What have you already done")
    expect(chat_input).to_have_value("Dana (my manager, eng director) had to explain it to the VP")

    page.locator("#interview-send").click()
    expect(chat).to_contain_text("What have you already done")
    chat.get_by_role("button", name="Retry").last.click()
    expect(chat.get_by_text("What have you already done")).to_have_count(1)
    expect(chat.get_by_text("had to explain it to the VP")).to_have_count(1)
    page.screenshot(path=str(artifacts / "8-chat-undo-retry.png"), full_page=True)
