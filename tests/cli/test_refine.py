"""`regain refine`: a saved draft changed as asked, saved as a new version, the diff printed."""

from __future__ import annotations

import json

import pytest
from chain_support import sample_draft
from cli_support import use_model

from assistant.cli import main
from assistant.model.testing import ScriptedChatModel, good_script
from assistant.store import Store


@pytest.fixture
def saved(db_url: str) -> str:
    with Store(db_url) as store:
        sid = store.create_session(sample_draft().notes, title="Checkout outage")
        store.save_version(sid, sample_draft(), source="generated")
    return sid


def test_plain_request_needs_no_model_saves_a_version_and_prints_the_diff(
    saved: str, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    model = ScriptedChatModel(script=good_script())
    use_model(monkeypatch, model)
    before = sample_draft()
    assert main(["refine", saved[:4], "move the dates two weeks later"]) == 0
    out, err = capsys.readouterr()
    assert model.calls == []
    assert f"saved as version 2 of session {saved} (no model needed)" in err
    assert out.startswith("Moved every due date two weeks later; the check-ins follow.\n")
    assert f"--- {saved} version 1\n+++ {saved} version 2" in out
    with Store(db_url) as store:
        after = store.load_version(saved)
        assert [v.source for v in store.list_versions(saved)] == ["generated", "refined"]
    assert [(a.due - b.due).days for a, b in zip(after.plan, before.plan, strict=True)] == [14, 14]
    assert [(a.date - b.date).days for a, b in zip(after.report_back, before.report_back, strict=True)] == [14, 14]


def test_a_request_the_program_reads_in_its_own_words_opens_no_model(
    saved: str, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import assistant.model.backend

    def no_backend(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model was loaded for a request the program reads by itself")

    monkeypatch.setattr(assistant.model.backend, "open_backend", no_backend)
    assert main(["refine", saved, "the checklist won't be done by the 11th, make it the Tuesday after"]) == 0
    _, err = capsys.readouterr()
    assert "(no model needed)" in err
    with Store(db_url) as store:
        assert store.load_version(saved).plan[1].due.isoformat() == "2026-12-15"


def test_json_prints_the_draft_and_the_edits_applied(
    saved: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_model(monkeypatch, ScriptedChatModel(script=good_script()))
    assert main(["refine", saved, "make it a chat message", "--json", "-q"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert err == ""
    assert data["version"] == 2 and data["changed"] is True
    assert data["edits"] == [{"op": "set_channel", "channel": "chat", "done": "wrote the message as chat"}]
    assert data["draft"]["message"]["channel"] == "chat" and data["draft"]["options"]["channel"] == "chat"


def test_a_request_that_changes_nothing_saves_no_version(
    saved: str, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_model(monkeypatch, ScriptedChatModel(script=good_script()))
    assert main(["refine", saved, "drop action 9"]) == 1
    out, err = capsys.readouterr()
    assert "no new version saved" in err
    assert "I did not drop action 9: the plan has actions 1 to" in out
    with Store(db_url) as store:
        assert len(store.list_versions(saved)) == 1


def test_other_requests_go_to_the_model(
    saved: str, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    measure = "Every payments deploy ticket links the checklist"
    answer = {
        "understood": "A new measure for the checklist.",
        "edits": [{"op": "set_measure", "number": 2, "measure": measure}],
        "not_possible": "",
    }
    model = ScriptedChatModel(script={**good_script(), "refine_edits": answer})
    use_model(monkeypatch, model)
    request = "The measure for the checklist is too vague, make it something Dana can check herself"
    assert main(["refine", saved, request]) == 0
    out, _ = capsys.readouterr()
    assert [c["step"] for c in model.calls] == ["refine_edits"]
    assert out.startswith("Changed the measure of action 2.")
    with Store(db_url) as store:
        assert store.load_version(saved).plan[1].measure == measure
