"""Each region's layout as data: page orientation, header form, indicator columns and their labels.

A layout never holds code. The composer (:mod:`jixiao.writers._compose`) turns a document into pages of
paragraphs and tables by reading these records; every format writer (Word, Excel, HTML, PDF via Word)
renders those pages. Adding a region means adding a :class:`Layout` here and, only when its header block
has a new *shape*, a header form in the composer.

``carries`` / ``cannot_carry`` feed ``docs/layouts.md`` and the round-trip tests: a layout carries a field
when writing it and reading the output back gives the field's value again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "INDICATOR_FIELDS",
    "LAYOUTS",
    "TABLE_FIELDS",
    "Column",
    "HeaderForm",
    "Layout",
    "carried",
    "get_layout",
]

HeaderForm = Literal["tianjin", "lulong", "luan", "chongqing", "national"]

#: Every indicator field of ``jixiao/1`` (the parsed ``op``/``number``/``unit`` come from the printed cells).
INDICATOR_FIELDS: tuple[str, ...] = (
    "level1",
    "level2",
    "name",
    "description",
    "value",
    "op",
    "number",
    "unit",
    "overall_value",
    "basis",
    "nature",
    "history",
    "weight",
    "weight_this_year",
    "direction",
)

#: Every table field of ``jixiao/1`` (``funds.*`` as dotted paths).
TABLE_FIELDS: tuple[str, ...] = (
    "kind",
    "seq",
    "title",
    "year",
    "unit_code",
    "unit_name",
    "department",
    "implementing_unit",
    "project_code",
    "project_name",
    "project_attribute",
    "function",
    "manager",
    "manager_phone",
    "money_unit",
    "funds.total",
    "funds.fiscal",
    "funds.other",
    "funds.midterm_total",
    "funds.midterm_fiscal",
    "funds.midterm_other",
    "funds.fiscal_special_account",
    "funds.unit_funds",
    "funds.social_funds",
    "funds.bank_loan",
    "budget_execution_weight",
    "purpose",
    "spending_plan",
    "annual_goals",
    "midterm_goal",
    "midterm_period",
)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the indicator table.

    ``field`` names an :class:`~jixiao.model.Indicator` attribute, or is ``None`` for a column whose every
    row holds ``fill`` (Lu'an's leading 绩效指标 column). ``width`` is relative (about one unit per
    Chinese character at 10.5 pt). ``only_if`` names indicator fields: the column is printed only when
    some indicator of the table has one of them (so a null field stays null, and a clean layout does not
    print empty columns). ``numeric`` columns hold plain decimals written as numbers in Excel.
    """

    field: str | None
    label: str
    width: float
    only_if: tuple[str, ...] = ()
    fill: str = ""
    numeric: bool = False
    align: Literal["left", "center"] = "center"


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    description: str
    header: HeaderForm
    columns: tuple[Column, ...]
    landscape: bool = False
    default_title: str = "绩效目标表"
    numbered_title: bool = True  # print ``seq.`` before the title (``1.基金监管经费f绩效目标表``)
    narrative: bool = False  # print department plans (第一部分 部门整体绩效目标) before the tables
    parts_titles: tuple[str, str, str, str] | None = None  # 第一部分 / its name / 第二部分 / its name
    amount_in_words: bool = False  # print the total in 大写 (人民币…元整)
    labels: dict[str, str] = field(default_factory=dict)
    carries: frozenset[str] = frozenset()
    cannot_carry: dict[str, str] = field(default_factory=dict)

    def label(self, key: str) -> str:
        return self.labels.get(key, _LABELS[key])


# Header labels shared by all layouts; a layout overrides what its region prints differently.
_LABELS: dict[str, str] = {
    "project_name": "项目名称",
    "project_code": "项目编码",
    "unit": "单位信息",
    "department": "主管部门",
    "implementing_unit": "实施单位",
    "project_attribute": "项目属性",
    "function": "职能职责与活动",
    "manager": "项目经办人",
    "manager_phone": "项目经办人电话",
    "budget": "预算规模及资金用途",
    "total": "预算数",
    "fiscal": "其中：财政资金",
    "other": "其他资金",
    "funds_block": "项目资金",
    "midterm_total": "中期资金总额：",
    "midterm_fiscal": "其中：财政拨款",
    "midterm_other": "其他资金",
    "annual_total": "年度资金总额：",
    "annual_fiscal": "其中：财政拨款",
    "annual_other": "其他资金",
    "fiscal_special_account": "财政专户管理资金",
    "unit_funds": "单位资金",
    "social_funds": "社会投入资金",
    "bank_loan": "银行贷款",
    "budget_execution_weight": "预算执行率权重",
    "purpose": "资金用途",
    "spending_plan": "资金支出计划（%）",
    "goals": "绩效目标",
    "annual_goals": "年度目标",
    "midterm_goal": "总体目标",
    "in_words": "资金总额（大写）",
    "money_unit": "单位：",
    "filer": "填报单位（盖章）",
    "year": "年度",
    "project": "预算项目",
    "project_total": "项目总额",
    "project_fiscal": "其中：财政资金",
    "kind": "表类型",
}

_LEVELS = (
    Column("level1", "一级指标", 5),
    Column("level2", "二级指标", 5.5),
    Column("name", "三级指标", 9, align="left"),
)

_ALL_INDICATOR = frozenset(INDICATOR_FIELDS)


def _fields(names: str) -> frozenset[str]:
    return frozenset(names.split())


_DERIVED = frozenset({"op", "number", "unit"})

TIANJIN = Layout(
    name="tianjin",
    description="天津滨海新区 (seed 000): 项目名称, 预算规模及资金用途, 绩效目标, five indicator columns.",
    header="tianjin",
    columns=(*_LEVELS, Column("description", "绩效指标描述", 9, align="left"), Column("value", "指标值", 6)),
    carries=_fields(
        "seq title unit_code unit_name project_name money_unit funds.total funds.fiscal "
        "funds.other purpose annual_goals level1 level2 name description value op number unit "
    ),
    cannot_carry={
        "year, department, implementing_unit, project_code, project_attribute, function, manager, manager_phone": (
            "the Tianjin form has no row for them"
        ),
        "funds.midterm_*, fiscal_special_account, unit_funds, social_funds, bank_loan, budget_execution_weight": (
            "only 预算数 / 财政资金 / 其他资金 are printed"
        ),
        "spending_plan, midterm_goal, midterm_period": "no 资金支出计划 or 中长期目标 rows",
        "overall_value, basis, nature, history, weight, weight_this_year, direction": "five indicator columns only",
        "op, number, unit of a Chongqing-style row": "its 指标性质 and 度量单位 are not printed beside the bare figure",
        "null versus empty": 'a printed empty cell reads back as ""; a field the form always prints is never null',
    },
)

LULONG = Layout(
    name="lulong",
    description="河北卢龙 (seed 001): 第一部分 部门整体绩效目标 narrative, 项目编码, 资金支出计划, 指标值确定依据.",
    header="lulong",
    columns=(
        *_LEVELS,
        Column("description", "绩效指标描述", 8, align="left"),
        Column("value", "指标值", 6),
        Column("basis", "指标值确定依据", 6),
    ),
    narrative=True,
    parts_titles=("第一部分", "部门整体绩效目标", "第二部分", "预算项目绩效目标"),
    carries=TIANJIN.carries | {"project_code", "spending_plan", "basis", "department_plans"},
    cannot_carry={
        "year, department, implementing_unit, project_attribute, function, manager, manager_phone": (
            "the Lulong form has no row for them"
        ),
        "funds.midterm_*, fiscal_special_account, unit_funds, social_funds, bank_loan, budget_execution_weight": (
            "only 预算数 / 财政资金 / 其他资金 are printed"
        ),
        "midterm_goal, midterm_period": "no 中长期目标 row",
        "overall_value, nature, history, weight, weight_this_year, direction": "six indicator columns only",
        "op, number, unit of a Chongqing-style row": "its 指标性质 and 度量单位 are not printed beside the bare figure",
        "department_plans[].unit_name, department_plans[].year": "the narrative part prints headings and text only",
    },
)

LUAN = Layout(
    name="luan",
    description="安徽六安 (seed 002): 批复表 with 中期 and 年度 funds and 中长期 / 本年度 values side by side.",
    header="luan",
    columns=(
        Column(None, "", 2.2, fill="绩效指标"),
        Column("level1", "一级指标", 5),
        Column("level2", "二级指标", 5),
        Column("name", "三级指标", 8, align="left"),
        Column("overall_value", "中长期指标值", 6.5),
        Column("level2", "二级指标", 5),
        Column("name", "三级指标", 8, align="left"),
        Column("value", "本年度指标值", 6.5),
    ),
    default_title="部门预算财政支出绩效目标批复表",
    numbered_title=False,
    labels={"funds_block": "项目资金", "filer": "填报单位（盖章）"},
    carries=_fields(
        "title year implementing_unit project_name project_attribute money_unit funds.total "
        "funds.fiscal funds.other funds.midterm_total funds.midterm_fiscal funds.midterm_other "
        "annual_goals midterm_goal midterm_period level1 level2 name value op number unit "
        "overall_value "
    ),
    cannot_carry={
        "seq": "the 批复表 title is not numbered",
        "unit_code, unit_name": "填报单位 is left for the stamp",
        "department, project_code, function, manager, manager_phone, budget_execution_weight": "no row for them",
        "purpose, spending_plan": "no 资金用途 or 资金支出计划 row",
        "fiscal_special_account, unit_funds, social_funds, bank_loan": "only 财政拨款 / 其他资金 are printed",
        "description, basis, nature, history, weight, weight_this_year, direction": "not printed",
        "op, number, unit of a Chongqing-style row": "its 指标性质 and 度量单位 are not printed beside the bare figure",
        "level2 / name per side": "one 二级指标 and 三级指标 per indicator, printed on both sides",
    },
)

CHONGQING = Layout(
    name="chongqing",
    description="重庆长寿 (seed 003): label：value header cells, 指标性质 / 度量单位 / 权重 / 方向 columns, landscape.",
    header="chongqing",
    columns=(
        Column("level1", "一级指标", 4.5),
        Column("level2", "二级指标", 6),
        Column("name", "三级指标", 14, align="left"),
        Column("nature", "指标性质", 3),
        Column("history", "历史参考值", 3.5, numeric=True),
        Column("overall_value", "指标值", 3.5, numeric=True),
        Column("value", "本年指标值", 3.5, numeric=True),
        Column("unit", "度量单位", 3),
        Column("weight", "权重(%)", 3, numeric=True),
        Column("weight_this_year", "本年权重(%)", 3.5, numeric=True),
        Column("direction", "指标方向性", 4),
    ),
    landscape=True,
    numbered_title=False,
    labels={"unit": "单位信息", "fiscal": "其中：财政资金"},
    carries=_fields(
        "title unit_code unit_name department project_code project_name function manager "
        "manager_phone money_unit funds.total funds.fiscal funds.fiscal_special_account "
        "funds.unit_funds funds.social_funds funds.bank_loan budget_execution_weight annual_goals "
        "level1 level2 name value op number unit overall_value nature history weight "
        "weight_this_year direction "
    ),
    cannot_carry={
        "seq": "the title is not numbered",
        "year, implementing_unit, project_attribute": "no cell for them",
        "funds.other, funds.midterm_*": "only 项目总额 / 财政资金 and the four source cells are printed",
        "purpose, spending_plan, midterm_goal, midterm_period": "no cell for them",
        "description, basis": "not printed",
        "annual_goals (several)": "printed in one 年度目标 cell; several goals read back as one",
    },
)

NATIONAL = Layout(
    name="national",
    description="A clean layout carrying every field of the model; rows and columns a table does not use are left out.",
    header="national",
    columns=(
        *_LEVELS,
        Column("description", "绩效指标描述", 8, only_if=("description",), align="left"),
        Column("overall_value", "中长期指标值", 5, only_if=("overall_value",)),
        Column("value", "指标值", 5),
        Column("unit", "度量单位", 3.5, only_if=("nature",)),
        Column("basis", "指标值确定依据", 6, only_if=("basis",)),
        Column("nature", "指标性质", 3.5, only_if=("nature",)),
        Column("history", "历史参考值", 4, only_if=("history",)),
        Column("weight", "权重(%)", 3.5, only_if=("weight",)),
        Column("weight_this_year", "本年权重(%)", 4, only_if=("weight_this_year",)),
        Column("direction", "指标方向性", 4, only_if=("direction",)),
    ),
    landscape=True,
    narrative=True,
    parts_titles=("第一部分", "部门整体绩效目标", "第二部分", "预算项目绩效目标"),
    amount_in_words=True,
    carries=frozenset(TABLE_FIELDS) - {"kind"} | _ALL_INDICATOR | {"department_plans"},
    cannot_carry={
        "kind": "every table is printed as a 绩效目标表",
        "department_plans[].unit_name, department_plans[].year": (
            "printed as a line under 部门整体绩效目标, which the interpreter does not read back"
        ),
        "source, findings, source_ref, parts, deadline": "not part of a printed table (parts/deadline are re-derived)",
    },
)

LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (NATIONAL, TIANJIN, LULONG, LUAN, CHONGQING)}


def get_layout(name: str) -> Layout:
    """The layout called ``name``; ``KeyError`` names the known ones."""
    try:
        return LAYOUTS[name]
    except KeyError:
        raise KeyError(f"unknown layout {name!r}; known: {', '.join(LAYOUTS)}") from None


def carried(data: dict[str, Any], layout: Layout, *, reference: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``jixiao/1`` document (as plain data) reduced to the fields ``layout`` carries.

    Every other field becomes null (a list: empty), so that two documents compare equal exactly when
    they agree on what the layout prints. Keys starting with ``_`` (the gold's ``_ambiguous``) are kept.
    A Chongqing-style row (its comparator in 指标性质, its unit in 度量单位) keeps ``op``/``number``/``unit``
    only in a layout that prints those columns: elsewhere its printed value (``95``) no longer says them.
    Which rows are Chongqing-style is read from ``reference`` (the document that was written) when given,
    so that the reading of a written document is reduced exactly like the original.
    """
    out = dict(data)
    if "department_plans" not in layout.carries:
        out["department_plans"] = []
    else:  # headings and text; no layout prints the plan's own unit and year in a form read back
        out["department_plans"] = [
            {**plan, "unit_name": None, "year": None} for plan in data.get("department_plans", [])
        ]
    tables = []
    ref_tables = (reference if reference is not None else data).get("tables", [])
    for t_index, table in enumerate(data.get("tables", [])):
        ref_inds = ref_tables[t_index].get("indicators", []) if t_index < len(ref_tables) else []
        t = dict(table)
        for key in TABLE_FIELDS:
            if key in layout.carries:
                continue
            if key.startswith("funds."):
                t["funds"] = {**t.get("funds", {}), key[6:]: None}
            else:
                t[key] = [] if key in ("spending_plan", "annual_goals") else None
        t["indicators"] = [
            _carried_indicator(ind, layout, ref_inds[i] if i < len(ref_inds) else ind)
            for i, ind in enumerate(table.get("indicators", []))
        ]
        tables.append(t)
    out["tables"] = tables
    return out


def _carried_indicator(indicator: dict[str, Any], layout: Layout, reference: dict[str, Any]) -> dict[str, Any]:
    out = {k: (v if k not in INDICATOR_FIELDS or k in layout.carries else None) for k, v in indicator.items()}
    if reference.get("nature") is not None and "nature" not in layout.carries:
        out.update(op=None, number=None, unit=None)
    return out


_DOC_HEAD = """# Layouts of the official documents

`jixiao export FILE --to docx|xlsx|pdf|html --layout L` and `jixiao.writers.write(document, path, to=…,
layout=L)` print a `jixiao/1` document in one region's layout. Each layout is data in
`src/jixiao/writers/layouts.py`; this page is generated from it (`.venv/bin/python -c "from
jixiao.writers.layouts import layouts_markdown as m; print(m(), end='')" > docs/layouts.md`), and
`tests/writers/test_docs.py` fails when it is stale.

**Carries** lists the fields that come back unchanged when the output is read again
(`parse(export(doc))`, checked for .docx, .xlsx and .pdf on the four gold documents by
`tests/writers/test_roundtrip.py`). Every layout prints the title, 一级/二级 indicator cells merged over
their runs, the indicator header repeated on every page, A4 pages (landscape where the table is wide),
宋体 text and 黑体 titles, page numbers. In every layout a field printed as an empty cell reads back as
`""`, not `null`; `op`/`number`/`unit` are read again from the printed value. .csv and .json ignore the
layout: .csv is the analysts' flat form (one row per indicator, the table's fields repeated), .json the
document itself. An .xlsx ends with the same flat form as an extra sheet, 指标明细 (leave it out with
`--no-flat-sheet`, `flat_sheet=False`); reading the workbook back skips that sheet, since it repeats the tables.

**PDF** is made by LibreOffice from the .docx (`write_pdfs` converts any number of documents with one
LibreOffice start; each call has its own profile, a time limit after which LibreOffice is killed, and a
check that every PDF exists). Fonts: `FONTCONFIG_FILE` points LibreOffice at a generated fontconfig file
that loads the system's configuration plus `src/jixiao/writers/fonts/65-jixiao-cn-aliases.conf`, which
maps 宋体/仿宋/楷体 (and SimSun, FangSong_GB2312 …) to Noto Serif CJK SC and 黑体/微软雅黑 to Noto Sans CJK
SC; without it fontconfig picks DejaVu and then Noto CJK **JP** glyphs. Needs `fonts-noto-cjk`; a site that
owns the Windows fonts installs them and they are used instead. The same alias file may be copied to
`/etc/fonts/conf.d/` for other programs.

**HTML** is a printable page (A4, header rows repeated when printed); `jixiao.writers.html_fragment`
gives the same pages without the page around them, for the web app's table page.
"""


def layouts_markdown() -> str:
    """``docs/layouts.md``: per layout the fields it carries and those it cannot carry, and why."""
    out = [_DOC_HEAD]
    for layout in LAYOUTS.values():
        table_fields = [f for f in TABLE_FIELDS if f in layout.carries]
        indicator_fields = [f for f in INDICATOR_FIELDS if f in layout.carries]
        columns = " | ".join(c.label or c.fill for c in layout.columns)
        out.append(f"\n## `{layout.name}`\n\n{layout.description}\n")
        out.append(f"- Page: A4 {'landscape' if layout.landscape else 'portrait'}; title "
                   f"{'numbered (`1.` …)' if layout.numbered_title else 'not numbered'}"
                   f"{'; 大写 amount' if layout.amount_in_words else ''}"
                   f"{'; 第一部分 部门整体绩效目标 before the tables' if layout.narrative else ''}.")  # fmt: skip
        out.append(f"- Indicator columns: {columns}"
                   + (" (a column is printed only when some indicator of the table has that field)"
                      if any(c.only_if for c in layout.columns) else "") + ".")  # fmt: skip
        out.append(f"- Carries, table: {', '.join(f'`{f}`' for f in table_fields)}"
                   + (", `department_plans` (headings and text)" if "department_plans" in layout.carries else "")
                   + ".")  # fmt: skip
        out.append(f"- Carries, indicators: {', '.join(f'`{f}`' for f in indicator_fields)}.")
        out.append("- Cannot carry:")
        for fields, why in layout.cannot_carry.items():
            out.append(f"  - {fields}: {why}.")
    return "\n".join(out) + "\n"
