"""Hostile Word and HTML input: every file is made here, and each ends in a clear error, quickly and small.

The guarantee is the error (a ReadError naming the file); the time (10 s of CPU) and memory (500 MB) budgets
are generous checks that the error comes before the damage. Time is CPU time, this process's and its
children's (LibreOffice), so that a loaded machine does not fail them; a wall-clock backstop of 120 s still
catches a read that waits instead of working. Nothing may be read from local files: the content
of /etc/passwd never appears in a result or a message. The spreadsheet and PDF cases are in
``test_hostile_sheets_pdf.py``.
"""

from __future__ import annotations

import io
import resource
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Grid, Paragraph, SourceDocument
from jixiao.readers import read, read_bytes
from jixiao.readers.doc import read_doc
from jixiao.readers.docx import read_docx
from jixiao.readers.html import read_html
from jixiao.readers.limits import DEFAULT_LIMITS
from tests.readers._word import body_xml, docx_from_body, p, replace_member, tbl, tc, tr

SECONDS = 10.0  # CPU seconds
WALL_SECONDS = 120.0  # a hang, not a slow machine
MEGABYTES = 500
PASSWD = Path("/etc/passwd")
MIB = 1 << 20


def cpu_seconds() -> float:
    """CPU time used so far by this process and its waited-for children (user and system)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextmanager
def budget() -> Iterator[None]:
    """Fail when the block takes more than SECONDS of CPU or raises the process's peak memory by MEGABYTES."""
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    cpu_start, wall_start = cpu_seconds(), time.monotonic()
    yield
    cpu, wall = cpu_seconds() - cpu_start, time.monotonic() - wall_start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert cpu < SECONDS, f"took {cpu:.1f} s of CPU"
    assert wall < WALL_SECONDS, f"took {wall:.1f} s (wall clock) for {cpu:.1f} s of CPU"
    assert grown < MEGABYTES, f"peak memory grew by {grown:.0f} MB"


def refused(read: Callable[[], object], error: type[ReadError] = ReadError) -> ReadError:
    """Run ``read`` within the budget and return the error it must raise."""
    with budget(), pytest.raises(error) as caught:
        read()
    return caught.value


def passwd_lines() -> list[str]:
    """Distinctive lines of the local /etc/passwd (what an external entity would pull in)."""
    if not PASSWD.is_file():
        return ["root:x:0:0:"]
    return [line for line in PASSWD.read_text(errors="replace").splitlines() if line.count(":") >= 5][:5]


def all_text(source: SourceDocument) -> str:
    texts: list[str] = []
    for block in source.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Grid):
            texts.extend(cell.text for cell in block.cells())
    return "\n".join(texts)


# -- zip containers -----------------------------------------------------------------------------------


def deflated_zeros(mebibytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``mebibytes`` MiB of zero bytes, and its CRC-32, made in well under a second.

    One MiB is compressed once and ended with a full flush (byte-aligned, no back-references), so that the
    same block can be repeated: the stream inflates to the full size without ever being built.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(bytes(MIB), crc)
    return block * mebibytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush(), crc


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate data, crc, declared uncompressed size) members, sizes as given."""
    out = io.BytesIO()
    directory = io.BytesIO()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        directory.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                *(0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, offset),
            )
        )
        directory.write(encoded)
    start = out.tell()
    out.write(directory.getvalue())
    count = len(members)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory.getvalue()), start, 0))
    return out.getvalue()


def docx_members_with(document: tuple[bytes, int, int]) -> bytes:
    """A real small .docx whose word/document.xml is replaced by the given raw member."""
    source = zipfile.ZipFile(io.BytesIO(docx_from_body(p("x"))))
    members = []
    for info in source.infolist():
        content = source.read(info)
        if info.filename == "word/document.xml":
            members.append((info.filename, *document))
            continue
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        members.append(
            (info.filename, compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content))
        )
    return raw_zip(members)


def test_a_docx_zip_bomb_of_over_a_gigabyte_is_refused_from_its_directory() -> None:
    bomb, crc = deflated_zeros(1100)
    data = docx_members_with((bomb, crc, 1100 * MIB))
    assert len(data) < 2 * MIB
    error = refused(lambda: read_bytes(data, "bomb.docx"), LimitExceeded)
    assert error.path == "bomb.docx"
    assert error.place == "word/document.xml"
    assert "expand to more than" in error.message or "compressed" in error.message


def test_a_docx_zip_bomb_that_understates_its_size_is_never_inflated_past_the_claim() -> None:
    bomb, crc = deflated_zeros(1100)
    data = docx_members_with((bomb, crc, 1000))  # claims 1,000 bytes
    error = refused(lambda: read_docx(data, "liar.docx", DEFAULT_LIMITS))
    assert error.path == "liar.docx"
    assert error.place == "word/document.xml"
    assert "damaged zip member" in error.message  # inflating stopped at the claim: the checksum fails


def test_a_docx_with_too_many_members_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", body_xml(p("x")))
        for index in range(DEFAULT_LIMITS.max_zip_members + 1):
            archive.writestr(f"word/media/{index}.bin", b"")
    error = refused(lambda: read_docx(buffer.getvalue(), "many.docx", DEFAULT_LIMITS), LimitExceeded)
    assert "members" in error.message


def test_a_truncated_docx_is_a_read_error_saying_truncated_or_damaged(tmp_path: Path) -> None:
    data = docx_from_body(p("1.项目绩效目标表"), tbl(tr(tc("项目名称"), tc("医保")), cols=2))
    truncated = data[: len(data) // 2]
    error = refused(lambda: read_docx(truncated, "cut.docx", DEFAULT_LIMITS))
    assert error.path == "cut.docx"
    assert "not a valid zip container (truncated or damaged" in error.message
    cut = tmp_path / "cut.docx"
    cut.write_bytes(truncated)
    detected = refused(lambda: read(cut))  # and through format detection, as the user reads it
    assert detected.path == str(cut)
    assert "not a valid zip container (truncated or damaged)" in detected.message
    assert "not a supported format" not in detected.message


def test_a_docx_with_an_encrypted_member_is_refused_as_password_protected() -> None:
    data = bytearray(docx_from_body(p("x")))
    directory = data.rfind(b"PK\x05\x06")
    start = struct.unpack_from("<I", data, directory + 16)[0]
    position = start
    while data[position : position + 4] == b"PK\x01\x02":  # set the "encrypted" flag in the directory
        flags = struct.unpack_from("<H", data, position + 8)[0]
        struct.pack_into("<H", data, position + 8, flags | 1)
        name_length, extra, comment = struct.unpack_from("<HHH", data, position + 28)
        position += 46 + name_length + extra + comment
    error = refused(lambda: read_docx(bytes(data), "locked.docx", DEFAULT_LIMITS))
    assert "password-protected" in error.message


def test_an_encrypted_ooxml_package_is_refused_as_password_protected(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024)
    error = refused(lambda: read_docx(data, "secret.docx", DEFAULT_LIMITS))
    assert "password-protected" in error.message
    secret = tmp_path / "secret.docx"
    secret.write_bytes(data)
    detected = refused(lambda: read(secret))  # through format detection, as the user reads it
    assert detected.path == str(secret)
    assert detected.message.startswith("password-protected: the Word .docx document is encrypted")


def test_a_compact_docx_of_a_million_paragraphs_is_stopped_while_streaming() -> None:
    """Within every zip limit, but a tree of it would take gigabytes: counted as a stream and refused."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{i}</w:t></w:r></w:p>" for i in range(1_000_000))
    data = replace_member(docx_from_body(p("x")), "word/document.xml", body_xml(paragraphs))
    assert len(data) < DEFAULT_LIMITS.max_file_bytes
    error = refused(lambda: read_bytes(data, "long.docx"), LimitExceeded)
    assert error.place == "word/document.xml"
    assert "paragraphs and table rows" in error.message


# -- XML attacks --------------------------------------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def xxe(member_root: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {member_root} [<!ENTITY xxe SYSTEM "file://{PASSWD}">]>\n'
        f'<{member_root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>"
        f"</{member_root}>"
    )


def test_a_billion_laughs_document_xml_is_refused_without_expansion() -> None:
    data = replace_member(docx_from_body(p("x")), "word/document.xml", BILLION_LAUGHS.encode())
    error = refused(lambda: read_bytes(data, "laughs.docx"))
    assert error.place == "word/document.xml"
    assert "DTD" in error.message


def test_an_external_entity_to_etc_passwd_is_refused_and_nothing_is_read() -> None:
    data = replace_member(docx_from_body(p("x")), "word/document.xml", xxe("w:document").encode())
    error = refused(lambda: read_bytes(data, "xxe.docx"))
    assert error.place == "word/document.xml"
    for line in passwd_lines():
        assert line not in str(error)


def test_a_dtd_in_any_other_part_is_refused_naming_the_part() -> None:
    hostile = xxe("w:styles").replace("<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>", "")
    data = replace_member(docx_from_body(p("x")), "word/styles.xml", hostile.encode())
    error = refused(lambda: read_docx(data, "styles.docx", DEFAULT_LIMITS))
    assert error.place == "word/styles.xml"


def test_a_dtd_hidden_after_a_long_comment_is_still_found() -> None:
    hidden = BILLION_LAUGHS.replace("<!DOCTYPE", "<!--" + "x" * 100_000 + "-->\n<!DOCTYPE", 1)
    data = replace_member(docx_from_body(p("x")), "word/document.xml", hidden.encode())
    error = refused(lambda: read_docx(data, "hidden.docx", DEFAULT_LIMITS))
    assert "DTD" in error.message


def test_entities_in_an_html_page_are_never_expanded_or_fetched() -> None:
    page = (
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        f'<!ENTITY xxe SYSTEM "file://{PASSWD}">]>'
        "<html><body><p>绩效&b;&xxe;</p><table><tr><td>&b;&xxe;</td></tr></table></body></html>"
    )
    with budget():
        source = read_html(page.encode(), "xxe.html", DEFAULT_LIMITS)
    text = all_text(source)
    assert len(text) < 200  # not expanded
    for line in passwd_lines():
        assert line not in text


# -- LibreOffice and HTML ---------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_a_doc_libreoffice_cannot_open_is_a_clear_read_error() -> None:
    junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 64
    error = refused(lambda: read_doc(junk, "junk.doc", DEFAULT_LIMITS))
    assert error.path == "junk.doc"
    assert "LibreOffice could not open the .doc file" in error.message


def test_a_huge_html_table_stops_at_the_row_limit() -> None:
    rows = DEFAULT_LIMITS.max_rows * 2
    page = ("<html><body><table>" + "<tr><td>1</td></tr>" * rows + "</table></body></html>").encode()
    assert len(page) < DEFAULT_LIMITS.max_file_bytes
    error = refused(lambda: read_bytes(page, "huge.html"), LimitExceeded)
    assert error.path == "huge.html"
    assert error.place == "table 1"


def test_a_wide_html_table_of_giant_colspans_stops_at_the_cell_limit() -> None:
    cells = DEFAULT_LIMITS.max_cells // 1000 + 10
    page = ("<table><tr>" + '<td colspan="1000">x</td>' * cells + "</tr></table>").encode()
    error = refused(lambda: read_bytes(page, "wide.html"), LimitExceeded)
    assert "cells" in error.message
