"""Atomic file output, the one helper every writer uses (``jixiao.writers``, the CLI, batch parsing).

A file is written to a temporary file in the target's folder, flushed and ``fsync``-ed, then moved over
the target with ``os.replace``: a reader sees the old file or the whole new one, never a half-written one.
On any failure (including an interrupt) the temporary file is removed and the old file is left as it was;
an ``OSError`` becomes a :class:`~jixiao.errors.WriteError` naming the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

from jixiao.errors import WriteError

__all__ = ["atomic_output", "replace_atomic", "write_atomic"]


def _file_mode() -> int:
    """The mode a plain ``open()`` would give a new file (mkstemp makes 0600): 0666 less the umask, read
    once at import (reading the umask means setting it, which is not safe while other threads create files)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


_MODE = _file_mode()


@overload
def atomic_output(
    path: Path, *, text: Literal[True], parents: bool = ...
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_output(
    path: Path, *, text: Literal[False] = ..., parents: bool = ...
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_output(
    path: Path, *, text: bool = False, parents: bool = False
) -> contextlib.AbstractContextManager[IO[Any]]:
    """A stream (UTF-8 text with ``text=True``) whose content replaces ``path`` when the block ends without
    an exception; ``parents=True`` creates missing folders, else a missing folder is a ``WriteError``."""
    return _atomic_output(Path(path), text=text, parents=parents)


@contextlib.contextmanager
def _atomic_output(path: Path, *, text: bool, parents: bool) -> Iterator[IO[Any]]:
    if path.is_dir():
        raise WriteError("is a directory", path=str(path))
    try:
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise WriteError("the directory does not exist", path=str(path))
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"cannot write here ({exc.strerror or exc})", path=str(path)) from exc
    temporary = Path(name)
    stream: IO[Any] = os.fdopen(handle, "w", encoding="utf-8") if text else os.fdopen(handle, "wb")
    try:
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _MODE)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise WriteError(f"cannot write ({exc.strerror or exc})", path=str(path)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def write_atomic(path: Path, data: bytes | str, *, parents: bool = False) -> Path:
    """Write ``data`` (``str`` as UTF-8) to ``path`` atomically; returns the path."""
    path = Path(path)
    if isinstance(data, str):
        with atomic_output(path, text=True, parents=parents) as text_stream:
            text_stream.write(data)
    else:
        with atomic_output(path, parents=parents) as stream:
            stream.write(data)
    return path


def replace_atomic(source: Path, path: Path) -> Path:
    """Move a finished file into place atomically, also across file systems (copy beside, then rename)."""
    return write_atomic(path, Path(source).read_bytes())
