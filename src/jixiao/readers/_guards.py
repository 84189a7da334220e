"""Safety checks shared by the spreadsheet and PDF readers: zip bombs, OLE2 containers, deadlines."""

from __future__ import annotations

import io
import time
import zipfile
from typing import TYPE_CHECKING

from jixiao.errors import LimitExceeded, ReadError

if TYPE_CHECKING:
    from jixiao.readers.limits import Limits

__all__ = [
    "OLE2_MAGIC",
    "Deadline",
    "check_size",
    "check_zip",
    "is_encrypted_ooxml",
    "ole_streams",
    "reject_encrypted_ole",
]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RATIO_FLOOR = 1 << 20  # members smaller than 1 MiB uncompressed are not judged by their ratio


def check_size(data: bytes, name: str, limits: Limits) -> None:
    if len(data) > limits.max_file_bytes:
        raise LimitExceeded(f"file is {len(data):,} bytes, more than the limit of {limits.max_file_bytes:,}", path=name)


def check_zip(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    """Open a zip container after checking its member count, declared sizes and compression ratios."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError(f"not a valid zip container (truncated or damaged: {exc})", path=name) from exc
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise LimitExceeded(
            f"zip holds {len(members):,} members, more than the limit of {limits.max_zip_members:,}", path=name
        )
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise ReadError("password-protected (the zip member is encrypted)", path=name, place=info.filename)
        total += info.file_size
        if total > limits.max_zip_uncompressed_bytes:
            raise LimitExceeded(
                f"zip members expand to more than {limits.max_zip_uncompressed_bytes:,} bytes",
                path=name,
                place=info.filename,
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise LimitExceeded(
                f"zip member compressed {ratio:,.0f}:1, more than the limit of {limits.max_zip_ratio}:1",
                path=name,
                place=info.filename,
            )
    return archive


def ole_streams(data: bytes) -> list[str]:
    """The stream and storage names of an OLE2 compound file (empty when it cannot be parsed)."""
    try:
        from xlrd.compdoc import CompDoc
    except ImportError:  # pragma: no cover - xlrd is a declared dependency of the formats extra
        return []
    try:
        doc = CompDoc(data, logfile=io.StringIO())
    except Exception:  # a broken header: xlrd raises its own CompDocError and plain IndexError/struct errors
        return []
    return [entry.name for entry in doc.dirlist]


def is_encrypted_ooxml(data: bytes, streams: list[str] | None = None) -> bool:
    """True for an OLE2 file holding an encrypted OOXML package (a password-protected .xlsx or .docx):
    an ``EncryptionInfo``/``EncryptedPackage`` stream, or, where the directory cannot be parsed, the
    UTF-16 name ``Encrypt…`` near the start of the file."""
    if streams is None:
        streams = ole_streams(data)
    if streams:
        return bool({"EncryptionInfo", "EncryptedPackage"} & set(streams))
    return b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00" in data[:65536]


def reject_encrypted_ole(data: bytes, name: str, expected: str) -> None:
    """An OLE2 file where an OOXML file was expected: encrypted OOXML (password) or a legacy binary file."""
    if is_encrypted_ooxml(data):
        raise ReadError(
            f"password-protected: the {expected} is encrypted (an OLE2 EncryptedPackage); save it without a password",
            path=name,
        )
    raise ReadError(
        f"an OLE2 compound file, not an {expected} (a legacy .xls/.doc saved under the wrong name?)", path=name
    )


class Deadline:
    """The time budget of one file (``limits.max_seconds``)."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, place: str | None = None) -> None:
        if time.monotonic() > self.end:
            raise LimitExceeded(
                f"reading took longer than the limit of {self.seconds:g} s", path=self.name, place=place
            )
