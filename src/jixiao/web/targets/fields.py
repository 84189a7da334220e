"""The stored fields of a table and an indicator, derived from ``jixiao.model`` (the one source of truth).

Every field of the core ``TargetTable`` (``funds`` flattened to ``funds_*`` columns) and of the core
``Indicator`` becomes one :class:`FieldSpec`: its jixiao/1 path, the database column, how it is stored
(text, integer, choice or JSON) and its label. The Django models, the edit forms, the version diff, the
history page and the converter all read these tuples, so a field added to the model reaches all of them;
one whose type or label is unknown here stops the app at import (and the schema tests) instead of being
dropped in silence.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, TypeAdapter

from jixiao.model import Funds
from jixiao.model import Indicator as CoreIndicator
from jixiao.model import TargetTable as CoreTable

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "CHOICE_LABELS",
    "DERIVED_FROM",
    "DERIVED_INDICATOR_FIELDS",
    "INDICATOR_SPECS",
    "NOT_EDITABLE",
    "TABLE_SPECS",
    "FieldSpec",
    "SchemaError",
    "Storage",
]

Storage = Literal["text", "int", "choice", "json"]


class SchemaError(Exception):
    """A model field the web app cannot store: its type or its label is unknown here."""


@dataclass(frozen=True)
class FieldSpec:
    path: str  # jixiao/1 path: "project_name", "funds.total", "history"
    column: str  # the database column: "project_name", "funds_total", "history_value"
    storage: Storage
    label: StrOrPromise
    annotation: Any  # the pydantic annotation (validates JSON-stored values)
    choices: tuple[str, ...] = ()

    @property
    def core_name(self) -> str:
        return self.path.split(".")[-1]

    def validate(self, value: Any) -> Any:
        """A JSON-stored value checked against the model's type, as plain JSON data."""
        adapter: TypeAdapter[Any] = TypeAdapter(self.annotation)
        return adapter.dump_python(adapter.validate_python(value), mode="json")


# Columns named differently from the model: ``year`` is the project's year (the printed one is kept apart),
# ``history`` on a model is the change log of django-simple-history.
_TABLE_COLUMNS = {"year": "printed_year"}
_INDICATOR_COLUMNS = {"history": "history_value"}

# Stored elsewhere: indicators are rows of their own; the spending plan is its own table (SpendingPoint).
_TABLE_ELSEWHERE = frozenset({"indicators", "spending_plan"})

#: Indicator fields the app computes from another one (the parsed target value, the parsed actual value).
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "value": ("op", "number", "unit", "parts", "deadline"),
    "actual": ("actual_number", "actual_unit"),
}
DERIVED_INDICATOR_FIELDS = frozenset(f for fields in DERIVED_FROM.values() for f in fields)
#: Provenance: where the reader found the field in the source file; kept as read, not edited.
NOT_EDITABLE = frozenset({"source_ref"})

# The values of the model's Literal fields as people read them.
CHOICE_LABELS: dict[str, StrOrPromise] = {
    "project_target": _("project performance targets"),
    "department_target": _("department performance targets"),
    "self_evaluation": _("self-evaluation"),
    "monitoring": _("monitoring"),
    "project": _("project"),
    "department": _("department"),
    "transfer_payment": _("transfer payment"),
}

# English msgids (translated in locale/zh_Hans); one per field of the model.
_LABELS: dict[str, StrOrPromise] = {
    "kind": _("table kind"),
    "subject": _("subject evaluated"),
    "seq": _("sequence number"),
    "form_label": _("form label"),
    "title": _("title"),
    "year": _("printed year"),
    "unit_code": _("unit code"),
    "unit_name": _("unit name"),
    "department": _("competent department"),
    "implementing_unit": _("implementing unit"),
    "project_code": _("project code"),
    "project_name": _("project name"),
    "project_attribute": _("project attribute"),
    "function": _("function"),
    "manager": _("manager"),
    "manager_phone": _("manager phone"),
    "money_unit": _("money unit"),
    "funds.total": _("total budget"),
    "funds.fiscal": _("fiscal funds"),
    "funds.other": _("other funds"),
    "funds.midterm_total": _("mid-term total"),
    "funds.midterm_fiscal": _("mid-term fiscal"),
    "funds.midterm_other": _("mid-term other"),
    "funds.carryover": _("carry-over from last year"),
    "funds.midterm_carryover": _("mid-term carry-over"),
    "funds.fiscal_special_account": _("fiscal special account"),
    "funds.unit_funds": _("unit funds"),
    "funds.social_funds": _("social funds"),
    "funds.bank_loan": _("bank loan"),
    "budget_execution_weight": _("budget execution weight"),
    "purpose": _("purpose"),
    "annual_goals": _("annual goals"),
    "midterm_goal": _("mid-term goal"),
    "midterm_period": _("mid-term period"),
    "tasks": _("main tasks"),
    "execution": _("budget execution"),
    "level1_max_scores": _("points per level-1 indicator"),
    "execution_note": _("execution note"),
    "fund_management": _("fund management"),
    "goals_achieved": _("goals achieved"),
    "total_max_score": _("total points"),
    "total_score": _("total score"),
    "grade": _("grade"),
    "conclusion": _("conclusion"),
    "problems": _("problems"),
    "improvements": _("improvements"),
    "source_ref": _("source reference"),
    # indicators
    "level1": _("level-1 indicator"),
    "level2": _("level-2 indicator"),
    "name": _("indicator"),
    "description": _("description"),
    "value": _("target value"),
    "op": _("operator"),
    "number": _("number"),
    "unit": _("unit"),
    "overall_value": _("mid-term value"),
    "basis": _("basis"),
    "nature": _("nature"),
    "history": _("history value"),
    "weight": _("weight"),
    "weight_this_year": _("weight this year"),
    "direction": _("direction"),
    "remark": _("remark"),
    "actual": _("actual value"),
    "actual_number": _("actual number"),
    "actual_unit": _("actual unit"),
    "max_score": _("points"),
    "score": _("score"),
    "deviation": _("reasons for deviation"),
    "progress": _("progress"),
    "forecast": _("forecast for the year"),
    "on_track": _("likely to be met"),
    "measures": _("corrective measures"),
    "parts": _("value parts"),
    "deadline": _("deadline"),
}


def _storage(annotation: Any, where: str) -> tuple[Storage, tuple[str, ...]]:
    args = [a for a in get_args(annotation) if a is not type(None)]
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType) and len(args) == 1:
        return _storage(args[0], where)
    if annotation is str:
        return "text", ()
    if annotation is int:
        return "int", ()
    if origin is Literal:
        return "choice", tuple(str(a) for a in get_args(annotation))
    if origin in (list, dict) or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return "json", ()
    raise SchemaError(f"{where}: no storage for the type {annotation!r}")


def _label(path: str) -> StrOrPromise:
    try:
        return _LABELS[path]
    except KeyError:
        raise SchemaError(f"{path}: the field has no label in jixiao.web.targets.fields") from None


def _specs(model: type[BaseModel], *, prefix: str, columns: dict[str, str], skip: frozenset[str]) -> list[FieldSpec]:
    hints = typing.get_type_hints(model)
    specs: list[FieldSpec] = []
    for name in model.model_fields:
        if name in skip:
            continue
        annotation = hints[name]
        path = f"{prefix}{name}"
        if annotation is Funds:  # flattened: one column per amount
            specs += _specs(Funds, prefix="funds.", columns={}, skip=frozenset())
            continue
        storage, choices = _storage(annotation, f"{model.__name__}.{name}")
        unlabelled = [c for c in choices if c not in CHOICE_LABELS]
        if unlabelled:
            raise SchemaError(f"{path}: no label for the choices {unlabelled}")
        column = columns.get(name, path.replace(".", "_"))
        specs.append(FieldSpec(path, column, storage, _label(path), annotation, choices))
    return specs


#: Every field of the core table except the indicators and the spending plan, in the model's order.
TABLE_SPECS: tuple[FieldSpec, ...] = tuple(_specs(CoreTable, prefix="", columns=_TABLE_COLUMNS, skip=_TABLE_ELSEWHERE))
#: Every field of the core indicator, in the model's order.
INDICATOR_SPECS: tuple[FieldSpec, ...] = tuple(
    _specs(CoreIndicator, prefix="", columns=_INDICATOR_COLUMNS, skip=frozenset())
)
