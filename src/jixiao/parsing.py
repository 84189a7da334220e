"""Read + interpret: a file (any supported format) → :class:`~jixiao.interpret.Interpretation`."""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.interpret import Interpretation, interpret
from jixiao.readers import read, read_bytes, with_path
from jixiao.readers.limits import Limits

__all__ = ["Interpretation", "parse_bytes", "parse_file"]


def parse_file(path: str | Path, *, limits: Limits | None = None) -> Interpretation:
    """Parse one file; the document's ``source.name`` is the file's base name."""
    source = read(path, limits=limits)
    try:
        return interpret(source)
    except JixiaoError as exc:
        raise with_path(exc, Path(path)) from None


def parse_bytes(data: bytes, name: str, *, limits: Limits | None = None) -> Interpretation:
    """Parse in-memory content; ``name`` is used as ``source.name`` (its base name) and in errors."""
    return interpret(read_bytes(data, Path(name).name, limits=limits))
