"""The analysts' flat sheet (one row per indicator, the table's fields repeated) is recognised and left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.grid import Cell, Grid, SourceDocument
from jixiao.interpret import interpret
from jixiao.interpret.flat_sheet import is_flat_sheet
from jixiao.model import Document
from jixiao.readers import read_bytes
from jixiao.writers import render_bytes
from jixiao.writers._flat import flat_header, flat_rows

GOLD = Path(__file__).parents[1] / "data" / "gold"


def _gold(prefix: str) -> Document:
    return Document.from_dict(json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text(encoding="utf-8")))


def _grid(rows: list[list[str]]) -> Grid:
    return Grid(rows=[[Cell(text, r, c) for c, text in enumerate(row)] for r, row in enumerate(rows)], ref="指标明细")


def _labels_only(grid: Grid) -> Grid:
    """The flat sheet as an analyst may keep it: the header row with the printed labels only (``三级指标``)."""
    rows = [
        [Cell(c.text.split(" ")[0] if r == 0 else c.text, c.row, c.col) for c in row] for r, row in enumerate(grid.rows)
    ]
    return Grid(rows=rows, ref=grid.ref)


@pytest.mark.parametrize("header", ["as written", "printed labels only"])
@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_a_workbook_with_the_flat_sheet_reads_as_the_same_tables_as_one_without(prefix: str, header: str) -> None:
    gold = _gold(prefix)
    plain = read_bytes(render_bytes(gold, to="xlsx", layout="national", flat_sheet=False), "plain.xlsx")
    flat = read_bytes(render_bytes(gold, to="xlsx", layout="national", flat_sheet=True), "flat.xlsx")
    sheet = flat.blocks[-1]
    assert isinstance(sheet, Grid) and sheet.ref is not None and sheet.ref.startswith("指标明细")
    if header == "printed labels only":
        flat.blocks[-1] = sheet = _labels_only(sheet)
    assert is_flat_sheet(sheet)
    with_sheet, without = interpret(flat), interpret(plain)
    assert with_sheet.document.tables == without.document.tables
    assert [len(t.indicators) for t in with_sheet.document.tables] == [len(t.indicators) for t in gold.tables]
    assert with_sheet.warnings == without.warnings


def test_the_flat_sheet_is_known_by_its_header_labels_not_by_its_sheet_name() -> None:
    gold = _gold("000")
    rows = [flat_header(), *flat_rows(gold)]
    assert is_flat_sheet(_grid(rows))
    assert is_flat_sheet(_grid([[label.split(" ")[0] for label in flat_header()], *rows[1:]]))  # labels only
    assert is_flat_sheet(_grid([["指标明细"], *rows]))  # under a caption row
    indicator_header = ["一级指标", "二级指标", "三级指标", "指标值", "项目名称", "表序", "备注", "权重"]
    assert not is_flat_sheet(_grid([indicator_header, ["产出指标", "数量指标", "参保人数", "≥95%"]]))


def test_a_document_of_nothing_but_a_flat_sheet_keeps_it() -> None:
    from jixiao.interpret.flat_sheet import without_flat_sheets

    src = SourceDocument(name="flat.xlsx", format="xlsx", blocks=[_grid([flat_header(), *flat_rows(_gold("000"))])])
    assert without_flat_sheets(src) is src


@pytest.mark.parametrize("titles", ["header on every page", "header on its first page only"])
def test_a_flat_sheet_printed_to_pdf_is_left_out_from_its_header_to_the_end_and_named(titles: str) -> None:
    # Calc prints every sheet: the flat sheet's header comes out as unbordered text (``表序 table 表类型kind``),
    # its rows as a grid under it and, when its 70 columns run over several pages, as more text and grids
    from jixiao.grid import Paragraph

    gold = _gold("000")
    plain = read_bytes(render_bytes(gold, to="xlsx", layout="national", flat_sheet=False), "plain.xlsx")
    printed = SourceDocument(name="book.pdf", format="pdf", blocks=list(plain.blocks))
    header = " ".join(label.replace(" ", "") if i % 2 else label for i, label in enumerate(flat_header()[:12]))
    rows = flat_rows(gold)
    printed.blocks.append(Paragraph(header, ref="page 6 line 1"))
    printed.blocks.append(_grid([row[:12] for row in rows]))
    printed.blocks.append(Paragraph(" ".join(flat_header()[12:20]) if titles.startswith("header on every") else ""))
    printed.blocks.append(_grid([row[12:20] for row in rows]))
    reading, without = interpret(printed), interpret(plain)
    assert reading.document.tables == without.document.tables
    named, *others = reading.warnings
    assert others == without.warnings
    assert getattr(named, "code", None) == "flat_sheet_left_out" and "page 6" in named


def test_a_pdf_opening_with_the_flat_header_is_not_cut() -> None:
    # the rule cuts only after other tables: a PDF of the flat sheet alone keeps it
    from jixiao.grid import Paragraph
    from jixiao.interpret.flat_sheet import without_flat_sheets

    rows = flat_rows(_gold("000"))
    src = SourceDocument(
        name="flat.pdf", format="pdf", blocks=[Paragraph(" ".join(flat_header()[:12])), _grid([r[:12] for r in rows])]
    )
    assert without_flat_sheets(src) is src


def test_a_flat_sheet_printed_over_pages_side_by_side_is_known_by_its_column_titles() -> None:
    # without fit-to-width Calc prints its columns over many pages, each a ruled grid under a few titles
    from jixiao.grid import Paragraph
    from jixiao.interpret.flat_sheet import without_flat_sheets

    plain = read_bytes(render_bytes(_gold("000"), to="xlsx", layout="national", flat_sheet=False), "plain.xlsx")
    first = _grid([["银行贷款 funds.bank_loan", "预算执行率权重 budget_execution_weight"], ["", "10"]])
    first.ref = "page 14 table 1"
    later = _grid([["一级指标level1", "二级指标level2", "三级指标name"], ["产出指标", "数量指标", "参保人数"]])
    printed = SourceDocument(name="book.pdf", format="pdf", blocks=[*plain.blocks, first, Paragraph("- 15 -"), later])
    cut = without_flat_sheets(printed)
    assert cut.blocks == plain.blocks
    assert "page 14" in cut.warnings[-1]
    # a form's own header is no such title row
    form = _grid([["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "参保人数", "≥95%"]])
    unchanged = SourceDocument(name="form.pdf", format="pdf", blocks=[*plain.blocks, form])
    assert without_flat_sheets(unchanged) is unchanged
