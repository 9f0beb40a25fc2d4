"""The layers hold: the import-linter contracts in pyproject.toml, and a lean `regain check`.

README, "How the code is laid out", describes the layers these tests enforce.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from chain_support import sample_draft

import assistant

ROOT = Path(__file__).resolve().parent.parent
MODEL_LIBRARIES = ("langchain_core", "langchain", "openai")


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)


def _contract(contract_id: str) -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["id"] == contract_id)


def test_the_import_contracts_are_kept(tmp_path: Path) -> None:
    """`lint-imports` checks every contract of pyproject.toml: layers, a lean validator, no cycles."""
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "BROKEN" not in run.stdout
    assert "4 kept, 0 broken" in run.stdout


def test_every_module_of_the_package_sits_in_a_layer() -> None:
    """A new module must be placed in a layer's package, or the layers contract would not see it."""
    layers: list[str] = _contract("layers")["layers"]  # type: ignore[assignment]
    named = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    modules = {f"assistant.{m.name}" for m in pkgutil.iter_modules(assistant.__path__)}
    assert modules - named == set()
    assert named - modules - {"ui"} == set()
    # one package per layer: no plain module beside them but the entry point
    assert {m.name for m in pkgutil.iter_modules(assistant.__path__) if not m.ispkg} == {"__main__"}


def _imported_modules(importtime_log: str) -> set[str]:
    """The module names of a ``python -X importtime`` log (its lines end with ``| <indent>module``)."""
    lines = [line for line in importtime_log.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}


@pytest.mark.parametrize(
    "extra",
    [(), ("--step", "ownership"), ("--json",)],
    ids=["message", "one-step", "json"],
)
def test_regain_check_imports_no_model_library(tmp_path: Path, extra: tuple[str, ...]) -> None:
    """`regain check` on a message or a step's text loads the validator only: no chains, langchain or openai."""
    text = tmp_path / "message.txt"
    text.write_text("I am sorry. I forgot to send the report, and that was my mistake.\n", encoding="utf-8")
    run = _run(sys.executable, "-X", "importtime", "-m", "assistant", "check", str(text), *extra, tmp_path=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    loaded = _imported_modules(run.stderr)
    assert "assistant.validator.checks" in loaded
    assert {m for m in loaded if m.split(".")[0] in MODEL_LIBRARIES} == set()
    assert {m for m in loaded if m.startswith(("assistant.chains", "assistant.model"))} == set()


def test_regain_check_of_a_draft_imports_no_model_library(tmp_path: Path) -> None:
    """The JSON draft path of `regain check` is as lean as the text path."""
    draft = tmp_path / "draft.json"
    draft.write_text(sample_draft().model_dump_json(), encoding="utf-8")
    run = _run(sys.executable, "-X", "importtime", "-m", "assistant", "check", str(draft), tmp_path=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    assert "error(s)" in run.stdout
    loaded = _imported_modules(run.stderr)
    assert "assistant.validator.checks" in loaded
    assert {m for m in loaded if m.split(".")[0] in MODEL_LIBRARIES or m.startswith("assistant.chains")} == set()
