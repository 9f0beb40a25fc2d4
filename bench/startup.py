"""Start-up costs: `regain --help`, importing `assistant`, and the web UI's time to ready.

Run: python bench/startup.py [--runs 5] [--cold-runs 3] [--no-write]

"Cold" runs follow `sync; echo 3 > /proc/sys/vm/drop_caches` when the process may write
it (root); otherwise the first run is reported as "first run" instead. "Warm" is the
median of the runs after that. The UI is started as `python -m ui --port <free>` with
REGAIN_BACKEND=openai and OPENAI_BASE_URL pointing at bench/sim_server.py (the model
name is discovered from /v1/models, as for any server without REGAIN_MODEL), and
polled at http://127.0.0.1:<port>/ until it answers 200.
Results go to stdout and to the "startup" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from orchestration import ROOT, load, machine, sim_server, update_section  # noqa: E402

PY = sys.executable


def drop_caches() -> bool:
    """Empty the page cache; False when not permitted."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one subprocess run (output discarded; a failure raises)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cold_warm(run: Callable[[], float], runs: int, cold_runs: int) -> tuple[list[float], list[float], bool]:
    """Cold runs (each after dropping caches, if allowed), then warm runs."""
    cold, can_drop = [], True
    for _ in range(cold_runs):
        can_drop = drop_caches()
        cold.append(run())
        if not can_drop:
            break
    run()  # settle the cache
    warm = [run() for _ in range(runs)]
    return cold, warm, can_drop


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ui_ready(base_url: str, timeout: float = 120.0) -> float:
    """Seconds from launching `python -m ui` until GET / answers 200."""
    port = free_port()
    env = {**os.environ, "REGAIN_BACKEND": "openai", "OPENAI_BASE_URL": base_url}
    env.pop("REGAIN_MODEL", None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-m", "ui", "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while time.perf_counter() - start < timeout:
            if proc.poll() is not None:
                raise RuntimeError(f"UI exited early: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"UI not ready after {timeout}s")
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def import_profile(module: str, top: int = 6) -> tuple[float, list[tuple[float, str]]]:
    """`python -X importtime -c "import <module>"`: cumulative import seconds and the heaviest direct imports."""
    out = subprocess.run(
        [PY, "-X", "importtime", "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stderr
    rows: list[tuple[float, int, str]] = []
    for line in out.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(2)) / 1e6, len(m.group(3)), m.group(4)))
    hits = [i for i, (_, _, name) in enumerate(rows) if name == module]
    if not hits:
        return float("nan"), []
    biggest = max(rows[i][0] for i in hits)
    at = max(hits, key=lambda i: (rows[i][0] >= 0.9 * biggest, rows[i][1]))  # `import ui.app` runs ui first
    total, depth, _ = rows[at]
    children = []
    for cum, d, name in reversed(rows[:at]):  # importtime prints children before their parent
        if d <= depth:
            break
        if d == depth + 2:
            children.append((cum, name))
    return total, sorted(children, reverse=True)[:top]


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.3f}" if values else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm runs per measurement")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold runs (each after dropping caches)")
    parser.add_argument("--no-write", action="store_true", help="do not update bench/RESULTS.md")
    args = parser.parse_args()
    command = "python bench/startup.py " + " ".join(sys.argv[1:])
    regain = shutil.which("regain", path=str(Path(PY).parent)) or "regain"

    rows: list[str] = []

    def measure(label: str, run: Callable[[], float]) -> None:
        cold, warm, can_drop = cold_warm(run, args.runs, args.cold_runs)
        kind = "cold (caches dropped)" if can_drop else "first run (caches could not be dropped)"
        rows.append(f"| {label} | {fmt(cold)} ({len(cold)} {kind}) | {fmt(warm)} (n={len(warm)}) | {load()} |")
        print(rows[-1], flush=True)

    measure("`regain --help`", lambda: timed([regain, "--help"]))
    measure("`python -c 'import assistant'`", lambda: timed([PY, "-c", "import assistant"]))
    measure(
        "`python -c 'import assistant.workflows.draft'`", lambda: timed([PY, "-c", "import assistant.workflows.draft"])
    )
    measure("`python -c 'pass'` (interpreter alone)", lambda: timed([PY, "-c", "pass"]))
    with sim_server(0.2, 0.005) as (base_url, _pid):
        measure("UI `python -m ui` to first 200 on /", lambda: ui_ready(base_url))

    imports = []
    for module in ("assistant", "assistant.workflows.draft", "assistant.cli", "ui.app"):
        total, heavy = import_profile(module)
        imports.append(
            f"| `{module}` | {total * 1000:.0f} | "
            + ", ".join(f"{name} {cum * 1000:.0f}" for cum, name in heavy)
            + " |"
        )
        print(imports[-1], flush=True)

    text = "\n".join(
        [
            "## Start-up",
            "",
            f"Run {dt.datetime.now().isoformat(timespec='seconds')} on {machine()}.",
            f"Command: `{command}` (cold = after `sync; echo 3 > /proc/sys/vm/drop_caches`; value = median).",
            "",
            "| what | cold s | warm s | load (1/5/15 min) |",
            "|---|---|---|---|",
            *rows,
            "",
            'Import cost from `python -X importtime -c "import <module>"` (one warm run; cumulative ms; '
            "heaviest direct imports, ms):",
            "",
            "| module | cumulative ms | heaviest |",
            "|---|---|---|",
            *imports,
        ]
    )
    print(text)
    if not args.no_write:
        update_section("startup", text)


if __name__ == "__main__":
    main()
