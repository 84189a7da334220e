"""The clean table and the loader of the rule cases kept as data in ``tests/rules/cases/RNN.toml``.

A case patches the clean table (a table that satisfies every rule) and says which findings the rule under
test must report::

    rule = "R06"

    [[cases]]
    name = "fail_rate_under_quantity"
    rows = { "0" = { name = "问题回查率（%）", value = "≥90%" } }      # patch row 0 of the clean table
    expect = [{ severity = "warning", indicator = 0, field = "level2" }]

Keys of a case: ``name`` (``pass_*`` / ``fail_*``), ``profile``, ``table`` (fields merged over the table;
``funds`` merged key by key), ``rows`` (row index → fields merged over that row), ``add_rows`` (rows
appended, merged over ``BLANK_ROW``), ``drop_rows`` (indices removed), ``extra_tables`` (more tables, each
``{table = …, rows = …}`` over the clean table), ``expect`` (findings of the rule under test; each may give
``severity``, ``table`` (default 0), ``indicator``, ``field``), ``unset`` (dotted table fields the form does
not print at all: ``None``, unlike a blank ``""``). When a patched row sets ``value`` but not
``op``/``number``/``unit``, those are read from the value with :func:`jixiao.values.parse_value`, as the
reader would (``actual`` likewise fills ``actual_number``/``actual_unit``). ``base = "self_evaluation"``
starts from the clean self-evaluation table (``_selfeval_table.py``) instead; ``execution`` (line index →
fields) patches its 预算执行情况 lines.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.model import Document
from jixiao.values import parse_value
from tests.rules._selfeval_table import clean_self_evaluation

CASES = Path(__file__).parent / "cases"


def _row(level1: str, level2: str, name: str, description: str, value: str, weight: str) -> dict[str, Any]:
    parsed = parse_value(value)
    return {
        "level1": level1,
        "level2": level2,
        "name": name,
        "description": description,
        "value": value,
        "op": parsed.op,
        "number": parsed.number,
        "unit": parsed.unit,
        "weight": weight,
    }


#: A table that satisfies every rule of the catalogue under the default profile (national-2020).
CLEAN_TABLE: dict[str, Any] = {
    "kind": "project_target",
    "seq": 1,
    "title": "2024年医保基金监管经费绩效目标表",
    "year": 2024,
    "unit_code": "450001",
    "unit_name": "某县医疗保障局",
    "project_code": "13032424P00442810283Y",
    "project_name": "2024年医保基金监管经费",
    "money_unit": "万元",
    "funds": {"total": "30.00", "fiscal": "30.00", "other": "0"},
    "budget_execution_weight": "10",
    "purpose": "用于定点医药机构现场检查、第三方专项审计和政策宣传。",
    "spending_plan": [
        {"label": "3月底", "percent": "25"},
        {"label": "6月底", "percent": "50"},
        {"label": "10月底", "percent": "75"},
        {"label": "12月底", "percent": "100"},
    ],
    "annual_goals": ["完成212家定点医药机构现场检查，检查覆盖率=100%，违规基金追回率≥95%，参保人员满意度≥90%。"],
    "indicators": [
        _row(
            "产出指标",
            "数量指标",
            "现场检查定点医药机构数",
            "全年现场检查的定点医院、诊所和药店家数（监管科台账）",
            "≥212家",
            "15",
        ),
        _row("产出指标", "质量指标", "定点医药机构检查覆盖率", "已检查机构数占定点医药机构总数的比例", "100%", "15"),
        _row(
            "产出指标", "时效指标", "年度检查完成时间", "全部现场检查结束并出具处理意见的期限", "2024年11月30日前", "10"
        ),
        _row("产出指标", "成本指标", "项目总成本", "检查、审计和宣传的全部支出", "≤30万元", "5"),
        _row("产出指标", "成本指标", "单家机构检查成本", "现场检查支出除以检查家数", "≤1200元/家", "5"),
        _row("效益指标", "社会效益指标", "违规基金追回率", "已追回违规基金占查实违规基金的比例", "≥95%", "30"),
        _row("满意度指标", "服务对象满意度指标", "参保人员满意度", "年末抽样问卷中满意和较满意的比例", "≥90%", "10"),
    ],
}

BLANK_ROW: dict[str, Any] = {"level1": "产出指标", "level2": "数量指标", "name": "新增指标", "value": "≥1个"}


def clean_table() -> dict[str, Any]:
    return copy.deepcopy(CLEAN_TABLE)


def document(*tables: dict[str, Any]) -> Document:
    return Document.from_dict(
        {
            "schema": "jixiao/1",
            "source": {"name": "case.json", "format": "text"},
            "tables": list(tables) or [clean_table()],
        }
    )


def _patch_row(row: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    row = {**row, **patch}
    if "value" in patch and not {"op", "number", "unit"} & set(patch):
        parsed = parse_value(patch["value"])
        row.update(op=parsed.op, number=parsed.number, unit=parsed.unit)
    if "actual" in patch and not {"actual_number", "actual_unit"} & set(patch):
        done = parse_value(patch["actual"])
        row.update(actual_number=done.number, actual_unit=done.unit)
    return row


def _table(spec: dict[str, Any]) -> dict[str, Any]:
    table = clean_self_evaluation() if spec.get("base") == "self_evaluation" else clean_table()
    patch = dict(spec.get("table", {}))
    funds = patch.pop("funds", None)
    table.update(patch)
    if funds is not None:
        table["funds"] = {**table["funds"], **funds}
    rows: list[dict[str, Any]] = table["indicators"]
    for index, row_patch in spec.get("rows", {}).items():
        rows[int(index)] = _patch_row(rows[int(index)], row_patch)
    for extra in spec.get("add_rows", []):
        rows.append(_patch_row(dict(BLANK_ROW), {**BLANK_ROW, **extra}))
    for index in sorted(spec.get("drop_rows", []), reverse=True):
        del rows[index]
    for index, line_patch in spec.get("execution", {}).items():
        table["execution"][int(index)] = {**table["execution"][int(index)], **line_patch}
    for path in spec.get("unset", []):  # fields the table does not print at all (None, unlike a blank "")
        *parents, leaf = path.split(".")
        target = table
        for key in parents:
            target = target[key]
        target[leaf] = None
    return table


@dataclass
class Case:
    rule: str
    name: str
    spec: dict[str, Any]
    profile: str = "national-2020"
    expect: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"

    def document(self) -> Document:
        tables = [_table(self.spec)] + [_table(extra) for extra in self.spec.get("extra_tables", [])]
        return document(*tables)


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        rule = data["rule"]
        assert path.stem == rule, f"{path.name} must hold the cases of {path.stem}"
        for spec in data["cases"]:
            cases.append(
                Case(
                    rule=rule,
                    name=spec["name"],
                    spec=spec,
                    profile=spec.get("profile", "national-2020"),
                    expect=spec.get("expect", []),
                )
            )
    return cases
