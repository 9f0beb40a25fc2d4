"""done_in_notes: the lines and clauses of jotted notes that say work is already done."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.domain.notes_done import done_in_notes, open_in_notes, open_verb, repeats_done, work_words


@pytest.mark.parametrize(
    ("notes", "done"),
    [
        (
            "pushed it w/o tests, checkout down 3h. rolled back at 17:05\nnow: refunds sent, blog post tbd",
            ["rolled back at 17:05", "refunds sent"],
        ),
        (
            "pushed the config change w/o staging tests, checkout down 3h. "
            "I rolled back at 17:05 and I already wrote the incident timeline.",
            ["I rolled back at 17:05 and I already wrote the incident timeline"],
        ),
        (
            "now: checkout back up, refunds issued to 12 customers; postmortem not written yet",
            ["checkout back up", "refunds issued to 12 customers"],
        ),
        ("Update: re-sent the corrected invoice to ACME", ["re-sent the corrected invoice to ACME"]),
        (
            "sent wrong invoice to client. apologized to the client + sent the correction same day",
            ["apologized to the client + sent the correction same day"],
        ),
        ("status: fixed the export, client called back. todo: add test", ["fixed the export", "client called back"]),
        ("STATUS: Rollback done; customers notified", ["Rollback done", "customers notified"]),
        ("i already told dana and the vp", ["i already told dana and the vp"]),
        ("called the client this morning, they're ok", ["called the client this morning"]),
        (
            "- reverted PR #123 w/in 10 min\n- now: site back online\n- still need: postmortem",
            ["reverted PR #123 w/in 10 min", "site back online"],
        ),
        (
            "ran migration on prod db instead of staging. backups also failed. "
            "db restored from snapshot by 2pm but 2h of orders lost",
            ["db restored from snapshot by 2pm"],
        ),
        (
            "site went down 40 min; came back up at 3:10 after I reverted the deploy",
            ["came back up at 3:10 after I reverted the deploy"],
        ),
        (
            "Pointed at the intern publicly in standup. apologised to her after, privately",
            ["apologised to her after"],
        ),
        ("refunded all 212 customers on tuesday", ["refunded all 212 customers on tuesday"]),
        (
            "ran payroll with last month's file. finance saw it tues. status: recovery letters sent, payslips issued",
            ["recovery letters sent", "payslips issued"],
        ),
    ],
)
def test_done_work_is_found_in_jotted_notes(notes: str, done: list[str]) -> None:
    assert done_in_notes(notes) == done


@pytest.mark.parametrize(
    "notes",
    [
        "need to roll back the change",
        "haven't restored the db yet",
        "couldn't call the client, will try tomorrow",
        "fixed-price contract was quoted wrong",
        "refunded 30 customers twice by mistake",
        "restored the wrong backup over the live one",
        "forgot to back up the db before the upgrade",
        "checkout down 3h after my config push; rollback still pending, waiting on ops",
        "pushed the payments config change friday w/o running staging tests, checkout down ~3h",
        "",
    ],
)
def test_pending_negated_or_mistaken_work_is_not_done(notes: str) -> None:
    assert done_in_notes(notes) == []


@pytest.mark.parametrize(
    ("notes", "still_open"),
    [
        (
            "sent the quote w/ 40% off\nhaven't said anything to the client yet",
            ["haven't said anything to the client yet"],
        ),
        ("now: restored from replica + snapshot, gap of ~3k rows still missing", ["gap of ~3k rows still missing"]),
        # a short item says more with its whole line
        ("now: invoices re-sent. ~120 still bouncing (old addresses)", ["~120 still bouncing (old addresses)"]),
        (
            "drafted the memo, needs controller sign-off before it goes anywhere",
            ["needs controller sign-off before it goes anywhere"],
        ),
        ("bäckerei lindner droht mit kündigung", ["bäckerei lindner droht mit kündigung"]),
    ],
)
def test_what_is_still_open_is_found_in_jotted_notes(notes: str, still_open: list[str]) -> None:
    assert open_in_notes(notes) == still_open


@pytest.mark.parametrize(
    "notes",
    [
        "need to write this up for my boss before the client call",  # the message itself
        "my manager wants it in writing",
        "their ops lead still wants to stay w/ us",  # good news, not open work
        "sent the agreement w/ our internal comments still in",  # the mistake
        "now: rolled back, refunds sent",
        "already asked their counsel to delete it, no reply yet",  # awaited: the asking is done
    ],
)
def test_the_message_itself_and_done_work_are_not_open(notes: str) -> None:
    assert open_in_notes(notes) == []


def test_still_missing_is_not_done() -> None:
    assert done_in_notes("now: restored from replica, ~3k rows still missing") == ["restored from replica"]


def test_each_item_is_listed_once_in_notes_order() -> None:
    notes = "now: rolled back\nrolled back\nupdate: fixed the export, rolled back"
    assert done_in_notes(notes) == ["rolled back", "fixed the export"]


def test_it_imports_nothing_but_itself() -> None:
    code = (
        "import sys, assistant.domain.notes_done\n"
        "loaded = [m for m in sys.modules if m.startswith(('assistant.', 'langchain', 'openai'))]\n"
        "print(','.join(loaded))"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root, env=env)
    assert out.stdout.strip() == "assistant.domain,assistant.domain.notes_done"


def test_work_that_names_a_done_item_again_whatever_its_verb_repeats_it() -> None:
    assert repeats_done("Add a deadline reminder to the VAT return", ["set deadline reminders for me + Joost"])
    assert repeats_done("Review the incident timeline and update it", ["I already wrote the incident timeline"])
    assert repeats_done("Contact the 7 cleared accounts", ["all 9 frozen pending re-check, 7 cleared already"]) is None
    assert work_words("I will check every deadline reminder") == {"check", "deadl", "remin"}


@pytest.mark.parametrize(
    ("item", "verb"),
    [
        ("haven't apologised to him yet", "Apologise to"),
        ("haven't said anything to the client yet", "Tell"),
        ("gap of ~3k rows still missing", "Recover"),
        ("all 9 frozen pending re-check", "Finish"),
        ("her promo case is due in 3 weeks and we haven't touched it", "Work on"),
        ("bäckerei lindner droht mit kündigung", None),
    ],
)
def test_open_verb(item: str, verb: str | None) -> None:
    assert open_verb(item) == verb
