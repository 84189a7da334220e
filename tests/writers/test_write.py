"""The public API: formats and layouts, atomic output, errors naming the file, HTML and CSV, binding a year."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jixiao._atomic import write_atomic
from jixiao.errors import WriteError
from jixiao.model import Document
from jixiao.writers import FORMATS, LAYOUTS, bind, render_bytes, write


@pytest.mark.parametrize("to", ["docx", "xlsx", "html", "csv", "json"])
def test_write_puts_exactly_one_file_in_place(golds: dict[str, Document], tmp_path: Path, to: str) -> None:
    target = tmp_path / f"out.{to}"
    assert write(golds["000"], target, to=to, layout="tianjin") == target
    assert target.stat().st_size > 100
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_format_follows_the_suffix_when_not_given(golds: dict[str, Document], tmp_path: Path) -> None:
    target = write(golds["000"], tmp_path / "t.xlsx")
    assert target.read_bytes()[:2] == b"PK"
    assert b"xl/workbook.xml" in target.read_bytes()


def test_json_output_is_the_document_itself(golds: dict[str, Document]) -> None:
    data = json.loads(render_bytes(golds["002"], to="json"))
    assert Document.from_dict(data) == golds["002"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"to": "odt"}, "unknown format 'odt'"),
        ({"to": "docx", "layout": "beijing"}, "unknown layout 'beijing'"),
    ],
)
def test_bad_format_or_layout_is_a_write_error_naming_the_file(
    golds: dict[str, Document], tmp_path: Path, kwargs: dict[str, str], message: str
) -> None:
    target = tmp_path / "x.out"
    with pytest.raises(WriteError, match=message) as info:
        write(golds["000"], target, **kwargs)
    assert info.value.path == str(target)
    assert not target.exists()


def test_missing_directory_and_non_documents_are_write_errors(golds: dict[str, Document], tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="directory does not exist"):
        write(golds["000"], tmp_path / "no" / "x.docx")
    with pytest.raises(WriteError, match="not a jixiao/1 document: dict"):
        write({"tables": []}, tmp_path / "x.docx")  # type: ignore[arg-type]
    with pytest.raises(WriteError, match="is a directory"):
        write(golds["000"], tmp_path, to="docx")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "keep.docx"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jixiao._atomic.os.replace", broken_replace)
    with pytest.raises(WriteError, match="No space left") as info:
        write_atomic(target, b"new")
    assert info.value.path == str(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.docx"]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_html_is_a_printable_page_with_merged_cells(golds: dict[str, Document], layout: str) -> None:
    html = render_bytes(golds["000"], to="html", layout=layout).decode()
    assert html.startswith("<!DOCTYPE html>") and "@page" in html
    assert html.count('<section class="page') == 4
    assert 'rowspan="' in html and "<thead>" in html
    for table in golds["000"].tables:
        for ind in table.indicators:
            assert ind.name in html


def test_html_escapes_text(golds: dict[str, Document]) -> None:
    doc = golds["000"].model_copy(deep=True)
    doc.tables[0].indicators[0].name = "<script>alert(1)</script>"
    html = render_bytes(doc, to="html", layout="national").decode()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_csv_has_one_row_per_indicator_and_opens_as_utf8_in_excel(golds: dict[str, Document]) -> None:
    data = render_bytes(golds["003"], to="csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == sum(len(t.indicators) for t in golds["003"].tables)
    first, last = rows[0], rows[-1]
    assert first["项目编码 project_code"] == "50011522T000002056269"
    assert first["本年权重(%) weight_this_year"] == "10" and first["比较符 op"] == ">="
    assert last["表序 table"] == "4" and last["单位名称 unit_name"] == golds["003"].tables[3].unit_name
    assert first["资金用途 purpose"] == ""  # null prints as an empty cell


def test_csv_keeps_line_breaks_and_commas_inside_fields(golds: dict[str, Document]) -> None:
    rows = list(csv.reader(io.StringIO(render_bytes(golds["001"], to="csv").decode("utf-8-sig"))))
    goals = rows[0].index("年度目标 annual_goals")
    table6 = next(r for r in rows[1:] if r[0] == "6")
    assert table6[goals].split("\n") == golds["001"].tables[5].annual_goals
    assert {len(r) for r in rows} == {len(rows[0])}


def test_bind_makes_one_document_of_a_year_with_narrative_first(golds: dict[str, Document]) -> None:
    bound = bind([golds["000"], golds["001"]], name="2024.docx")
    assert bound.source.name == "2024.docx"
    assert len(bound.tables) == 4 + 14 and bound.department_plans == golds["001"].department_plans
    assert [t.seq for t in bound.tables] == list(range(1, 19))
    assert golds["001"].tables[0].seq == 1  # the inputs are not changed
    html = render_bytes(bound, to="html", layout="lulong").decode()
    assert html.index("第一部分") < html.index("第二部分") < html.index("1.2022-2024年")


def test_formats_constant_lists_every_writer() -> None:
    assert FORMATS == ("docx", "xlsx", "pdf", "html", "csv", "json")


@pytest.mark.parametrize("to", ["docx", "xlsx", "html", "csv"])
def test_control_characters_never_reach_the_file(golds: dict[str, Document], to: str) -> None:
    doc = golds["000"].model_copy(deep=True)
    doc.tables[0].indicators[0].name = "甲\x0b乙\x00丙\x1f丁\tend"
    doc.tables[0].purpose = "用途\r\n第二行"
    data = render_bytes(doc, to=to, layout="national")
    if to == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))  # an XML error would raise here
        texts = [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert "甲\n乙丙丁 end" in texts and "用途\n第二行" in texts
    elif to == "xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        values = {c.value for row in sheet.iter_rows() for c in row}
        assert any(isinstance(v, str) and "_x00" in v for v in values) is False
        assert "用途\n第二行" in values
    else:
        text = data.decode("utf-8-sig")
        assert "\x00" not in text and "\x0b" not in text and "丙丁 end" in text


def test_text_too_long_for_an_excel_cell_is_a_write_error_naming_file_and_cell(
    golds: dict[str, Document], tmp_path: Path
) -> None:
    doc = golds["000"].model_copy(deep=True)
    doc.tables[1].purpose = "长" * 40_000
    target = tmp_path / "long.xlsx"
    with pytest.raises(WriteError, match="40000 characters do not fit an Excel cell") as info:
        write(doc, target, layout="tianjin")
    assert info.value.path == str(target) and info.value.place == "sheet 2 cell B5"
    assert not target.exists()
    assert write(doc, tmp_path / "long.docx", layout="tianjin").stat().st_size > 0  # Word has no such limit


def test_html_fragment_is_the_printable_pages_without_the_page_around_them(golds: dict[str, Document]) -> None:
    from jixiao.writers import html_fragment
    from jixiao.writers._html import stylesheet

    fragment = html_fragment(golds["003"], layout="chongqing")
    page = render_bytes(golds["003"], to="html", layout="chongqing").decode()
    assert fragment.lstrip().startswith('<div class="jx-document">') and "<html" not in fragment
    assert fragment.strip() in page
    assert ".jx-table" in stylesheet() and fragment.count('<section class="page landscape">') == 4


@pytest.mark.parametrize("to", ["docx", "xlsx", "html", "csv", "json"])
def test_a_document_without_tables_or_indicators_still_makes_a_valid_file(to: str) -> None:
    empty = Document.model_validate({"source": {"name": "x", "format": "text"}})
    bare = Document.model_validate({"source": {"name": "x", "format": "text"}, "tables": [{}]})
    for doc in (empty, bare):
        for layout in LAYOUTS:
            data = render_bytes(doc, to=to, layout=layout)
            if to in ("docx", "xlsx"):
                import zipfile

                with zipfile.ZipFile(io.BytesIO(data)) as package:
                    assert package.testzip() is None
    import docx

    assert len(docx.Document(io.BytesIO(render_bytes(bare, to="docx"))).tables) == 2
