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
    "FindingRecord",
    "Funds",
    "Indicator",
    "MoneyUnit",
    "Section",
    "Source",
    "SourceFormat",
    "SpendingPoint",
    "TableKind",
    "TargetTable",
    "ValuePart",
    "convert_amount",
    "json_schema",
]

SCHEMA_ID: Literal["jixiao/1"] = "jixiao/1"

SourceFormat = Literal["text", "docx", "doc", "xlsx", "xls", "pdf", "html"]
TableKind = Literal["project_target", "department_target", "self_evaluation"]
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
    # project additions
    parts: list[ValuePart] = Field(default_factory=list)
    deadline: Deadline | None = None
    source_ref: str | None = None


class TargetTable(_Model):
    kind: TableKind = "project_target"
    seq: int | None = None
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
