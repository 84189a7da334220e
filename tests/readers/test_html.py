"""The HTML reader: table placement, text blocks, encodings, layout tables, limits; a published-style page."""

from __future__ import annotations

import codecs
import json
import shutil
import subprocess
from html import escape
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest

from jixiao.errors import LimitExceeded
from jixiao.grid import Grid, Paragraph, SourceDocument
from jixiao.readers import read_bytes
from jixiao.readers.html import decode_html, read_html
from jixiao.readers.limits import DEFAULT_LIMITS, Limits

FIXTURES = Path(__file__).parents[1] / "data" / "fixtures"


def read(page: str | bytes, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    data = page.encode("utf-8") if isinstance(page, str) else page
    return read_html(data, "page.html", limits)


def shape(grid: Grid) -> list[list[tuple[int, int, int, int, str]]]:
    return [[(c.row, c.col, c.rowspan, c.colspan, c.text) for c in row] for row in grid.rows]


def only_grid(source: SourceDocument) -> Grid:
    grids = list(source.grids())
    assert len(grids) == 1
    return grids[0]


# -- tables -----------------------------------------------------------------------------------------


def test_cells_are_placed_past_the_rowspans_from_rows_above() -> None:
    page = """<table>
      <tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>人数</td><td>47100人</td></tr>
      <tr><td>次数</td><td>4次</td></tr>
      <tr><td colspan="2">质量指标</td><td>100%</td></tr>
    </table>"""
    grid = only_grid(read(page))
    assert shape(grid) == [
        [(0, 0, 3, 1, "产出指标"), (0, 1, 2, 1, "数量指标"), (0, 2, 1, 1, "人数"), (0, 3, 1, 1, "47100人")],
        [(1, 2, 1, 1, "次数"), (1, 3, 1, 1, "4次")],
        [(2, 1, 1, 2, "质量指标"), (2, 3, 1, 1, "100%")],
    ]
    assert [c.ref for c in grid.rows[1]] == ["table 1 r2c3", "table 1 r2c4"]
    assert grid.ref == "table 1"


def test_spans_are_clipped_to_the_table_and_to_the_browser_maximum() -> None:
    page = '<table><tr><td rowspan="50">a</td><td colspan="99999">b</td></tr><tr><td rowspan="0">c</td></tr></table>'
    grid = only_grid(read(page))
    assert shape(grid) == [[(0, 0, 2, 1, "a"), (0, 1, 1, 1000, "b")], [(1, 1, 1, 1, "c")]]


def test_header_cells_implied_rows_and_row_groups_are_read_like_cells() -> None:
    page = "<table><thead><tr><th>一级指标</th><th>指标值</th></tr></thead><tbody><tr><td>产出</td><td>≥95%</td></tbody></table>"
    assert shape(only_grid(read(page))) == [
        [(0, 0, 1, 1, "一级指标"), (0, 1, 1, 1, "指标值")],
        [(1, 0, 1, 1, "产出"), (1, 1, 1, 1, "≥95%")],
    ]
    assert shape(only_grid(read("<table><td>无行</td><td>x</td></table>"))) == [
        [(0, 0, 1, 1, "无行"), (0, 1, 1, 1, "x")]
    ]


def test_cell_text_keeps_line_breaks_and_collapses_source_white_space() -> None:
    page = """<table><tr><td>
        <p>1.为财政供养的
           事业在编人员投保</p><p>2.稳定&nbsp;&nbsp;队伍</p>第三行<br>第四行
        </td></tr></table>"""
    assert only_grid(read(page)).rows[0][0].text == "1.为财政供养的 事业在编人员投保\n2.稳定 队伍\n第三行\n第四行"


# -- text blocks ------------------------------------------------------------------------------------


def test_text_between_tables_becomes_paragraphs_with_headings_captions_and_the_unit_hint() -> None:
    page = """<html><head><title>不是正文</title><style>td { color: red }</style>
      <script>document.write("<table><tr><td>假</td></tr></table>")</script></head>
      <body><h2>1.医保专项绩效目标表</h2><div>单位：万元</div>
      <table><caption>表一</caption><tr><td>项目名称</td><td>医保</td></tr></table>
      <p>填报人：张三<br>联系电话：123</p>
      <table><tr><td>a</td></tr></table></body></html>"""
    source = read(page)
    blocks = [
        (type(b).__name__, b.text if isinstance(b, Paragraph) else b.ref, getattr(b, "style", None))
        for b in source.blocks
    ]
    assert blocks == [
        ("Paragraph", "1.医保专项绩效目标表", "Heading 2"),
        ("Paragraph", "单位：万元", None),
        ("Paragraph", "表一", "Caption"),
        ("Grid", "table 1", None),
        ("Paragraph", "填报人：张三", None),
        ("Paragraph", "联系电话：123", None),
        ("Grid", "table 2", None),
    ]
    grids = list(source.grids())
    assert grids[0].unit_hint == "万元"
    assert grids[1].unit_hint is None
    assert [b.ref for b in source.blocks if isinstance(b, Paragraph)][:2] == ["paragraph 1", "paragraph 2"]


def test_a_table_holding_tables_is_layout_its_cells_become_paragraphs_in_order() -> None:
    page = """<table class="layout"><tr><td>网站导航</td></tr><tr><td>
        <h3>1.项目绩效目标表</h3>
        <table><tr><td>项目名称</td><td>医保</td></tr></table>
        <p>备注</p></td><td>右栏</td></tr></table>"""
    source = read(page)
    kinds = [b.text if isinstance(b, Paragraph) else b.ref for b in source.blocks]
    assert kinds == ["网站导航", "1.项目绩效目标表", "table 1", "备注", "右栏"]
    assert shape(only_grid(source)) == [[(0, 0, 1, 1, "项目名称"), (0, 1, 1, 1, "医保")]]


def test_a_page_cut_off_inside_a_table_keeps_what_it_has() -> None:
    grid = only_grid(read("<table><tr><td>项目名称</td><td>医保专"))
    assert shape(grid) == [[(0, 0, 1, 1, "项目名称"), (0, 1, 1, 1, "医保专")]]


# -- encodings --------------------------------------------------------------------------------------

PAGE = "<html><body><p>绩效目标：满意度≥90%</p></body></html>"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + PAGE.encode("utf-8"),
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        PAGE.replace("<body>", '<head><meta charset="gbk"></head><body>').encode("gb18030"),
        PAGE.replace(
            "<body>", '<head><meta http-equiv="Content-Type" content="text/html; charset=GB2312"></head><body>'
        ).encode("gb18030"),
        PAGE.encode("gb18030"),  # no declaration, not UTF-8
        PAGE.replace("<body>", '<head><meta charset="utf-8"></head><body>').encode("gb18030"),  # a wrong one
        PAGE.replace("<body>", '<head><meta charset="no-such-codec"></head><body>').encode("utf-8"),
    ],
    ids=["utf8-bom", "utf16-bom", "meta-gbk", "http-equiv-gb2312", "undeclared-gb18030", "wrong-meta", "unknown-meta"],
)
def test_the_encoding_comes_from_bom_meta_or_the_bytes(data: bytes) -> None:
    assert "绩效目标：满意度≥90%" in decode_html(data)
    assert [b.text for b in read(data).blocks if isinstance(b, Paragraph)] == ["绩效目标：满意度≥90%"]


def test_read_bytes_detects_an_html_page_by_its_content() -> None:
    source = read_bytes(PAGE.encode("utf-8"), "no-extension")
    assert source.format == "html"


# -- limits -----------------------------------------------------------------------------------------


def test_more_rows_than_the_limit_stop_the_read_naming_the_table() -> None:
    page = "<p>x</p><table>" + "<tr><td>1</td></tr>" * 20 + "</table>"
    with pytest.raises(LimitExceeded, match="more than 10 rows") as caught:
        read(page, DEFAULT_LIMITS.replace(max_rows=10))
    assert caught.value.path == "page.html" and caught.value.place == "table 1"


def test_spans_count_towards_the_cell_limit() -> None:
    page = '<table><tr><td colspan="1000">a</td></tr><tr><td rowspan="3" colspan="1000">b</td></tr><tr></tr><tr></tr></table>'
    with pytest.raises(LimitExceeded, match="more than 2,500 cells"):
        read(page, DEFAULT_LIMITS.replace(max_cells=2_500))


# -- a published-style page made from a gold reading -----------------------------------------------


def published_page(gold: dict[str, Any]) -> str:
    """The gold tables as a government web page would publish them: layout frame, GB2312, merged cells."""
    parts = [
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        "<title>部门预算绩效目标公开</title><style>td{border:1px solid}</style></head><body>",
        '<table class="frame" width="100%"><tr><td>首页 &gt; 信息公开 &gt; 预算公开</td></tr><tr><td>',
    ]
    for table in gold["tables"]:
        funds = table["funds"]
        parts.append(f'<p align="center"><b>{table["seq"]}.{escape(table["title"])}</b></p>')
        parts.append('<table border="1" cellspacing="0">')
        parts.append(
            f'<tr><td colspan="7">{table["unit_code"]}{escape(table["unit_name"])}</td>'
            f'<td colspan="4">单位：{table["money_unit"]}</td></tr>'
        )
        parts.append(f'<tr><td>项目名称</td><td colspan="10">{escape(table["project_name"])}</td></tr>')
        parts.append(
            '<tr><td rowspan="2">预算规模及资金用途</td><td>预算数</td>'
            f'<td colspan="2">{money(funds["total"])}</td><td colspan="2">其中：财政资金</td>'
            f'<td colspan="2">{money(funds["fiscal"])}</td><td colspan="2">其他资金</td><td>{money(funds["other"])}</td></tr>'
        )
        parts.append(f'<tr><td colspan="10">{escape(table["purpose"])}</td></tr>')
        goals = "<br>".join(f"{i}.{escape(goal)}" for i, goal in enumerate(table["annual_goals"], 1))
        parts.append(f'<tr><td>绩效目标</td><td colspan="10">{goals}</td></tr>')
        parts.append(
            '<tr><th>一级指标</th><th colspan="2">二级指标</th><th colspan="2">三级指标</th>'
            '<th colspan="4">绩效指标描述</th><th colspan="2">指标值</th></tr>'
        )
        for level1, group in groupby(table["indicators"], key=lambda i: i["level1"]):
            rows = list(group)
            first_of_level1 = True
            for level2, subgroup in groupby(rows, key=lambda i: i["level2"]):
                subrows = list(subgroup)
                for k, indicator in enumerate(subrows):
                    cells = ""
                    if first_of_level1:
                        cells += f'<td rowspan="{len(rows)}">{level1}</td>'
                        first_of_level1 = False
                    if k == 0:
                        cells += f'<td rowspan="{len(subrows)}" colspan="2">{level2}</td>'
                    cells += (
                        f'<td colspan="2">{escape(indicator["name"])}</td>'
                        f'<td colspan="4">{escape(indicator["description"] or "")}</td>'
                        f'<td colspan="2">{escape(indicator["value"])}</td>'
                    )
                    parts.append(f"<tr>{cells}</tr>")
        parts.append("</table><p>&nbsp;</p>")
    parts.append('</td></tr><tr><td>主办单位：某区财政局</td></tr></table><script>var x = "<table>";</script>')
    parts.append("</body></html>")
    return "\n".join(parts)


def money(amount: str) -> str:
    """Amounts as web pages print them: thousands separators."""
    if not amount:
        return ""
    whole, _, cents = amount.partition(".")
    return f"{int(whole):,}" + (f".{cents}" if cents else "")


def test_a_published_page_of_the_tianjin_tables_parses_to_the_gold_reading() -> None:
    from jixiao.compare import compare
    from jixiao.parsing import parse_bytes

    gold = json.loads((FIXTURES / "000_tianjin.docx.json").read_text(encoding="utf-8"))
    page = published_page(gold).encode("gb18030")
    source = read_html(page, "000_tianjin.html", DEFAULT_LIMITS)
    grids = list(source.grids())
    assert len(grids) == len(gold["tables"])
    assert grids[0].at(2, 2).text == "37,000,000.00"  # type: ignore[union-attr]

    comparison = compare(gold, parse_bytes(page, "000_tianjin.html").document.to_dict())
    print(f"000_tianjin.html (made from the gold): structure {comparison.structure}  parse {comparison.parse}")
    assert comparison.structure.f1 >= 0.99, comparison.structure.mismatches[:10]
    assert comparison.parse.f1 >= 0.99, comparison.parse.mismatches[:10]


@pytest.mark.libreoffice
def test_libreoffice_html_exports_of_the_word_fixtures_parse_to_their_gold_readings(tmp_path: Path) -> None:
    """HTML as an office suite writes it (styles, <p> in cells, <font>, <col>): the same readings as the .docx."""
    from jixiao.compare import compare
    from jixiao.parsing import parse_file

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to make the HTML exports (Debian: libreoffice-writer-nogui)"
    names = ["000_tianjin", "001_lulong", "002_luan"]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "html",
            "--outdir",
            str(tmp_path),
            *(str(FIXTURES / f"{name}.docx") for name in names),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name in names:
        page = tmp_path / f"{name}.html"
        reading = parse_file(page)
        assert reading.document.source.format == "html"
        gold = json.loads((FIXTURES / f"{name}.docx.json").read_text(encoding="utf-8"))
        comparison = compare(gold, reading.document.to_dict())
        print(f"{page.name} (LibreOffice export): structure {comparison.structure}  parse {comparison.parse}")
        assert comparison.structure.f1 >= 0.99, (name, comparison.structure.mismatches[:10])
        assert comparison.parse.f1 >= 0.99, (name, comparison.parse.mismatches[:10])
