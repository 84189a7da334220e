"""``read``/``read_bytes``: format by content, the size limit, clear errors for absent readers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from jixiao.errors import LimitExceeded, ReadError
from jixiao.readers import READERS, read, read_bytes
from jixiao.readers._guards import OLE2_MAGIC
from jixiao.readers.detect import detect_format
from jixiao.readers.limits import Limits

DATA = Path(__file__).parents[1] / "data"
FIXTURES, SEEDS = DATA / "fixtures", DATA / "seeds"


def _zip(*names: str) -> bytes:
    """A zip of the named members, the same bytes on every call (fixed member dates): the test ids shown by
    parallel workers must agree."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
        (_zip("readme.txt"), "zip"),
        (_zip("[Content_Types].xml", "word/document.xml")[:40], "damaged-zip"),  # a truncated download
        (OLE2_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le"), "encrypted-ole"),  # a password
        (b"%PDF-1.7\n", "pdf"),
        (b"<!DOCTYPE html><html><body><table></table></body></html>", "html"),
        ("<html><body>绩效</body></html>".encode("utf-16"), "html"),
        ("项目名称\t某项目".encode(), "text"),
        (b"\x00\x01\x02binary", "text"),  # the text reader then refuses it
    ],
    ids=["docx", "xlsx", "zip", "damaged-zip", "encrypted-ole", "pdf", "html", "html-utf16", "text", "binary"],
)
def test_format_is_detected_from_content(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected


@pytest.mark.parametrize(("fixture", "expected"), [("001_lulong.doc", "doc"), ("003_chongqing.xls", "xls")])
def test_ole2_files_are_told_apart_by_their_streams(fixture: str, expected: str) -> None:
    assert detect_format((FIXTURES / fixture).read_bytes()) == expected


def test_an_ole2_file_without_word_or_excel_streams_is_refused() -> None:
    with pytest.raises(ReadError, match="OLE2"):
        read_bytes(OLE2_MAGIC + b"\x00" * 600, "x.doc")


def test_a_zip_that_is_not_office_is_refused() -> None:
    with pytest.raises(ReadError, match="zip"):
        read_bytes(_zip("a.txt"), "a.zip")


def test_the_name_of_a_misnamed_file_does_not_matter(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    target = tmp_path / "table.pdf"
    target.write_bytes(seed.read_bytes())
    doc = read(target)
    assert doc.format == "text" and doc.name == "table.pdf"


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    target.write_bytes(b"x" * 100)
    with pytest.raises(LimitExceeded, match="limit"):
        read(target, limits=Limits(max_file_bytes=10))
    with pytest.raises(LimitExceeded):
        read_bytes(b"x" * 100, "big.txt", limits=Limits(max_file_bytes=10))


def test_missing_files_and_directories_are_read_errors(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read(tmp_path / "absent.txt")
    with pytest.raises(ReadError, match="directory"):
        read(tmp_path)


def test_a_reader_that_is_not_installed_gives_a_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(READERS, "pdf", "jixiao.readers.not_there:read_pdf")
    with pytest.raises(ReadError, match="pdf reader is not available"):
        read_bytes(b"%PDF-1.4\n", "x.pdf")


def test_limits_are_validated_and_overridable() -> None:
    assert Limits().replace(max_pages=3).max_pages == 3
    with pytest.raises(ValueError, match="max_cells"):
        Limits(max_cells=0)
