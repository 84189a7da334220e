"""The self-evaluation layouts: 项目支出绩效自评表 (central layout) and 部门整体支出绩效自评表.

A written self-evaluation table must read back as the document (``parse(export(doc))``) in .docx, .xlsx,
.html and .pdf, scored by the core's comparator on structure, parse and evaluation. The reading of
self-evaluation tables is the interpreter's (``jixiao.interpret``); until it reads the published tables'
evaluation fields, the round trips are expected to fail and are marked so, by a check made at run time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jixiao.compare import compare
from jixiao.model import Document
from jixiao.parsing import parse_file
from jixiao.writers import render_bytes
from jixiao.writers._compose import Table, compose, pages_text
from jixiao.writers.layouts import carried, get_layout, layout_for, registered

GOLD = Path(__file__).parents[1] / "data" / "gold-selfeval"
GOLD_FILES = {p.name.removesuffix(".json"): p for p in sorted(GOLD.glob("*.json"))}
PUBLISHED = {fmt: GOLD / f"010_selfeval_tables.{fmt}" for fmt in ("docx", "xlsx")}
FORMATS = ("docx", "xlsx", "html", pytest.param("pdf", marks=pytest.mark.libreoffice))


def _gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD_FILES[name].read_text(encoding="utf-8"))
    return data


def department_document() -> Document:
    """A department's 部门整体支出绩效自评表 with a task grid, the funds grid ①–⑦, indicators, total and grade."""
    indicator = {"level1": "产出指标", "level2": "数量指标", "max_score": "10", "deviation": ""}
    return Document.from_dict(
        {
            "source": {"name": "department.json", "format": "text"},
            "tables": [
                {
                    "kind": "self_evaluation",
                    "subject": "department",
                    "title": "某某委员会2024年度部门整体支出绩效自评表",
                    "year": 2024,
                    "unit_name": "某某委员会",
                    "money_unit": "万元",
                    "tasks": [
                        {
                            "name": "学前教育",
                            "content": "保证委直属单位学前教育支出。",
                            "status": "基本任务完成",
                            "budget": {"total": "1292.55", "fiscal": "1182.59", "other": "109.96"},
                            "executed": {"total": "1263.33", "fiscal": "1182.59", "other": "80.74"},
                            "max_score": "0.58",
                            "rate": "97.74",
                            "score": "0.58",
                        }
                    ],
                    "execution": [
                        {"label": "金额合计", "adjusted_budget": "1292.55", "executed": "1263.33",
                         "max_score": "10", "rate": "97.74", "score": "9.77"},
                        {"label": "合计", "initial_budget": "1200.00", "adjustment": "92.55",
                         "adjusted_budget": "1292.55", "executed": "1263.33", "rate": "97.74",
                         "balance": "29.22", "balance_rate": "2.26", "max_score": "--", "score": "--"},
                        {"label": "财政资金小计", "initial_budget": "1100.00", "adjustment": "82.59",
                         "adjusted_budget": "1182.59", "executed": "1182.59", "rate": "100.00",
                         "balance": "0.00", "balance_rate": "0.00", "max_score": "--", "score": "--"},
                        {"label": "③地方", "initial_budget": "1100.00", "adjustment": "82.59",
                         "adjusted_budget": "1182.59", "executed": "1182.59", "rate": "100.00",
                         "balance": "0.00", "balance_rate": "0.00", "max_score": "--", "score": "--"},
                    ],
                    "annual_goals": ["保障学前教育运转。"],
                    "goals_achieved": "学前教育运转正常。",
                    "indicators": [
                        {**indicator, "name": "在园幼儿数", "value": "≥1200人", "op": ">=", "number": "1200",
                         "unit": "人", "actual": "1260人", "actual_number": "1260", "actual_unit": "人",
                         "score": "10"},
                        {**indicator, "name": "新增学位数", "value": "≥100个", "op": ">=", "number": "100",
                         "unit": "个", "actual": "80个", "actual_number": "80", "actual_unit": "个", "score": "8",
                         "deviation": "两所园区改扩建延期；次年一季度完工"},
                    ],
                    "total_max_score": "30",
                    "total_score": "27.77",
                    "grade": "优",
                }
            ],
        }
    )  # fmt: skip


def transfer_document(*, scored: bool = False) -> Document:
    """A 转移支付 自评表: sources of the money, 资金管理情况, goals, indicators (with points when ``scored``)."""
    points = {"max_score": "45", "score": "45"} if scored else {}
    totals = {"total_max_score": "90", "total_score": "90"} if scored else {}
    return Document.from_dict(
        {
            "source": {"name": "transfer.json", "format": "text"},
            "tables": [
                {
                    "kind": "self_evaluation",
                    "subject": "transfer_payment",
                    "title": "2024年度中央对地方转移支付区域绩效自评表",
                    "year": 2024,
                    "project_name": "某转移支付",
                    "department": "某部",
                    "implementing_unit": "某市局",
                    "money_unit": "万元",
                    "execution": [
                        {"label": "年度资金总额", "adjusted_budget": "100", "executed": "80", "rate": "80"},
                        {"label": "其中：中央财政资金", "adjusted_budget": "60", "executed": "50", "rate": "83.33"},
                        {"label": "地方资金", "adjusted_budget": "40", "executed": "30", "rate": "75"},
                    ],
                    "fund_management": [
                        {"item": "分配科学性", "description": "资金分配科学", "problems": "暂无"},
                        {"item": "下达及时性", "description": "按时下达", "problems": "暂无"},
                    ],
                    "annual_goals": ["目标1：改造道路10公里。"],
                    "goals_achieved": "改造道路12公里。",
                    "indicators": [
                        {"level1": "产出指标", "level2": "数量指标", "name": "道路改造里程", "value": "≥10公里",
                         "op": ">=", "number": "10", "unit": "公里", "actual": "12公里", "actual_number": "12",
                         "actual_unit": "公里", "deviation": "", **points},
                        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度",
                         "value": "≥90%", "op": ">=", "number": "90", "unit": "%", "actual": "88%",
                         "actual_number": "88", "actual_unit": "%", "deviation": "部分路段施工扰民", **points},
                    ],
                    **totals,
                }
            ],
        }
    )  # fmt: skip


def _reads_self_evaluation() -> bool:
    """Whether the interpreter reads the evaluation fields of the published self-evaluation table at all."""
    ours = parse_file(PUBLISHED["docx"]).document.to_dict()
    return compare(_gold("010_selfeval_tables.docx"), ours).evaluation.true_positives > 0


@pytest.fixture(scope="module")
def reader_ready() -> bool:
    return _reads_self_evaluation()


@pytest.fixture(scope="module")
def selfeval_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every gold document and the department document as PDF, made by one LibreOffice start."""
    from jixiao.writers import write_pdfs

    work = tmp_path_factory.mktemp("selfeval-pdf")
    documents = {name: Document.from_dict(_gold(name)) for name in GOLD_FILES}
    documents["department"] = department_document()
    documents["transfer"] = transfer_document()
    targets = {name: work / f"{name}.pdf" for name in documents}
    write_pdfs([(documents[name], targets[name]) for name in documents])
    return targets


def _written(document: Document, to: str, tmp_path: Path, pdfs: dict[str, Path] | None, name: str) -> Path:
    if to == "pdf":
        assert pdfs is not None
        return pdfs[name]
    target = tmp_path / f"{name}.{to}"
    target.write_bytes(render_bytes(document, to=to, layout="national"))
    return target


def _round_trip(gold: dict[str, Any], written: Path) -> tuple[tuple[float, float, float], list[str]]:
    ours = parse_file(written).document.to_dict()
    layout = get_layout("national")
    result = compare(carried(gold, layout), carried(ours, layout, reference=gold))
    wrong = [f"{m.path}: {m.gold!r} -> {m.ours!r}" for m in result.mismatches]
    return (result.structure.f1, result.parse.f1, result.evaluation.f1), wrong


# --------------------------------------------------------------------------------------------- composing


def test_self_evaluation_layouts_are_registered_after_the_target_layouts() -> None:
    names = list(registered())
    assert names.index("selfeval_project") > names.index("chongqing")
    assert get_layout("selfeval_project").label == "项目支出绩效自评表"
    assert get_layout("selfeval_department").label == "部门整体支出绩效自评表"


@pytest.mark.parametrize("chosen", ["national", "tianjin", "chongqing", "selfeval_department"])
def test_a_self_evaluation_table_prints_in_its_own_layout_whatever_layout_is_chosen(chosen: str) -> None:
    document = Document.from_dict(_gold("010_selfeval_tables.docx"))
    department = department_document()
    assert layout_for(document.tables[0], get_layout(chosen)).name == "selfeval_project"
    assert layout_for(department.tables[0], get_layout(chosen)).name == "selfeval_department"
    text = pages_text(compose(document, get_layout(chosen)))
    for label in ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "预期目标", "实际完成情况",
                  "实际完成值", "偏差原因分析及改进措施", "总分", "100.00%"):  # fmt: skip
        assert label in text, label


def _covers_grid_once(table: Table) -> bool:
    covered = [(r, c) for cell in table.cells for r in range(cell.row, cell.row + cell.rowspan)
               for c in range(cell.col, cell.col + cell.colspan)]  # fmt: skip
    return len(covered) == len(set(covered)) == table.n_rows * table.n_cols


def test_every_grid_position_of_a_self_evaluation_table_is_one_cell() -> None:
    documents = [Document.from_dict(_gold(name)) for name in GOLD_FILES]
    documents += [department_document(), transfer_document(), transfer_document(scored=True)]
    for document in documents:
        for page in compose(document, get_layout("national")):
            grids = [b for b in page.blocks if isinstance(b, Table)]
            assert len(grids) == 1 and _covers_grid_once(grids[0]), page.name


def test_the_department_table_prints_tasks_funds_total_and_grade() -> None:
    pages = compose(department_document(), get_layout("national"))
    text = pages_text(pages)
    for label in ("部门（单位）名称", "任务名称", "完成情况", "全年预算数（万元）", "财政拨款", "年初预算安排金额①",
                  "小计③=①+②", "资金结余率⑦", "财政资金小计", "金额合计", "总分值", "评价总分（S）", "评价等级",
                  "1263.33", "97.74%", "2.26%", "优"):  # fmt: skip
        assert label in text, label
    assert pages[0].landscape


# --------------------------------------------------------------------------------------------- reading back


@pytest.mark.parametrize("to", ["docx", "xlsx", "html"])
@pytest.mark.parametrize("published", ["docx", "xlsx"])
def test_a_written_table_reads_as_the_published_one(tmp_path: Path, published: str, to: str) -> None:
    """Whatever the interpreter makes of the published table, it makes the same of ours (all three scores)."""
    theirs = parse_file(PUBLISHED[published]).document
    gold = Document.from_dict(_gold(f"010_selfeval_tables.{published}"))
    written = tmp_path / f"ours.{to}"
    written.write_bytes(render_bytes(gold, to=to))
    ours = parse_file(written).document
    result = compare(theirs.to_dict(), ours.to_dict())
    wrong = [f"{m.path}: {m.gold!r} -> {m.ours!r}" for m in result.mismatches]
    assert (result.structure.f1, result.parse.f1, result.evaluation.f1) == (1.0, 1.0, 1.0), "\n".join(wrong[:20])


@pytest.mark.parametrize("to", ["docx", "xlsx", "html"])
def test_level1_points_grade_conclusion_and_execution_note_of_a_project_table_read_back(
    tmp_path: Path, to: str
) -> None:
    gold = _gold("010_selfeval_tables.docx")
    gold["tables"][0].update(
        level1_max_scores={"成本指标": "20", "产出指标": "40", "效益指标": "20", "满意度指标": "10"},
        execution_note="结余0.58万元，系培训费节约。",
        grade="优",
        conclusion="项目完成良好。",
        problems="个别指标缺少数据支撑。",
        improvements="加强数据采集。",
    )
    written = tmp_path / f"extras.{to}"
    written.write_bytes(render_bytes(Document.from_dict(gold), to=to))
    assert "产出指标（40分）" in pages_text(compose(Document.from_dict(gold), get_layout("national")))
    scores, wrong = _round_trip(gold, written)
    assert scores == (1.0, 1.0, 1.0), "\n".join(wrong[:20])


@pytest.mark.parametrize(
    ("to", "scored"),
    [
        *((to, False) for to in ("docx", "xlsx", "html")),
        pytest.param("pdf", False, marks=pytest.mark.libreoffice),  # one PDF batch: the unscored form
        *((to, True) for to in ("docx", "xlsx", "html")),
    ],
)
def test_a_transfer_payment_self_evaluation_reads_back_as_the_document(
    request: pytest.FixtureRequest, tmp_path: Path, to: str, scored: bool
) -> None:
    """Sources of the money, 资金管理情况 and unscored or scored indicator rows (分值 / 得分 printed only then)."""
    pdfs = request.getfixturevalue("selfeval_pdfs") if to == "pdf" else None
    document = transfer_document(scored=scored)
    assert layout_for(document.tables[0], get_layout("tianjin")).name == "selfeval_transfer"
    written = _written(document, to, tmp_path, pdfs, "transfer")
    scores, wrong = _round_trip(document.to_dict(), written)
    assert scores == (1.0, 1.0, 1.0), "\n".join(wrong[:20])


@pytest.fixture(scope="module")
def published_pdf_reading() -> Document:
    return parse_file(Path(__file__).parents[1] / "data" / "real-world" / "010_gjxfj_2024_final_accounts.pdf").document


@pytest.mark.parametrize("to", ["docx", "xlsx", "html"])
def test_the_self_evaluation_tables_of_a_published_pdf_exported_read_as_the_pdf_did(
    published_pdf_reading: Document, tmp_path: Path, to: str
) -> None:
    """parse(export(parse(pdf))) == parse(pdf): whatever the reading of the 决算 holds survives the export."""
    assert any(t.kind == "self_evaluation" for t in published_pdf_reading.tables)
    written = tmp_path / f"010.{to}"
    written.write_bytes(render_bytes(published_pdf_reading, to=to))
    again = parse_file(written).document
    result = compare(published_pdf_reading.to_dict(), again.to_dict())
    wrong = [f"{m.path}: {m.gold!r} -> {m.ours!r}" for m in result.mismatches]
    assert (result.structure.f1, result.parse.f1, result.evaluation.f1) == (1.0, 1.0, 1.0), "\n".join(wrong[:20])


@pytest.mark.parametrize("to", FORMATS)
@pytest.mark.parametrize("name", list(GOLD_FILES))
def test_gold_self_evaluation_reads_back_as_the_document(
    request: pytest.FixtureRequest, reader_ready: bool, tmp_path: Path, name: str, to: str
) -> None:
    pdfs = request.getfixturevalue("selfeval_pdfs") if to == "pdf" else None
    gold = _gold(name)
    written = _written(Document.from_dict(gold), to, tmp_path, pdfs, name)
    scores, wrong = _round_trip(gold, written)
    if not reader_ready:
        pytest.xfail("the interpreter does not read self-evaluation fields yet (jixiao.interpret, issue #12)")
    assert scores == (1.0, 1.0, 1.0), "\n".join(wrong[:20])


@pytest.mark.parametrize("to", FORMATS)
def test_a_department_self_evaluation_reads_back_as_the_document(
    request: pytest.FixtureRequest, tmp_path: Path, to: str
) -> None:
    pdfs = request.getfixturevalue("selfeval_pdfs") if to == "pdf" else None
    document = department_document()
    written = _written(document, to, tmp_path, pdfs, "department")
    scores, wrong = _round_trip(document.to_dict(), written)
    read = parse_file(written).document.tables
    missing = [
        reason
        for reason, lacking in (
            ("the task grid's 全年执行数 amounts", not read or not read[0].tasks or read[0].tasks[0].executed is None),
            (
                "the task grid's 金额合计 as an execution line",
                not read or "金额合计" not in [e.label for e in read[0].execution],
            ),
            ("部门（单位）名称 (unit_name)", not read or read[0].unit_name is None),
        )
        if lacking
    ]
    if missing:
        pytest.xfail(f"the interpreter does not read {' or '.join(missing)} yet (issue #12)")
    assert scores == (1.0, 1.0, 1.0), "\n".join(wrong[:20])


@pytest.mark.parametrize("to", ["docx", "xlsx", "html"])
def test_the_funds_grid_indicators_totals_and_grade_of_a_department_table_read_back(tmp_path: Path, to: str) -> None:
    """The department table without its task grid, the part not read back in full yet."""
    table = department_document().tables[0]
    funds_only = table.model_copy(update={"tasks": [], "execution": table.execution[1:]})
    document = department_document().model_copy(update={"tables": [funds_only]})
    written = tmp_path / f"department.{to}"
    written.write_bytes(render_bytes(document, to=to))
    scores, wrong = _round_trip(document.to_dict(), written)
    assert scores == (1.0, 1.0, 1.0), "\n".join(wrong[:20])
