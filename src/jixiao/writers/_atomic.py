"""Atomic file output: write beside the target, then rename; nothing half-written is ever left behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from jixiao.errors import WriteError

__all__ = ["replace_atomic", "write_atomic"]


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory and ``os.replace``."""
    path = Path(path)
    if path.is_dir():
        raise WriteError("is a directory", path=str(path))
    if not path.parent.is_dir():
        raise WriteError("the directory does not exist", path=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"cannot write here: {exc.strerror}", path=str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"cannot write: {exc.strerror or exc}", path=str(path)) from exc
    return path


def replace_atomic(source: Path, path: Path) -> Path:
    """Move a finished file into place atomically, also across file systems (copy beside, then rename)."""
    return write_atomic(path, Path(source).read_bytes())
