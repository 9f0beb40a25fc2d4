"""The sessions store on SQLite, and on PostgreSQL when REGAIN_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from chain_support import sample_draft
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from assistant.domain.errors import InputError, SessionNotFound
from assistant.domain.schema import DraftOptions, PlanAction
from assistant.store import Store
from assistant.store.models import Base, SessionRow


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:  # noqa: F811
    s = Store(store_url)
    yield s
    s.close()


def _count_rows(store: Store) -> dict[str, int]:
    with Session(store.engine) as db:
        return {t.name: db.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def test_a_session_keeps_its_notes_options_and_versions(store: Store) -> None:
    options = DraftOptions(channel="chat", tone="warm")
    sid = store.create_session("my rough notes", title="Checkout outage", options=options)
    assert sid.startswith("s-") and len(sid) == 8
    record = store.get_session(sid)
    assert (record.notes, record.title, record.options, record.versions, record.facts) == (
        "my rough notes",
        "Checkout outage",
        options,
        [],
        None,
    )
    draft = sample_draft()
    assert store.save_version(sid, draft, source="generated", summary="first draft") == 1
    assert store.save_version(sid, sample_draft(pain="I am sorry."), source="edited") == 2
    assert store.load_version(sid) == sample_draft(pain="I am sorry.")
    assert store.load_version(sid, 1) == draft
    record = store.get_session(sid)
    assert record.notes == draft.notes and record.facts == draft.facts
    assert [(v.number, v.source, v.summary, v.complete) for v in record.versions] == [
        (1, "generated", "first draft", True),
        (2, "edited", "", True),
    ]
    assert record.created_at.tzinfo is not None and record.updated_at >= record.created_at


def test_list_sessions_newest_first_with_counts(store: Store) -> None:
    first = store.create_session("first line of notes\nmore")
    second = store.create_session("other notes")
    store.save_version(second, sample_draft(), source="generated")
    store.save_version(second, sample_draft(), source="refined")
    summaries = store.list_sessions()
    assert [s.id for s in summaries] == [second, first]
    assert (summaries[0].n_versions, summaries[0].latest_source) == (2, "refined")
    assert (summaries[1].n_versions, summaries[1].latest_source, summaries[1].title) == (0, None, "first line of notes")
    # what happened, cut to 80 characters
    assert summaries[0].title == "pushed the payments config change on friday afternoon w/o running the staging te"


def test_findings_are_counted_per_version(store: Store) -> None:
    from assistant.validator import validate

    draft = sample_draft(pain="Mistakes were made, but the tests were flaky anyway.")
    draft = draft.model_copy(update={"findings": validate(draft, today=draft.today).findings})
    assert any(f.severity == "error" for f in draft.findings)
    sid = store.create_session(draft.notes)
    store.save_version(sid, draft, source="generated")
    info = store.list_versions(sid)[0]
    assert info.n_errors == sum(1 for f in draft.findings if f.severity == "error")
    assert store.load_version(sid).findings == draft.findings


def test_diff_restore_and_choose(store: Store) -> None:
    sid = store.create_session("notes")
    store.save_version(sid, sample_draft(), source="generated")
    store.save_version(sid, sample_draft(positive="From now on the tests gate every deploy."), source="refined")
    diff = store.diff_versions(sid, 1, 2)
    assert diff.startswith(f"--- {sid} version 1\n+++ {sid} version 2")
    assert "+From now on the tests gate every deploy." in diff
    assert f"-{sample_draft().positive}" in diff
    assert store.diff_versions(sid, 1, 1) == ""
    assert store.restore_version(sid, 1) == 3
    assert store.load_version(sid) == sample_draft()
    assert store.list_versions(sid)[-1].source == "restored"
    store.choose_message(sid, 2)
    assert store.get_session(sid).chosen_version == 2


def test_unknown_sessions_and_versions_say_how_to_list(store: Store) -> None:
    with pytest.raises(SessionNotFound, match="regain sessions list"):
        store.get_session("s-000000")
    sid = store.create_session("notes")
    with pytest.raises(SessionNotFound, match="no saved draft yet"):
        store.load_version(sid)
    store.save_version(sid, sample_draft(), source="generated")
    with pytest.raises(SessionNotFound, match=f"regain sessions versions {sid}"):
        store.load_version(sid, 7)
    with pytest.raises(SessionNotFound):
        store.choose_message(sid, 7)
    with pytest.raises(InputError, match="Unknown version source"):
        store.save_version(sid, sample_draft(), source="typed")
    assert len(store.list_versions(sid)) == 1


def test_resolve_by_unique_prefix(store: Store) -> None:
    sid = store.create_session("notes")
    assert store.resolve(sid) == sid
    assert store.resolve(sid[:5]) == sid
    with pytest.raises(SessionNotFound):
        store.resolve("s-zz")
    store.create_session("more")
    with pytest.raises(InputError, match="several sessions"):
        store.resolve("s-")


def test_action_status_survives_a_new_version_with_the_same_action(store: Store) -> None:
    sid = store.create_session("notes")
    second = PlanAction(action="Review the deploy checklist", owner="me", due=dt.date(2026, 12, 4), measure="Signed")
    draft = sample_draft(plan=[*sample_draft().plan, second])
    store.save_version(sid, draft, source="generated")
    assert [a.status for a in store.actions(sid)] == ["not_started"] * len(draft.plan)
    done = store.set_action_status(sid, 0, "done", evidence="CI gate merged in PR 123")
    assert (done.status, done.evidence) == ("done", "CI gate merged in PR 123")
    with pytest.raises(InputError, match="needs a reason"):
        store.set_action_status(sid, 1, "dropped")
    dropped = store.set_action_status(sid, 1, "dropped", reason="the team chose another fix")
    assert (dropped.status, dropped.reason) == ("dropped", "the team chose another fix")
    with pytest.raises(InputError, match="Unknown action status"):
        store.set_action_status(sid, 0, "finished")
    with pytest.raises(InputError, match="no action 9"):
        store.set_action_status(sid, 9, "done")
    new_action = PlanAction(action="Write the postmortem", owner="me", due=dt.date(2026, 12, 3), measure="Shared")
    changed = [draft.plan[0].model_copy(update={"action": "  " + draft.plan[0].action.upper()}), new_action]
    store.save_version(sid, sample_draft(plan=changed), source="refined")
    actions = store.actions(sid)
    assert [(a.index, a.status, a.evidence) for a in actions] == [
        (0, "done", "CI gate merged in PR 123"),
        (1, "not_started", None),
    ]
    assert actions[1].action == "Write the postmortem"


def test_progress_updates_are_kept_in_order(store: Store) -> None:
    sid = store.create_session("notes")
    store.save_version(sid, sample_draft(), source="generated")
    first = store.add_progress_update(sid, "gate is live", {"subject": "Update", "body": "The gate is live."})
    second = store.add_progress_update(sid, "postmortem shared", {"body": "Shared."})
    updates = store.progress_updates(sid)
    assert [(u.id, u.notes, u.version) for u in updates] == [
        (first, "gate is live", 1),
        (second, "postmortem shared", 1),
    ]
    assert updates[0].update == {"subject": "Update", "body": "The gate is live."}


def test_delete_removes_every_row_of_the_session(store: Store) -> None:
    keep = store.create_session("keep me")
    store.save_version(keep, sample_draft(), source="generated")
    sid = store.create_session("delete me")
    store.save_version(sid, sample_draft(), source="generated")
    store.save_version(sid, sample_draft(), source="edited")
    store.add_progress_update(sid, "progress", {"body": "x"})
    before = _count_rows(store)
    assert before["versions"] == 3 and before["progress_updates"] == 1
    store.delete_session(sid)
    after = _count_rows(store)
    n_plan = len(sample_draft().plan)
    assert after == {"sessions": 1, "versions": 1, "actions": n_plan, "progress_updates": 0}
    with pytest.raises(SessionNotFound):
        store.delete_session(sid)
    assert store.load_version(keep) == sample_draft()


def test_purge_deletes_only_sessions_not_updated_for_that_long(store: Store) -> None:
    old = store.create_session("old notes")
    store.save_version(old, sample_draft(), source="generated")
    fresh = store.create_session("fresh notes")
    with Session(store.engine) as db, db.begin():
        db.get_one(SessionRow, old).updated_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    assert store.purge(dt.timedelta(days=30)) == [old]
    assert [s.id for s in store.list_sessions()] == [fresh]
    assert _count_rows(store)["versions"] == 0
    assert store.purge(dt.timedelta(days=30)) == []


def test_retention_purges_when_the_store_opens(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as first:
        old = first.create_session("old")
        with Session(first.engine) as db, db.begin():
            db.get_one(SessionRow, old).updated_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
        kept = first.create_session("new")
    with Store(store_url, retention_days=7) as second:
        assert [s.id for s in second.list_sessions()] == [kept]


def test_exports_hold_everything(store: Store) -> None:
    sid = store.create_session("notes", title="Outage")
    store.save_version(sid, sample_draft(), source="generated", summary="first")
    store.save_version(sid, sample_draft(pain="I am sorry."), source="edited")
    store.set_action_status(sid, 0, "in_progress", evidence="half done")
    store.add_progress_update(sid, "progress notes", {"body": "Progress body."})
    data = store.export_json(sid)
    assert data["id"] == sid and data["notes"] == sample_draft().notes
    assert [v["draft"]["pain"] for v in data["versions"]] == [sample_draft().pain, "I am sorry."]
    assert data["actions"][0]["status"] == "in_progress"
    assert data["progress_updates"][0]["update"] == {"body": "Progress body."}
    import json

    json.dumps(data)  # JSON-ready
    md = store.export_markdown(sid)
    assert md.startswith(f"# Session {sid}: Outage")
    assert "## Draft (version 2)" in md and "I am sorry." in md
    assert "half done" in md and "Progress body." in md and "progress notes" in md


def test_a_failed_write_leaves_the_previous_version(store: Store) -> None:
    sid = store.create_session("notes")
    store.save_version(sid, sample_draft(), source="generated")
    store.set_action_status(sid, 0, "done")
    before = _count_rows(store)

    def fail(session: Session, _context: object) -> None:
        raise RuntimeError("model error in the middle of a refinement")

    event.listen(Session, "after_flush", fail)
    try:
        with pytest.raises(RuntimeError, match="middle of a refinement"):
            store.save_version(sid, sample_draft(pain="half-written", plan=sample_draft().plan[:1]), source="refined")
    finally:
        event.remove(Session, "after_flush", fail)
    assert _count_rows(store) == before
    assert store.load_version(sid) == sample_draft()
    assert [v.number for v in store.list_versions(sid)] == [1]
    assert store.actions(sid)[0].status == "done"


def test_two_instances_share_one_database(store_url: str) -> None:  # noqa: F811
    with Store(store_url) as first, Store(store_url) as second:
        sid = first.create_session("notes")
        assert second.save_version(sid, sample_draft(), source="generated") == 1
        assert first.save_version(sid, sample_draft(pain="edited elsewhere"), source="edited") == 2
        assert second.load_version(sid).pain == "edited elsewhere"
        assert [s.n_versions for s in first.list_sessions()] == [2]


def test_an_incomplete_draft_is_never_saved_as_complete(store_url: str) -> None:
    with Store(store_url) as store:
        sid = store.create_session("notes")
        partial = sample_draft().model_copy(update={"complete": False, "failed_steps": {"positive": "down"}})
        assert store.save_version(sid, partial, source="generated") == 1
        assert store.save_version(sid, partial, source="generated", complete=True) == 2
        assert store.save_version(sid, sample_draft(), source="generated", complete=False) == 3
        assert [v.complete for v in store.list_versions(sid)] == [False, False, False]
