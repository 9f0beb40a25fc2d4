"""The quality bench (bench/quality.py): its scoring of the rubric's mechanical items, and a whole run
against the simulated server so that it does not rot. No timing is asserted."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path

from assistant.domain.schema import CheckIn, Draft, DraftOptions, Facts, Message, PlanAction

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
quality = importlib.import_module("quality")
scoring = importlib.import_module("quality_items")  # bench/quality_items.py
TODAY = dt.date(2026, 12, 2)


def _case() -> object:
    return next(c for c in quality.load_cases(["q01"]))


def _good(**update: object) -> Draft:
    """A draft for q01 that a careful writer would send."""
    case = _case()
    plan = [
        PlanAction(action="Add a target check to the cleanup script", owner="me", due=TODAY + dt.timedelta(days=7),
                   measure="The script refuses to run against prod-db without a typed confirmation"),
        PlanAction(action="Restore the missing ~3k rows from the audit log exports", owner="me",
                   due=TODAY + dt.timedelta(days=14), measure="The row count matches the export"),
    ]  # fmt: skip
    draft = Draft(
        notes=case.notes,  # type: ignore[attr-defined]
        today=TODAY,
        options=DraftOptions(channel="email"),
        facts=Facts(
            what_happened="x",
            impact="x",
            cause="",
            affected=[],
            leader_name="Tomasz",
            leader_role=None,
            already_done=[],
        ),  # fmt: skip
        pain="I'm sorry: 1.2M rows were gone and the dashboards were blank for 5 hours.",
        ownership="I ran the db cleanup script on prod-db instead of staging-db. That was my call.",
        lessons=["I ran it without checking the target, so I now check the host before any delete."],
        plan=plan,
        positive="I'm committed to making this right.",
        report_back=[CheckIn(date=p.due + dt.timedelta(days=1), report=f"Where I am on {p.action}") for p in plan],
        message=Message(
            channel="email",
            subject="My mistake",
            body="Hi Tomasz,\n\nI'm sorry: 1.2M rows were gone. I ran the db cleanup script on prod-db.\n\nThanks,\nAlex",  # noqa: E501
        ),
    )
    return draft.model_copy(update=update)


def test_a_good_draft_passes_every_mechanical_item() -> None:
    assert scoring.score(_good(), _case()) == {item: [] for item in quality.ITEMS}


def test_each_item_fails_on_its_typical_failure() -> None:
    case = _case()
    keiko = _good().message.model_copy(update={"body": "Hi Keiko,\n\nI'm sorry.\n\nThanks,"})
    assert scoring.score(_good(message=keiko), case)["R1"] == [
        "addresses colleague Keiko",
        "does not open by addressing Tomasz",
    ]
    # a colleague named in the first sentence after the greeting is not who the message is addressed to
    harm = _good().message.model_copy(update={"body": "Hi Tomasz,\n\nI'm sorry that Keiko had to redo it.\n\nThanks,"})
    assert scoring.score(_good(message=harm), case)["R1"] == []
    backups = _good(ownership="I take responsibility for the stale backups.")
    assert scoring.score(backups, case)["R2"] == ["ownership lacks the act's words ['cleanup', 'prod-db', 'script']"]
    keiko_owns = _good(plan=[_good().plan[0].model_copy(update={"owner": "Keiko"}), _good().plan[1]])
    assert scoring.score(keiko_owns, case)["R6"] == ["action 1 owned by 'Keiko'"]
    invented = _good(pain="I'm sorry: 1.5M rows were gone for 5 hours.")
    assert scoring.score(invented, case)["R7"] == ["number 1.5 is not in the notes"]
    redo = _good(plan=[_good().plan[0], _good().plan[1].model_copy(update={"action": "Get it restored from replica"})])
    assert scoring.score(redo, case)["R7"] == ["action 2 plans what is done: 'restored from replica + snapshot'"]
    early = _good(report_back=[CheckIn(date=TODAY + dt.timedelta(days=3), report="a"),
                               CheckIn(date=TODAY + dt.timedelta(days=3), report="a")])  # fmt: skip
    assert scoring.score(early, case)["R8"] == [
        "two check-ins share a date or a text",
        "a check-in comes before the action it reports is due",
    ]
    sloppy = _good().message.model_copy(update={"body": "I'm sorry.\n\n[Your Name]"})
    assert scoring.score(_good(message=sloppy), case)["R9"] == [
        "placeholder [Your Name]",
        "no greeting",
        "no sign-off",
    ]


def test_the_programs_dates_in_any_language_are_not_numbers_the_notes_lack() -> None:
    due = _good().plan[0].due
    german = _good().message.model_copy(
        update={"body": f"Hallo Tomasz,\n\n1.2M Zeilen gelöscht (bis {due.day}.{due.month}.{due.year}).\n\nDanke,"}
    )
    assert scoring.score(_good(message=german), _case())["R7"] == []
    wrong = german.model_copy(update={"body": german.body.replace(f"{due.day}.{due.month}.", "31.1.")})
    assert scoring.score(_good(message=wrong), _case())["R7"] == [f"number 31.1.{due.year} is not in the notes"]


def test_a_whole_run_on_the_simulated_server(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    argv = ["--backend", "sim", "--only", "q01", "q13", "--today", TODAY.isoformat(), "--drafts", str(tmp_path),
            "--results", str(results), "--write-results"]  # fmt: skip
    assert quality.main(argv) == 0
    for name in ("q01-wrong-server-drop", "q13-demo-pipeline-shared"):
        for suffix in ("", ".single-shot"):
            text = (tmp_path / f"{name}{suffix}.md").read_text(encoding="utf-8")
            assert text.startswith(f"# {name} – {'single-shot' if suffix else 'regain'}")
            assert "## Message" in text and "- R2:" in text
    section = results.read_text(encoding="utf-8")
    assert "<!-- quality:start -->" in section and "**Simulated server**" in section
    rows = [line for line in section.splitlines() if line.startswith("| q")]
    assert len(rows) == 4
    # The simulated server answers for the outage example, so its ownership never names q01's act.
    assert any(row.startswith("| q01-wrong-server-drop | regain |") and "R2✗" in row for row in rows)
