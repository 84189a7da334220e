"""The ``jixiao/1`` interchange document as typed pydantic models.

Field names, types and the null-versus-empty convention follow ``spec/interchange.md`` exactly:
a field the source does not have is ``None`` (a list: ``[]``); a field the source has but left empty
is ``""``. Amounts and parsed numbers are plain decimal *strings* so that no precision is lost.

Fields the project adds beyond the spec (``source_ref``, ``parts``, ``deadline``, ``findings``) are
optional; a version-1 consumer may ignore them.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_ID",
    "DepartmentPlan",
    "Document",
    "ExecutionLine",
    "FindingRecord",
    "FundManagementItem",
    "Funds",
    "Indicator",
    "MoneyUnit",
    "Section",
    "Source",
    "SourceFormat",
    "SpendingPoint",
    "Subject",
    "TableKind",
    "TargetTable",
    "Task",
    "TaskAmounts",
    "ValuePart",
    "convert_amount",
    "json_schema",
]

SCHEMA_ID: Literal["jixiao/1"] = "jixiao/1"

SourceFormat = Literal["text", "docx", "doc", "xlsx", "xls", "pdf", "html"]
TableKind = Literal["project_target", "department_target", "self_evaluation", "monitoring"]
Subject = Literal["project", "department", "transfer_payment"]  # what a self-evaluation or monitoring table evaluates
MoneyUnit = str  # "元" | "万元" | "亿元" as printed; kept open because sources print variants

# One 元 expressed in each money unit, as Decimal factors (never float).
_YUAN_PER_UNIT: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "万": Decimal(10_000),
    "亿元": Decimal(100_000_000),
    "亿": Decimal(100_000_000),
}


def convert_amount(amount: str | Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert an amount between 元, 万元 and 亿元 exactly.

    >>> convert_amount("67.2", "万元", "元")
    Decimal('672000.0')
    """
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount).replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    try:
        source, target = _YUAN_PER_UNIT[from_unit], _YUAN_PER_UNIT[to_unit]
    except KeyError as exc:
        raise ValueError(f"unknown money unit: {exc.args[0]!r}") from exc
    return value * source / target


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=False)


class Source(_Model):
    name: str
    format: SourceFormat


class Section(_Model):
    heading: str
    text: str


class DepartmentPlan(_Model):
    """部门整体绩效目标: the narrative part of a department's filing (seed 001, 第一部分)."""

    unit_name: str | None = None
    year: int | None = None
    sections: list[Section] = Field(default_factory=list)
    source_ref: str | None = None


class Funds(_Model):
    """Amounts in the table's ``money_unit``, as printed (decimal strings)."""

    total: str | None = None
    fiscal: str | None = None
    other: str | None = None
    midterm_total: str | None = None
    midterm_fiscal: str | None = None
    midterm_other: str | None = None
    carryover: str | None = None  # 上年结转 (annual)
    midterm_carryover: str | None = None  # 上年结转 over the mid-term period
    fiscal_special_account: str | None = None
    unit_funds: str | None = None
    social_funds: str | None = None
    bank_loan: str | None = None


class SpendingPoint(_Model):
    """One column of 资金支出计划: a cumulative share of the budget spent by a date."""

    label: str
    percent: str | None = None


class ValuePart(_Model):
    """One figure of a target cell holding several (``低保人员补助342元/人，五保人员补助380元/人``)."""

    label: str | None = None
    op: str | None = None
    number: str | None = None
    upper: str | None = None  # the upper end of a range such as 94%-98%
    unit: str | None = None
    text: str


class Deadline(_Model):
    """A time target: a date (``2024年12月31日之前``), a recurrence (``每月25日以前``) or a duration."""

    kind: Literal["date", "recurring", "duration"]
    op: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    every: str | None = None  # 年 | 季 | 月 | 周 | 日 for recurring deadlines
    amount: str | None = None  # for durations
    unit: str | None = None  # 工作日 | 日 | 天 | 月 …
    text: str


class Indicator(_Model):
    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    description: str | None = None
    value: str | None = None
    op: str | None = None
    number: str | None = None
    unit: str | None = None
    overall_value: str | None = None
    basis: str | None = None
    nature: str | None = None
    history: str | None = None
    weight: str | None = None
    weight_this_year: str | None = None
    direction: str | None = None
    remark: str | None = None  # 备注, as printed
    # self-evaluation (spec/self-evaluation.md)
    actual: str | None = None  # 实际完成值 / 完成值, as printed
    actual_number: str | None = None
    actual_unit: str | None = None
    max_score: str | None = None  # 分值 / 权重 in a self-evaluation table: the points the row is worth
    score: str | None = None  # 得分
    deviation: str | None = None  # 偏差原因分析及改进措施 / 未完成原因分析
    # monitoring (spec/self-evaluation.md, "Monitoring tables")
    progress: str | None = None  # 当前完成值 / 1-N月执行情况
    forecast: str | None = None  # 全年预计完成情况
    on_track: str | None = None  # 完成目标可能性: 确定能 / 有可能 / 完全不可能
    measures: str | None = None  # 纠偏措施
    # project additions
    parts: list[ValuePart] = Field(default_factory=list)
    deadline: Deadline | None = None
    source_ref: str | None = None


class ExecutionLine(_Model):
    """One fund line of 预算执行情况 in a self-evaluation or monitoring table, whatever its columns are called."""

    label: str
    initial_budget: str | None = None  # 年初预算数 / 年初部门预算安排金额①
    adjustment: str | None = None  # 年中调整金额②
    adjusted_budget: str | None = None  # 全年预算数(A) / 调整后预算数 / 小计③
    executed: str | None = None  # 全年执行数(B) / 年度拨付金额④
    rate: str | None = None  # 执行率 as a percent number without "%"
    balance: str | None = None  # 结余金额⑥
    balance_rate: str | None = None  # 资金结余率⑦
    max_score: str | None = None
    score: str | None = None


class FundManagementItem(_Model):
    """资金管理情况 of a transfer-payment table: an item with its 情况说明 and 存在问题和改进措施."""

    item: str
    description: str | None = None
    problems: str | None = None


class TaskAmounts(_Model):
    total: str | None = None
    fiscal: str | None = None
    other: str | None = None


class Task(_Model):
    """One row of 年度主要任务 (department tables, targets or self-evaluation)."""

    name: str | None = None  # 任务名称
    content: str | None = None  # 主要内容 / 主要实施内容
    status: str | None = None  # 完成情况 (self-evaluation) or 期望达到的目标 (targets)
    budget: TaskAmounts | None = None
    executed: TaskAmounts | None = None
    max_score: str | None = None
    rate: str | None = None
    score: str | None = None


class TargetTable(_Model):
    kind: TableKind = "project_target"
    subject: Subject | None = None
    seq: int | None = None
    form_label: str | None = None  # 预算12表 / 表十一, printed before or above the title
    title: str | None = None
    year: int | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    department: str | None = None
    implementing_unit: str | None = None
    project_code: str | None = None
    project_name: str | None = None
    project_attribute: str | None = None
    function: str | None = None
    manager: str | None = None
    manager_phone: str | None = None
    money_unit: MoneyUnit | None = None
    funds: Funds = Field(default_factory=Funds)
    budget_execution_weight: str | None = None
    purpose: str | None = None
    spending_plan: list[SpendingPoint] = Field(default_factory=list)
    annual_goals: list[str] = Field(default_factory=list)
    midterm_goal: str | None = None
    midterm_period: str | None = None
    tasks: list[Task] = Field(default_factory=list)
    # self-evaluation and monitoring (spec/self-evaluation.md)
    execution: list[ExecutionLine] = Field(default_factory=list)
    level1_max_scores: dict[str, str] | None = None
    execution_note: str | None = None
    fund_management: list[FundManagementItem] = Field(default_factory=list)
    goals_achieved: str | None = None  # 实际完成情况
    total_max_score: str | None = None
    total_score: str | None = None
    grade: str | None = None
    conclusion: str | None = None
    problems: str | None = None
    improvements: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    # project additions
    source_ref: str | None = None


class FindingRecord(_Model):
    """A review finding as carried inside a document (``jixiao parse --check``)."""

    code: str
    name: str
    severity: Literal["error", "warning", "info"]
    message: str
    message_en: str | None = None
    suggestion: str | None = None
    table: int | None = None  # index into ``tables``
    indicator: int | None = None  # index into that table's ``indicators``
    field: str | None = None


class Document(_Model):
    schema_: Literal["jixiao/1"] = Field(default=SCHEMA_ID, alias="schema")
    source: Source
    department_plans: list[DepartmentPlan] = Field(default_factory=list)
    tables: list[TargetTable] = Field(default_factory=list)
    findings: list[FindingRecord] | None = None

    def to_dict(self, *, extras: bool = True) -> dict[str, Any]:
        """The document as JSON-ready data; ``extras=False`` gives the bare version-1 fields."""
        data = self.model_dump(by_alias=True, mode="json")
        if not extras:
            data = _strip_extras(data)
        elif data.get("findings") is None:
            data.pop("findings", None)
        return data

    def to_json(self, *, indent: int | None = 2, extras: bool = True) -> str:
        return json.dumps(self.to_dict(extras=extras), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Load a document, ignoring the gold files' ``_ambiguous`` key and other ``_``-prefixed notes."""
        return cls.model_validate({k: v for k, v in data.items() if not k.startswith("_")})


_EXTRA_KEYS = {"source_ref", "parts", "deadline", "findings"}


def _strip_extras(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_extras(v) for k, v in data.items() if k not in _EXTRA_KEYS}
    if isinstance(data, list):
        return [_strip_extras(v) for v in data]
    return data


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``jixiao/1`` as shipped in ``schema/jixiao-1.schema.json``."""
    schema = Document.model_json_schema(by_alias=True)
    schema["$id"] = "https://jixiao.org/schema/jixiao-1.schema.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "jixiao/1 interchange document"
    return schema
