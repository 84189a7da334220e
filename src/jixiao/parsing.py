"""Read + interpret: a file (any supported format) → :class:`~jixiao.interpret.Interpretation`."""

from __future__ import annotations

from pathlib import Path

from jixiao.interpret import Interpretation, interpret
from jixiao.readers import read, read_bytes
from jixiao.readers.limits import Limits

__all__ = ["Interpretation", "parse_bytes", "parse_file"]


def parse_file(path: str | Path, *, limits: Limits | None = None) -> Interpretation:
    """Parse one file; the document's ``source.name`` is the file's base name."""
    return interpret(read(path, limits=limits))


def parse_bytes(data: bytes, name: str, *, limits: Limits | None = None) -> Interpretation:
    """Parse in-memory content; ``name`` is used as ``source.name`` (its base name) and in errors."""
    return interpret(read_bytes(data, Path(name).name, limits=limits))
