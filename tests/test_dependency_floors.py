"""Dependency floors past known advisories stay in pyproject.toml, and the installed versions meet them.

- gradio >= 6.20: path traversal and SSRF fixes in the file route.
- vcrpy >= 8.2.1: safe YAML loading of cassettes.
(No vulnerability database is reachable from the test machines, so pip-audit cannot run here.)
"""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
FLOORS = {"gradio": ("dependencies", Version("6.20")), "vcrpy": ("test", Version("8.2.1"))}


def _requirements(group: str) -> dict[str, Requirement]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] if group == "dependencies" else project["optional-dependencies"][group]
    return {(req := Requirement(line)).name.lower(): req for line in lines}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_floor_is_declared(name: str) -> None:
    group, floor = FLOORS[name]
    req = _requirements(group)[name]
    lower = [Version(s.version) for s in req.specifier if s.operator in (">=", ">", "==", "~=")]
    assert lower and max(lower) >= floor, f"{name} must be pinned to >= {floor} in {group}: {req}"
    assert not req.specifier.contains(_just_below(floor)), f"{req} still allows {_just_below(floor)}"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_installed_version_meets_the_floor(name: str) -> None:
    assert Version(importlib.metadata.version(name)) >= FLOORS[name][1]


def _just_below(floor: Version) -> str:
    release = list(floor.release)
    if release[-1] > 0:
        release[-1] -= 1
        return ".".join(map(str, release)) + ".999"
    return ".".join(map(str, release[:-1])) + ".0rc1"
