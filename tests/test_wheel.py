"""The built wheel: installed into a fresh venv, its UI lists the example notes (package data, not the source tree).

Building runs pip with build isolation, so it fetches hatchling from the package index (or pip's cache).
The fresh venv sees this environment's dependencies through a ``.pth`` file, and the wheel is installed
with ``--no-deps``, so nothing else is downloaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.md"))

_CHECK = """
import sys
from pathlib import Path

import ui
from ui import examples

assert Path(ui.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()), ui.__file__
assert examples.EXAMPLES_DIR.name == "_examples", examples.EXAMPLES_DIR
for label, name in examples.example_choices():
    print(name, len(examples.load_example(name)))
"""


def _run(*args: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_installed_wheel_offers_the_examples(tmp_path: Path) -> None:
    assert EXAMPLES, "no examples/*.md in the source tree"
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("regain-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert sorted(Path(n).name for n in archive.namelist() if n.startswith("ui/_examples/")) == EXAMPLES

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(_run(python, "-c", where, cwd=tmp_path).strip())
    (purelib / "regain_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = (sys.executable, "-m", "pip", "--python", python)
    _run(*pip, "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path)

    listed = dict(line.split() for line in _run(python, "-c", _CHECK, cwd=tmp_path).splitlines())
    assert sorted(listed) == EXAMPLES
    for name, length in listed.items():
        assert int(length) == len((ROOT / "examples" / name).read_text(encoding="utf-8"))
