"""The progress-update rules (``assistant/validator/rules/progress.py``) and the report-back update validator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from assistant.domain.report_back import ActionProgress, ProgressUpdate
from assistant.domain.schema import PlanAction
from assistant.validator import validate
from assistant.validator.corpus import load_corpus
from assistant.validator.findings import Finding
from assistant.validator.progress import validate_progress
from assistant.validator.rules import phrases
from assistant.validator.rules.progress import check_progress, gives_date

TODAY = dt.date(2026, 12, 4)
NEXT = dt.date(2026, 12, 18)
PRG_RULES = ("PRG_UNGROUNDED", "PRG_SLIP_HIDDEN", "PRG_NO_NEXT", "PRG_STATUS_MISMATCH")
GATE = "Add a CI gate that blocks config deploys unless the staging tests passed"
RUNBOOK = "Write a rollback runbook for payment config changes"


def plan_action(action: str, due: dt.date) -> PlanAction:
    return PlanAction(action=action, owner="me", due=due, measure="Anyone can see it in the repository")


def update(
    body: str,
    progress_notes: str,
    *,
    plan: list[tuple[str, dt.date]] | None = None,
    statuses: list[str] | None = None,
    reasons: dict[int, str] | None = None,
    today: dt.date = TODAY,
    next_checkin: dt.date = NEXT,
    notes: str = "pushed a payments config change without running the staging tests; Dana (my manager)",
) -> ProgressUpdate:
    plan = plan or [(GATE, dt.date(2026, 12, 11))]
    statuses = statuses or ["in_progress"] * len(plan)
    reasons = reasons or {}
    return ProgressUpdate(
        today=today,
        progress_notes=progress_notes,
        notes=notes,
        leader="Dana",
        plan=[plan_action(a, d) for a, d in plan],
        actions=[
            ActionProgress(index=i, status=s, evidence="", reason=reasons.get(i))  # type: ignore[arg-type]
            for i, s in enumerate(statuses)
        ],
        subject="Progress on the plan",
        body=body,
        next_checkin=next_checkin,
    )


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def _example(example: dict[str, Any]) -> ProgressUpdate:
    data = phrases()
    return update(
        example["body"],
        example["progress_notes"],
        plan=[(example["action"], example["due"])],
        statuses=[example["status"]],
        today=data["examples_progress_today"],
        next_checkin=data["examples_progress_next"],
    )


@pytest.mark.parametrize("code", PRG_RULES)
def test_each_rules_examples_fire_and_stay_clean_as_documented(code: str) -> None:
    entry = phrases()["rules"][code]
    assert entry["doc"] and entry["step"] == "report_back_update" and entry["severity"] in ("error", "warning")
    assert code in rules_of(check_progress(_example(entry["fires"]))), f"{code} should fire on {entry['fires']}"
    assert code not in rules_of(check_progress(_example(entry["clean"]))), f"{code} fired on {entry['clean']}"


def test_spans_are_the_words_of_the_body() -> None:
    for code in PRG_RULES:
        example = _example(phrases()["rules"][code]["fires"])
        for finding in check_progress(example):
            assert finding.message.strip() and finding.suggestion.strip() and "{" not in finding.message
            if finding.span is not None:
                assert example.body[finding.start : finding.end] == finding.span


# ------------------------------------------------------------- PRG_UNGROUNDED


def test_a_claim_the_progress_notes_record_is_grounded() -> None:
    found = check_progress(update("Dana, I added the CI gate. I'll update you on 2026-12-18.", "added the ci gate"))
    assert "PRG_UNGROUNDED" not in rules_of(found)


@pytest.mark.parametrize(
    "body",
    [
        "Dana, I added the CI gate and I've trained the support team. Next check-in 2026-12-18.",
        "Dana, the CI gate is in review. The rollback dashboard is now live. Next check-in 2026-12-18.",
        "Dana, I migrated the billing cron jobs as well. Next check-in 2026-12-18.",
    ],
)
def test_work_the_progress_notes_do_not_mention_is_ungrounded(body: str) -> None:
    found = [f for f in check_progress(update(body, "added the ci gate, in review")) if f.rule == "PRG_UNGROUNDED"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].span


def test_work_from_the_original_notes_counts_and_plans_or_conditions_are_not_claims() -> None:
    body = (
        "Dana, I rolled back the change that day. Once the CI gate is live, I'll show you a blocked deploy. "
        "I need one more review. I'll update you on 2026-12-18."
    )
    found = check_progress(update(body, "gate in review", notes="pushed a bad config; I rolled back the change"))
    assert "PRG_UNGROUNDED" not in rules_of(found)


# ------------------------------------------------------------ PRG_SLIP_HIDDEN

LATE = dt.date(2026, 12, 1)


def test_a_late_action_left_out_is_a_hidden_slip() -> None:
    plan = [(GATE, dt.date(2026, 12, 11)), (RUNBOOK, LATE)]
    body = "Dana, the CI gate is in review with the staging tests. I'll update you on 2026-12-18."
    (finding,) = [f for f in check_progress(update(body, "gate in review", plan=plan)) if f.rule == "PRG_SLIP_HIDDEN"]
    assert finding.item == 1 and finding.span is None and "Write a rollback runbook" in finding.message


def test_a_late_action_mentioned_as_on_track_is_a_hidden_slip_and_plain_words_are_honest() -> None:
    plan = [(RUNBOOK, LATE)]
    glossing = "Dana, I'm making good progress on the rollback runbook. I'll update you on 2026-12-18."
    honest = "Dana, the rollback runbook is late: it is not done yet. New date 2026-12-11; next check-in 2026-12-18."
    found = [f for f in check_progress(update(glossing, "runbook half written", plan=plan)) if f.rule[:5] == "PRG_S"]
    assert [f.rule for f in found] == ["PRG_SLIP_HIDDEN"] and found[0].span == glossing.split(" I'll")[0]
    assert "PRG_SLIP_HIDDEN" not in rules_of(check_progress(update(honest, "runbook half written", plan=plan)))


def test_done_or_not_yet_due_actions_need_no_slip_words_but_a_silent_drop_is_flagged() -> None:
    plan = [(GATE, LATE), (RUNBOOK, dt.date(2026, 12, 20))]
    body = "Dana, I added the CI gate. I'll update you on 2026-12-18."
    clean = update(body, "added the ci gate", plan=plan, statuses=["done", "not_started"])
    assert "PRG_SLIP_HIDDEN" not in rules_of(check_progress(clean))
    dropped = update(body, "added the ci gate", plan=plan, statuses=["done", "dropped"], reasons={1: "gate covers it"})
    (finding,) = [f for f in check_progress(dropped) if f.rule == "PRG_SLIP_HIDDEN"]
    assert finding.item == 1 and "dropped" in finding.message


# ---------------------------------------------------------------- PRG_NO_NEXT


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("next check-in 2026-12-18", True),
        ("I'll update you on 18 December.", True),
        ("I'll update you on Dec 18th.", True),
        ("on the 18th of December", True),
        ("on December 18", True),
        ("on December 19", False),
        ("next Friday", False),
        ("on 12/18", False),
    ],
)
def test_the_next_check_in_date_is_found_as_iso_or_with_a_month_name(text: str, gives: bool) -> None:
    assert gives_date(text, NEXT) is gives


def test_an_undated_or_past_next_check_in_is_flagged() -> None:
    missing = update("Dana, I added the CI gate. I'll keep you posted.", "added the ci gate")
    (finding,) = [f for f in check_progress(missing) if f.rule == "PRG_NO_NEXT"]
    assert "2026-12-18" in finding.message
    past = update("Dana, I added the CI gate. Next check-in 2026-12-01.", "added the ci gate", next_checkin=LATE)
    (finding,) = [f for f in check_progress(past) if f.rule == "PRG_NO_NEXT"]
    assert "not after today" in finding.message
    far = dt.date(2027, 6, 1)
    too_far = update("Dana, I added the CI gate. Next check-in 2027-06-01.", "added the ci gate", next_checkin=far)
    (finding,) = [f for f in check_progress(too_far) if f.rule == "PRG_NO_NEXT"]
    assert finding.plain() == (
        "The next check-in (2027-06-01) is too far away. Pick a date within 4 months for the next check-in."
    )


# -------------------------------------------------------- PRG_STATUS_MISMATCH


def test_calling_an_unfinished_action_done_is_a_mismatch() -> None:
    body = "Dana, I added the CI gate. I'll update you on 2026-12-18."
    (finding,) = [f for f in check_progress(update(body, "added the ci gate")) if f.rule == "PRG_STATUS_MISMATCH"]
    assert finding.item == 0 and "in progress" in finding.message and finding.span == "I added the CI gate"


def test_calling_a_done_action_unfinished_is_a_mismatch() -> None:
    body = "Dana, the CI gate is still in progress. I'll update you on 2026-12-18."
    found = check_progress(update(body, "gate in review", statuses=["done"]))
    assert "PRG_STATUS_MISMATCH" in rules_of(found)


def test_each_clause_is_matched_to_its_own_action() -> None:
    plan = [(GATE, dt.date(2026, 12, 11)), (RUNBOOK, dt.date(2026, 12, 20))]
    body = "Dana, the CI gate is live, but the rollback runbook is not done yet. I'll update you on 2026-12-18."
    notes = "ci gate live since tuesday; runbook not started"
    assert check_progress(update(body, notes, plan=plan, statuses=["done", "not_started"])) == []
    wrong = check_progress(update(body, notes, plan=plan, statuses=["not_started", "done"]))
    assert sorted((f.rule, f.item) for f in wrong) == [("PRG_STATUS_MISMATCH", 0), ("PRG_STATUS_MISMATCH", 1)]


def test_a_hedged_or_future_done_is_not_a_claim() -> None:
    body = "Dana, the CI gate will be live next week; it is almost done. I'll update you on 2026-12-18."
    assert "PRG_STATUS_MISMATCH" not in rules_of(check_progress(update(body, "gate in review")))


# ------------------------------------------------------ the whole update checked


def test_the_general_text_rules_apply_to_the_update_as_step_report_back_update() -> None:
    body = (
        "Dana, <b>the CI gate</b> is in review, see https://example.com/pr. The platform team should have "
        "reviewed it on Monday. It cut errors by 40%. I'll update you on 2026-12-18."
    )
    found = validate_progress(update(body, "gate in review")).findings
    assert {"MSG_HTML", "MSG_LINK", "OWN_BLAME", "GND_NUMBER"} <= rules_of(found)
    assert {f.step for f in found} == {"report_back_update"}


def test_validate_dispatches_a_progress_update() -> None:
    clean = update("Dana, the CI gate is in review. I'll update you on 2026-12-18.", "gate in review")
    assert validate(clean).findings == []
    assert validate(clean.model_copy(update={"body": "Dana, all good."})).errors


def test_evidence_must_come_from_the_progress_notes() -> None:
    body = "Dana, the CI gate is in review. I'll update you on 2026-12-18."
    base = update(body, "gate in review with the platform team")
    grounded = ActionProgress(index=0, status="in_progress", evidence="In review with the platform team.", reason=None)
    invented = ActionProgress(index=0, status="in_progress", evidence="Benchmarked on forty repositories.", reason=None)
    assert check_progress(base.model_copy(update={"actions": [grounded]})) == []
    (finding,) = check_progress(base.model_copy(update={"actions": [invented]}))
    assert (finding.rule, finding.item, finding.span) == ("PRG_UNGROUNDED", 0, None)
    assert finding.message.startswith('The evidence for action "Add a CI gate that blocks..."')


# ------------------------------------------------------------ labelled corpus

CORPUS = Path(__file__).parents[1] / "data" / "progress_corpus.jsonl"
GOAL_PRECISION = 0.90
GOAL_RECALL = 0.80


def _corpus_update(row: dict[str, Any]) -> ProgressUpdate:
    return update(
        row["body"],
        row["progress_notes"],
        plan=[(p["action"], dt.date.fromisoformat(p["due"])) for p in row["plan"]],
        statuses=row["statuses"],
        reasons={int(k): v for k, v in (row.get("reasons") or {}).items()},
        notes="",
    )


@pytest.mark.parametrize("code", PRG_RULES)
def test_rule_meets_its_precision_and_recall_goal_on_the_progress_corpus(code: str) -> None:
    rows = load_corpus(CORPUS)
    got = {row["id"]: code in rules_of(check_progress(_corpus_update(row))) for row in rows}
    want = {row["id"]: code in row["expect"] for row in rows}
    tp = sum(got[i] and want[i] for i in got)
    fp = sum(got[i] and not want[i] for i in got)
    fn = sum(want[i] and not got[i] for i in got)
    wrong = sorted(i for i in got if got[i] != want[i])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert tp + fn > 0, f"the corpus has no positive example of {code}"
    assert precision >= GOAL_PRECISION and recall >= GOAL_RECALL, (
        f"{code}: precision {precision:.2f}, recall {recall:.2f}; wrong on {wrong}"
    )


def test_words_the_notes_negate_do_not_ground_a_claim_and_vague_or_paraphrased_claims_pass() -> None:
    notes = "handover sheet drafted, not used on the ward yet; Priya gave feedback"
    used = update("Dana, the night shift has used the handover sheet all week. Next check-in 2026-12-18.", notes)
    assert "PRG_UNGROUNDED" in rules_of(check_progress(used))
    fine = update(
        "Dana, I've made good progress: I drafted the handover sheet, and Priya gave me her feedback on it. "
        "Next check-in 2026-12-18.",
        notes,
    )
    assert "PRG_UNGROUNDED" not in rules_of(check_progress(fine))


def test_a_denial_is_not_a_claim_of_work_done() -> None:
    from assistant.validator.rules.progress import check_progress

    body = "I have not yet started the review of the staging results; it slipped a week. I'll update you on {next}."
    written = update(
        body.format(next=NEXT.isoformat()),
        "haven't reviewed the results with the team yet, slipped a week",
    )
    assert "PRG_UNGROUNDED" not in {f.rule for f in check_progress(written)}
    claimed = update(
        f"I have started the review of the staging results. I'll update you on {NEXT.isoformat()}.",
        "haven't reviewed the results with the team yet, slipped a week",
    )
    assert "PRG_UNGROUNDED" in {f.rule for f in check_progress(claimed)}
