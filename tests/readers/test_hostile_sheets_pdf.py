"""Hostile spreadsheets and PDFs end in a clear error (or a fast, correct read) within 10 s and 500 MB.

Every file is made here: a workbook whose dimension claims a million rows, one that really holds a
million row elements, a zip bomb, a password-protected workbook (an OLE2 container), a 10,000-page PDF
(written by hand, all pages sharing one content stream), one whose page count lies, and an encrypted PDF.
Each hostile read runs in a child process, so that its own peak memory can be measured.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from jixiao.errors import LimitExceeded, ReadError
from jixiao.readers import read, read_bytes
from jixiao.readers.limits import DEFAULT_LIMITS
from jixiao.readers.pdf import read_pdf
from jixiao.readers.xls import read_xls
from jixiao.readers.xlsx import read_xlsx

SECONDS = 10.0  # CPU seconds: a loaded machine stretches wall time, not the work done
MEGABYTES = 500

_CHILD = """
import json, resource, sys
from jixiao.errors import JixiaoError
from jixiao.readers import read
try:
    document = read(sys.argv[1])
except JixiaoError as exc:
    answer = {"error": type(exc).__name__, "message": str(exc), "place": exc.place}
else:
    answer = {"grids": [[c.text for c in g.cells()] for g in document.grids()]}
usage = resource.getrusage(resource.RUSAGE_SELF)
answer["peak_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
answer["cpu_s"] = usage.ru_utime + usage.ru_stime
print(json.dumps(answer))
"""


def _read_in_child(path: Path) -> tuple[dict[str, object], float, float]:
    """Read ``path`` with ``jixiao.readers.read`` in a child process: its answer, CPU seconds, peak MB."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    answer = json.loads(done.stdout)
    peak = float(answer.pop("peak_mb"))
    return answer, float(answer.pop("cpu_s")), peak


def _assert_quick_and_small(seconds: float, peak: float) -> None:
    assert seconds < SECONDS, f"took {seconds:.1f} s of CPU"
    assert peak < MEGABYTES, f"peaked at {peak:.0f} MB"


# -- workbooks ------------------------------------------------------------------------------------------

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def _workbook(sheet_data: str, dimension: str, padding: int = 0, after: str = "") -> bytes:
    """A minimal .xlsx with one sheet of inline strings; ``after`` follows the sheet data (merged ranges);
    ``padding`` bytes of white space inflate the sheet."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData>{after}{" " * padding}</worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_dimension_claiming_a_million_rows_costs_nothing_only_real_cells_are_read(tmp_path: Path) -> None:
    rows = f'<row r="1">{_cell("A1", "一级指标")}{_cell("B1", "指标值")}</row><row r="2">{_cell("A2", "产出指标")}{_cell("B2", "≥95%")}</row>'
    path = tmp_path / "claims_a_million.xlsx"
    path.write_bytes(_workbook(rows, "A1:Z1000000"))
    answer, seconds, peak = _read_in_child(path)
    assert answer == {"grids": [["一级指标", "指标值", "产出指标", "≥95%"]]}
    _assert_quick_and_small(seconds, peak)


def test_a_million_row_elements_stop_at_the_row_limit(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"/>' for r in range(1, 1_000_001))
    path = tmp_path / "million_rows.xlsx"
    path.write_bytes(_workbook(rows, "A1:Z1000000"))
    answer, seconds, peak = _read_in_child(path)
    assert answer["error"] == "LimitExceeded"
    assert "rows" in str(answer["message"]) and str(answer["place"]).startswith("Sheet1!A")
    _assert_quick_and_small(seconds, peak)


def test_a_cell_a_million_rows_down_is_a_limit_error_naming_it() -> None:
    rows = f'<row r="1">{_cell("A1", "x")}</row><row r="1000000">{_cell("A1000000", "y")}</row>'
    with pytest.raises(LimitExceeded) as caught:
        read_xlsx(_workbook(rows, "A1:A1000000"), "far.xlsx", DEFAULT_LIMITS)
    assert caught.value.place == "Sheet1!A1000000"


def test_cells_in_column_a_and_xfd_do_not_make_a_grid_of_millions_of_empty_cells(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}">{_cell(f"A{r}", "x")}{_cell(f"XFD{r}", "y")}</row>' for r in range(1, 201))
    path = tmp_path / "wide.xlsx"
    path.write_bytes(_workbook(rows, "A1:XFD200"))
    answer, seconds, peak = _read_in_child(path)
    assert answer["error"] == "LimitExceeded"
    assert answer["place"] == "Sheet1!A1:XFD200"
    _assert_quick_and_small(seconds, peak)


def test_a_merge_over_the_whole_sheet_is_cut_down_to_the_cells_that_hold_text() -> None:
    rows = f'<row r="1">{_cell("A1", "标题")}</row><row r="2">{_cell("A2", "a")}{_cell("B2", "b")}</row>'
    merged = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    start = time.process_time()
    document = read_xlsx(_workbook(rows, "A1:XFD1048576", after=merged), "merged.xlsx", DEFAULT_LIMITS)
    assert time.process_time() - start < SECONDS
    grid = next(document.grids())
    title = grid.at(0, 0)
    assert title is not None and (title.text, title.rowspan, title.colspan) == ("标题", 2, 2)


def test_a_zip_bomb_is_refused_before_anything_is_expanded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_workbook(f'<row r="1">{_cell("A1", "x")}</row>', "A1", padding=30_000_000))
    answer, seconds, peak = _read_in_child(path)
    assert answer["error"] == "LimitExceeded"
    assert "compressed" in str(answer["message"]) and answer["place"] == "xl/worksheets/sheet1.xml"
    _assert_quick_and_small(seconds, peak)


def _compound_file(names: list[str]) -> bytes:
    """A minimal OLE2 compound file whose directory holds empty streams with these names."""
    sector = 512
    end, free, fat_marker = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # minor, major version 3, byte order, shifts
    struct.pack_into("<III", header, 44, 1, 1, 0)  # 1 FAT sector; directory starts at sector 1
    struct.pack_into("<IIIII", header, 56, 4096, end, 0, end, 0)  # mini cutoff; no mini FAT; no DIFAT sectors
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for index in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * index, free)
    fat = bytearray(struct.pack("<II", fat_marker, end) + struct.pack("<I", free) * (sector // 4 - 2))

    def entry(name: str, kind: int, child: int, right: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        data = bytearray(128)
        data[0 : len(raw)] = raw
        struct.pack_into("<HBB", data, 64, len(raw), kind, 1)
        struct.pack_into("<III", data, 68, free, right, child)  # left sibling, right sibling, child
        struct.pack_into("<II", data, 116, end, 0)  # start sector, size
        return bytes(data)

    entries = [entry("Root Entry", 5, 1, free)]
    for index, name in enumerate(names, start=1):
        entries.append(entry(name, 2, free, index + 1 if index < len(names) else free))
    directory = b"".join(entries).ljust(sector, b"\x00")
    return bytes(header) + bytes(fat) + directory


def test_a_password_protected_workbook_is_named_as_such(tmp_path: Path) -> None:
    data = _compound_file(["EncryptionInfo", "EncryptedPackage"])
    with pytest.raises(ReadError, match="password-protected") as caught:
        read_xlsx(data, "secret.xlsx", DEFAULT_LIMITS)
    assert caught.value.path == "secret.xlsx"
    with pytest.raises(ReadError, match="password-protected"):
        read_xls(data, "secret.xls", DEFAULT_LIMITS)
    for name in ("secret.xlsx", "secret.docx", "secret.bin"):  # as the user reads it: format by content
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ReadError) as through_read:
            read(path)
        assert through_read.value.path == str(path)
        assert through_read.value.message.startswith("password-protected")
        assert "not a supported format" not in through_read.value.message


# -- PDFs ----------------------------------------------------------------------------------------------


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _many_pages(pages: int, declared: int) -> bytes:
    """``pages`` pages sharing one content stream (object 3); the page tree declares ``declared`` pages."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    stream = b"BT /F1 12 Tf 72 720 Td (page) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (declared, kids),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    objects.extend(page for _ in range(pages))
    return _pdf(objects)


def test_a_ten_thousand_page_pdf_is_refused_before_any_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ten_thousand_pages.pdf"
    path.write_bytes(_many_pages(10_000, 10_000))
    answer, seconds, peak = _read_in_child(path)
    assert answer["error"] == "LimitExceeded"
    assert "10,000 pages" in str(answer["message"])
    _assert_quick_and_small(seconds, peak)


def test_a_page_tree_that_understates_its_pages_stops_at_the_page_limit() -> None:
    data = _many_pages(60, 1)
    with pytest.raises(LimitExceeded) as caught:
        read_pdf(data, "lying.pdf", DEFAULT_LIMITS.replace(max_pages=50))
    assert caught.value.place == "page 51"


def test_an_encrypted_pdf_is_a_clear_read_error(tmp_path: Path) -> None:
    stream = b"BT /F1 12 Tf 72 720 Td (secret) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [4 0 R] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
        # Standard security handler, RC4 40-bit; /U does not match the empty user password
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ]
    data = _pdf(
        objects, trailer=b"/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "
    )
    with pytest.raises(ReadError, match="encrypted") as caught:
        read_bytes(data, "secret.pdf")
    assert caught.value.path == "secret.pdf"
    path = tmp_path / "secret.pdf"
    path.write_bytes(data)
    answer, seconds, peak = _read_in_child(path)
    assert answer["error"] == "ReadError"
    _assert_quick_and_small(seconds, peak)


def test_a_pdf_over_its_time_budget_stops_with_the_page_named() -> None:
    data = _many_pages(40, 40)
    with pytest.raises(LimitExceeded, match="longer than") as caught:
        read_pdf(data, "slow.pdf", DEFAULT_LIMITS.replace(max_seconds=1e-6))
    assert caught.value.place == "page 1"


def test_entity_expansion_in_a_worksheet_is_refused_not_expanded() -> None:
    """openpyxl parses with defusedxml when it is installed: a billion-laughs DTD is an error, not 3 GB."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    sheet = f'<!DOCTYPE worksheet [<!ENTITY l0 "ha">{laughs}]><row r="1">{_cell("A1", "&l9;")}</row>'
    data = _workbook(sheet, "A1").replace(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet', b"<worksheet"
    )
    start = time.process_time()
    with pytest.raises(ReadError, match="unsafe XML refused: EntitiesForbidden") as caught:
        read_xlsx(_doctype_first(data), "laughs.xlsx", DEFAULT_LIMITS)
    assert time.process_time() - start < SECONDS
    assert caught.value.path == "laughs.xlsx"


def _doctype_first(data: bytes) -> bytes:
    """Move the DOCTYPE written inside <sheetData> to the top of the sheet XML, where a DTD belongs."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                start = content.index(b"<!DOCTYPE")
                end = content.index(b"]>", start) + 2
                content = content[start:end] + content[:start] + content[end:]
            target.writestr(info.filename, content)
    return buffer.getvalue()
