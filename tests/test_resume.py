"""A draft killed mid-run resumes with ``regain draft --resume ID`` without asking the model again for the steps
it had saved: ``python -m assistant draft`` runs as a subprocess against the fault server, whose ``plan`` call
hangs, so the kill (SIGKILL, nothing runs after it) lands while the plan is being written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from chain_support import NOTES, OPEN_LINE, TODAY
from fault_server import MODEL, Fault, FaultServer

from assistant.domain.checkpoint import DraftCheckpoint
from assistant.model.settings import Settings
from assistant.store import Store
from assistant.store.checkpoints import load_checkpoint

ROOT = Path(__file__).resolve().parents[1]
WRITTEN_FIRST = ("intake", "pain", "ownership", "lessons", "positive")  # the plan waits for the lessons


def _env(server: FaultServer) -> dict[str, str]:
    return {
        **os.environ,  # REGAIN_DATA_DIR: the test's temp dir (conftest)
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": "test",
        "REGAIN_BACKEND": "openai",
        "REGAIN_MODEL": MODEL,
    }


def _regain(*args: str) -> list[str]:
    return [sys.executable, "-m", "assistant", *args]


def _wait_for_steps(session_id: str, steps: tuple[str, ...], timeout: float = 60) -> DraftCheckpoint:
    deadline = time.monotonic() + timeout
    while True:
        with Store.open(Settings()) as store:
            checkpoint = load_checkpoint(store, session_id)
        if checkpoint is not None and set(steps) <= set(checkpoint.steps):
            return checkpoint
        assert time.monotonic() < deadline, f"steps saved after {timeout}s: {checkpoint and list(checkpoint.steps)}"
        time.sleep(0.1)


def test_a_killed_draft_resumes_without_redoing_its_saved_steps(fault_server: FaultServer, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(f"{NOTES}\n{OPEN_LINE}", encoding="utf-8")  # something open: the plan asks the model
    fault_server.plan("plan", Fault("hang"))  # the first plan call never answers
    child = subprocess.Popen(
        _regain("draft", str(notes), "--today", TODAY.isoformat(), "--json"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(fault_server),
        cwd=tmp_path,
    )
    try:
        assert child.stderr is not None
        first = child.stderr.readline()  # "saving each step in session s-… (if interrupted: regain draft --resume s-…)"
        assert first.startswith("saving each step in session s-"), first
        session_id = first.split()[5]
        checkpoint = _wait_for_steps(session_id, WRITTEN_FIRST)
        assert "plan" not in checkpoint.steps and checkpoint.today == TODAY
        deadline = time.monotonic() + 30
        while not fault_server.calls("plan") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(fault_server.calls("plan")) == 1  # the plan is being written: now the kill lands mid-run
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    before = {step: len(fault_server.calls(step)) for step in (*WRITTEN_FIRST, "plan")}
    assert all(before[step] >= 1 for step in WRITTEN_FIRST)
    with Store.open(Settings()) as store:
        assert store.list_versions(session_id) == []  # killed before any version

    resumed = subprocess.run(
        _regain("draft", "--resume", session_id[:5], "--json"),
        capture_output=True,
        text=True,
        env=_env(fault_server),
        cwd=tmp_path,
        timeout=120,
    )

    assert resumed.returncode == 0, resumed.stderr
    after = {step: len(fault_server.calls(step)) for step in (*WRITTEN_FIRST, "plan")}
    assert {step: after[step] for step in WRITTEN_FIRST} == {step: before[step] for step in WRITTEN_FIRST}
    assert after["plan"] == before["plan"] + 1  # only what was missing was asked for
    printed = json.loads(resumed.stdout)
    assert printed["complete"] is True and printed["today"] == TODAY.isoformat()  # the date did not shift
    assert set(printed["usage"]) == {"plan"}  # the model calls of this run
    with Store.open(Settings()) as store:
        [summary] = store.list_sessions()
        assert summary.id == session_id
        [version] = store.list_versions(session_id)
        assert (version.number, version.source, version.complete) == (1, "generated", True)
        assert store.load_version(session_id).model_dump(mode="json") == printed
        assert load_checkpoint(store, session_id) is None  # finished: nothing left to resume
    assert f"saved as session {session_id} (version 1)" in resumed.stderr

    again = subprocess.run(
        _regain("draft", "--resume", session_id), capture_output=True, text=True, env=_env(fault_server), timeout=60
    )
    assert again.returncode == 0 and again.stdout == ""
    assert f"session {session_id} is complete (version 1); nothing to resume" in again.stderr
    assert {step: len(fault_server.calls(step)) for step in (*WRITTEN_FIRST, "plan")} == after
