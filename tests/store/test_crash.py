"""A process killed in the middle of a write leaves the previous version intact and loadable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from chain_support import sample_draft
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.store import Store
from assistant.store.models import VersionRow

ROOT = Path(__file__).resolve().parents[2]

# The child saves version 2 through the real save_version; just before COMMIT it flushes
# the rows, says so on stdout and waits on stdin, where the parent kills it with SIGKILL.
CHILD = textwrap.dedent(
    """
    import sys
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from assistant.domain.schema import Draft
    from assistant.store import Store

    def hold(session):
        session.flush()
        print("flushed", flush=True)
        sys.stdin.readline()

    store = Store(sys.argv[1])
    event.listen(Session, "before_commit", hold)
    draft = Draft.model_validate_json(sys.stdin.readline())
    store.save_version(sys.argv[2], draft, source="refined", summary="never committed")
    print("committed", flush=True)
    """
)


def test_a_killed_process_mid_write_loses_nothing(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    with Store(store_url) as store:
        sid = store.create_session("notes")
        store.save_version(sid, sample_draft(), source="generated")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, store_url, sid],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert child.stdin and child.stdout
        child.stdin.write(sample_draft(pain="half-way refinement").model_dump_json() + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "flushed"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with Store(store_url) as store:
        assert store.load_version(sid) == sample_draft()
        assert [v.number for v in store.list_versions(sid)] == [1]
        with Session(store.engine) as db:
            assert db.scalar(select(func.count()).select_from(VersionRow)) == 1
        assert store.save_version(sid, sample_draft(pain="after the crash"), source="refined") == 2
