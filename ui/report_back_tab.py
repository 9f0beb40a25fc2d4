"""The Report back tab: report back on a saved plan (step 6, weeks later). Handlers are in :mod:`ui.report_back`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.model.settings import Settings
from assistant.workflows.draft import Pipeline
from ui import report_back, sessions
from ui.chat_tab import bind
from ui.sessions import StoreFactory


def build_report_back_tab() -> dict[str, Any]:
    """The tab's components (inside an open ``gr.Tab``)."""
    c: dict[str, Any] = {"rows": []}
    gr.Markdown(
        "Weeks later: tell your leader how the plan is going. Write a few lines on what you did; "
        "Regain drafts the update, honest about anything late, with the next check-in date."
    )
    with gr.Row(equal_height=True):
        c["picker"] = gr.Dropdown(choices=[], value=None, label="Saved session", scale=4, elem_id="progress-session")
        c["calendar"] = gr.DownloadButton("Check-ins (.ics)", size="sm", scale=1, elem_id="progress-ics")
    c["intro"] = gr.Markdown(elem_id="progress-intro")
    for i in range(report_back.MAX_ACTIONS):
        with gr.Column(visible=False, variant="panel", elem_id=f"progress-action-{i + 1}") as column:
            label = gr.Markdown()
            status = gr.Radio(report_back.STATUS_CHOICES, value=report_back.FROM_NOTES, label="Status", min_width=240)
            note = gr.Textbox(label="Evidence, or why it was dropped", lines=1, max_lines=3)
        c["rows"].append({"row": column, "label": label, "status": status, "note": note})
    c["notes"] = gr.Textbox(
        label="Your progress notes",
        lines=4,
        placeholder="e.g. added the CI gate on Wednesday; it blocked one deploy without a green staging run. "
        "The runbook is a week late.",
        elem_id="progress-notes",
    )
    c["write"] = gr.Button("Write the progress update", variant="primary", elem_id="progress-write")
    c["board"] = gr.Markdown(elem_id="progress-board")
    c["subject"] = gr.Textbox(label="Subject", elem_id="progress-subject")
    c["body"] = gr.Textbox(label="Update to your leader", lines=8, buttons=["copy"], elem_id="progress-body")
    c["findings"] = gr.Markdown(padding=True, elem_classes="findings", elem_id="progress-findings")
    with gr.Accordion("Earlier updates", open=False):
        c["history"] = gr.Markdown(elem_id="progress-history")
    return c


def wire_report_back_tab(
    c: dict[str, Any],
    session: gr.State,
    factory: Callable[[], Pipeline],
    store: StoreFactory,
    settings: Settings,
    today: dt.date | None,
) -> None:
    """Wire the tab; it opens on the session being worked on in the Draft tab."""
    rows = [row[name] for row in c["rows"] for name in report_back.ROW_FIELDS]
    shown = [c["intro"], *rows, c["history"], c["calendar"]]
    load = bind(report_back.load_progress, store_factory=store, today=today)
    picker = bind(sessions.refresh_sessions, store_factory=store)
    c["tab"].select(picker, session, c["picker"], queue=False).then(load, c["picker"], shown, queue=False)
    c["picker"].input(load, c["picker"], shown, queue=False)
    values = [row[name] for row in c["rows"] for name in ("status", "note")]
    write = bind(
        report_back.write_update,
        pipeline_factory=factory,
        store_factory=store,
        today=today,
        max_notes_chars=settings.max_notes_chars,
    )
    c["write"].click(
        write,
        [c["picker"], c["notes"], *values],
        [c["board"], c["subject"], c["body"], c["findings"], c["history"], c["calendar"]],
        show_progress="hidden",
    ).success(load, c["picker"], shown, queue=False)
