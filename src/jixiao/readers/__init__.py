"""Readers: every source format in, one :class:`~jixiao.grid.SourceDocument` out.

``read(path)`` checks the size limit, detects the format from the content (:mod:`.detect`) and hands
the bytes to that format's reader. Readers are registered by import path and imported only when a file
of their format arrives, so that a missing optional library costs only that format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from jixiao.errors import JixiaoError, LimitExceeded, ReadError
from jixiao.grid import SourceDocument
from jixiao.readers.detect import detect_format, refuse_container
from jixiao.readers.limits import DEFAULT_LIMITS, Limits

__all__ = ["READERS", "Limits", "detect_format", "read", "read_bytes", "with_path"]

Reader = Callable[[bytes, str, Limits], SourceDocument]

# format -> "module:function"; each function is read_<fmt>(data, name, limits) -> SourceDocument
READERS: dict[str, str] = {
    "text": "jixiao.readers.text:read_text",
    "docx": "jixiao.readers.docx:read_docx",
    "doc": "jixiao.readers.doc:read_doc",
    "html": "jixiao.readers.html:read_html",
    "xlsx": "jixiao.readers.xlsx:read_xlsx",
    "xls": "jixiao.readers.xls:read_xls",
    "pdf": "jixiao.readers.pdf:read_pdf",
}


def read(path: str | Path, *, limits: Limits | None = None) -> SourceDocument:
    """Read a file of any supported format; the document's name is the file's base name."""
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError("is a directory, not a file", path=str(path))
        if size > limits.max_file_bytes:
            raise LimitExceeded(
                f"file is {size:,} bytes, more than the limit of {limits.max_file_bytes:,}", path=str(path)
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("no such file", path=str(path)) from exc
    except PermissionError as exc:
        raise ReadError("permission denied", path=str(path)) from exc
    except OSError as exc:
        raise ReadError(f"cannot be read ({exc.strerror or exc})", path=str(path)) from exc
    try:
        return read_bytes(data, path.name, limits=limits)
    except JixiaoError as exc:
        raise with_path(exc, path) from None


def read_bytes(data: bytes, name: str, *, limits: Limits | None = None) -> SourceDocument:
    """Read in-memory file content; ``name`` is used in the document and in error messages."""
    limits = limits or DEFAULT_LIMITS
    if len(data) > limits.max_file_bytes:
        raise LimitExceeded(f"file is {len(data):,} bytes, more than the limit of {limits.max_file_bytes:,}", path=name)
    if not data or data.isspace():  # isspace: no copy of a large file, unlike strip()
        raise ReadError("the file is empty", path=name)
    fmt = detect_format(data)
    refuse_container(fmt, data, name)  # a damaged zip, an encrypted package, a container of neither
    return _reader(fmt, name)(data, name, limits)


def with_path(exc: JixiaoError, path: Path) -> JixiaoError:
    """Name the file as the user gave it (readers only know its base name)."""
    if exc.path in (None, path.name):
        exc.path = str(path)
    return exc


def _reader(fmt: str, name: str) -> Reader:
    target = READERS[fmt]
    module_name, _, function = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ReadError(f"cannot read {fmt} files here: the {fmt} reader is not available ({exc})", path=name) from exc
    reader: Reader = getattr(module, function)
    return reader
