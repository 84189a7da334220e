"""What a layout is: a named, registered description of one printed form and its table composer.

Each layout lives in its own module under :mod:`jixiao.writers.layouts` and declares a :class:`Layout`
called ``LAYOUT``; the registry finds it there. A layout says which tables it prints (their ``kind`` and
``subject``), which fields of ``jixiao/1`` come back when its output is read again (``carries``) and why
each other field does not (``not_carried``), and how one table is composed beneath its title (``body``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from jixiao.model import Subject, TableKind

if TYPE_CHECKING:
    from jixiao.model import TargetTable
    from jixiao.writers._blocks import Block

__all__ = ["DEFAULT_LABELS", "TARGET_TABLES", "Column", "Layout", "TableComposer", "TableSort"]

#: ``(kind, subject)`` of the tables a layout prints; a ``None`` subject matches any subject.
TableSort = tuple[TableKind, Subject | None]

#: The blocks of one table beneath its title: header rows, the indicator grid, totals.
TableComposer = Callable[["TargetTable", "Layout"], "Sequence[Block]"]

#: Target tables (project and department), what the regional layouts print.
TARGET_TABLES: tuple[TableSort, ...] = (("project_target", None), ("department_target", None))


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
    """One printed form. ``label`` is its Chinese name (the web list shows it), ``label_en`` the English one.

    ``prints`` lists the tables it is made for; a document written in a layout prints each other table in
    the first registered layout that prints it (a self-evaluation table in a region's target layout is
    printed as a 绩效自评表). ``order`` places it in :func:`~jixiao.writers.layouts.registered`.
    """

    name: str
    label: str
    label_en: str
    description: str
    body: TableComposer
    carries: frozenset[str]
    not_carried: Mapping[str, str]  # field → why the form cannot carry it
    prints: tuple[TableSort, ...] = TARGET_TABLES
    order: int = 100
    columns: tuple[Column, ...] = ()
    notes: tuple[str, ...] = ()  # what the form carries only in part
    landscape: bool = False
    default_title: str = "绩效目标表"
    numbered_title: bool = True  # print ``seq.`` before the title (``1.基金监管经费f绩效目标表``)
    narrative: bool = False  # print department plans (第一部分 部门整体绩效目标) before the tables
    parts_titles: tuple[str, str, str, str] | None = None  # 第一部分 / its name / 第二部分 / its name
    plan_heading: bool = False  # print a plan's unit and year under 部门整体绩效目标
    amount_in_words: bool = False  # print the total in 大写 (人民币…元整)
    sheet_by_project_code: bool = False  # name a table's sheet after its project code's last six characters
    labels: Mapping[str, str] = field(default_factory=dict)

    def text(self, key: str) -> str:
        """The printed label for ``key`` in this form (the layout's own, else the shared one)."""
        return self.labels.get(key, DEFAULT_LABELS[key])

    def prints_table(self, kind: str, subject: str | None) -> bool:
        return any(k == kind and (s is None or s == subject) for k, s in self.prints)

    def unaccounted(self, fields: Iterable[str]) -> list[str]:
        """The ``fields`` this layout neither carries nor lists as not carried (a field new to the model)."""
        return [f for f in fields if f not in self.carries and f not in self.not_carried]


# Header labels shared by all layouts; a layout overrides what its region prints differently.
DEFAULT_LABELS: dict[str, str] = {
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
