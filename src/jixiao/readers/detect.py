"""Which format a file is, decided by its content (never by its name)."""

from __future__ import annotations

import io
import re
import zipfile

from jixiao.errors import ReadError
from jixiao.readers._guards import OLE2_MAGIC, is_encrypted_ooxml, ole_streams, reject_encrypted_ole

__all__ = ["CONTAINERS", "detect_format", "refuse_container"]

# what detect_format reports for a container that no reader takes, and what the user is told
CONTAINERS = {
    "zip": "not a supported format: a zip archive holding neither a Word document nor an Excel workbook",
    "ole": "not a supported format: an OLE2 compound file holding neither a Word document nor an Excel workbook",
    "damaged-zip": "not a valid zip container (truncated or damaged): save or download the file again",
    "encrypted-ole": "password-protected",  # worded by _guards.reject_encrypted_ole
}
_ENCRYPTED_NAMES = {".docx": "Word .docx document", ".xlsx": "xlsx workbook"}

_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|table|meta)[\s>]", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def detect_format(data: bytes) -> str:
    """``docx`` ``xlsx`` ``doc`` ``xls`` ``pdf`` ``html`` or ``text``.

    A zip without a Word or Excel part, and an OLE2 file without a Word or Excel stream, are reported
    by their container (``zip`` / ``ole``), a zip whose directory cannot be read (a truncated download)
    as ``damaged-zip`` and an OLE2 file holding an encrypted OOXML package (a password-protected .docx
    or .xlsx) as ``encrypted-ole``, so that the caller can say precisely what is wrong
    (:func:`refuse_container`).
    """
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if data.startswith(OLE2_MAGIC):
        return _ole_format(data)
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if _looks_like_html(data[:4096]):
        return "html"
    return "text"


def _zip_format(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "damaged-zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _ole_format(data: bytes) -> str:
    listed = ole_streams(data)
    if is_encrypted_ooxml(data, listed):
        return "encrypted-ole"
    streams = set(listed)
    if "WordDocument" in streams:
        return "doc"
    if {"Workbook", "Book"} & streams:
        return "xls"
    return "ole"


def refuse_container(fmt: str, data: bytes, name: str) -> None:
    """Raise the :class:`ReadError` that tells the user why a container format (see :data:`CONTAINERS`)
    cannot be read; return for every format a reader takes."""
    if fmt == "encrypted-ole":
        expected = _ENCRYPTED_NAMES.get(name[name.rfind(".") :].lower(), "Word or Excel file")
        reject_encrypted_ole(data, name, expected)
    if fmt in CONTAINERS:
        raise ReadError(CONTAINERS[fmt], path=name)


def _looks_like_html(head: bytes) -> bool:
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if b"\x00" in head:  # UTF-16 text: decode before looking for tags
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                head = head.decode(encoding, errors="ignore").encode("utf-8")
                break
            except UnicodeError:  # pragma: no cover - errors="ignore" never raises
                continue
    return bool(_HTML.search(head.lstrip()[:2048])) and head.lstrip().startswith(b"<")
