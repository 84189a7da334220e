"""The edit page's forms, generated from the model's fields (:mod:`jixiao.web.targets.fields`).

The header form has one field per stored table field (funds flattened, the year as printed, goals one per
line, nested lists such as 年度主要任务 or 预算执行情况 as JSON checked against the model); the indicator form
one per indicator field except those computed from another (the parse of the target and actual values) and
the provenance. Nothing here lists the model's fields by hand.
"""

from __future__ import annotations

import json
from typing import Any, get_origin

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError as ModelValidationError

from jixiao.web.targets.fields import (
    CHOICE_LABELS,
    DERIVED_FROM,
    DERIVED_INDICATOR_FIELDS,
    INDICATOR_SPECS,
    NOT_EDITABLE,
    TABLE_SPECS,
    FieldSpec,
)

__all__ = [
    "EDITABLE_HEADER_FIELDS",
    "EDITABLE_INDICATOR_FIELDS",
    "INDICATOR_MAIN_FIELDS",
    "IndicatorForm",
    "IndicatorFormSet",
    "TargetTableForm",
    "derived_values",
    "initial_header",
    "initial_row",
    "parsed_value_fields",
]

EDITABLE_HEADER_SPECS = tuple(s for s in TABLE_SPECS if s.core_name not in NOT_EDITABLE)
EDITABLE_HEADER_FIELDS = tuple(s.column for s in EDITABLE_HEADER_SPECS)
EDITABLE_INDICATOR_SPECS = tuple(
    s for s in INDICATOR_SPECS if s.path not in DERIVED_INDICATOR_FIELDS and s.path not in NOT_EDITABLE
)
EDITABLE_INDICATOR_FIELDS = tuple(s.column for s in EDITABLE_INDICATOR_SPECS)
# presentation only: the columns shown in the row itself; every other editable field sits under "more"
INDICATOR_MAIN_FIELDS = ("level1", "level2", "name", "description", "value", "weight")
# presentation only: header fields that hold sentences get a text area (inputs sized for Chinese text)
_LONG_TEXT = frozenset(
    {"title", "function", "purpose", "midterm_goal", "execution_note", "goals_achieved", "conclusion", "problems",
     "improvements"}
)  # fmt: skip


def _is_lines(spec: FieldSpec) -> bool:
    return spec.storage == "json" and spec.annotation == list[str]


class JsonModelField(forms.CharField):
    """A nested model field (a list of tasks, execution lines …) edited as JSON and checked against the model."""

    def __init__(self, spec: FieldSpec, **kwargs: Any) -> None:
        self.spec = spec
        super().__init__(widget=forms.Textarea(attrs={"rows": 3, "cols": 60, "class": "json"}), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False, indent=1) if value else ""
        return value

    def to_python(self, value: Any) -> Any:
        text = (super().to_python(value) or "").strip()
        if not text:
            return [] if get_origin(self.spec.annotation) is list else None
        try:
            return self.spec.validate(json.loads(text))
        except (json.JSONDecodeError, ModelValidationError) as exc:
            raise ValidationError(
                _("Not valid for this field: %(problem)s") % {"problem": str(exc).splitlines()[0]}
            ) from exc


def _form_field(spec: FieldSpec, *, compact: bool = False) -> forms.Field:
    label = spec.label
    if spec.storage == "int":
        return forms.IntegerField(label=label, required=False, widget=forms.NumberInput(attrs={"class": "year"}))
    if spec.storage == "choice":
        choices = [("", "—"), *((c, CHOICE_LABELS[c]) for c in spec.choices)]
        return forms.ChoiceField(label=label, required=False, choices=choices)
    if _is_lines(spec):
        return forms.CharField(
            label=label, required=False, help_text=_("One per line."), widget=forms.Textarea(attrs={"rows": 3})
        )
    if spec.storage == "json":
        return JsonModelField(spec, label=label, required=False)
    if spec.column in _LONG_TEXT:
        return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    size = 12 if compact else 40
    return forms.CharField(label=label, required=False, strip=True, widget=forms.TextInput(attrs={"size": size}))


def initial_header(table: Any) -> dict[str, Any]:
    """The header form's initial values for a stored table."""
    values: dict[str, Any] = {}
    for spec in EDITABLE_HEADER_SPECS:
        value = getattr(table, spec.column)
        values[spec.column] = "\n".join(value or []) if _is_lines(spec) else value
    values["lock_version"] = table.lock_version
    return values


def initial_row(row: Any) -> dict[str, Any]:
    """An indicator form's initial values for a stored row."""
    return {"row_id": row.pk, **{f: getattr(row, f) or "" for f in EDITABLE_INDICATOR_FIELDS}}


class TargetTableForm(forms.Form):
    """Every editable table field; ``lock_version`` carried for optimistic locking."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, data: Any = None, *, instance: Any = None, **kwargs: Any) -> None:
        if instance is not None and data is None:
            kwargs.setdefault("initial", initial_header(instance))
        super().__init__(data, **kwargs)
        self.instance = instance
        for spec in EDITABLE_HEADER_SPECS:
            self.fields[spec.column] = _form_field(spec)

    def header_values(self) -> dict[str, Any]:
        """Cleaned header values by column; empty text is "" (the service keeps a stored null null)."""
        values: dict[str, Any] = {}
        for spec in EDITABLE_HEADER_SPECS:
            value = self.cleaned_data.get(spec.column)
            if _is_lines(spec):
                value = [line.strip() for line in (value or "").splitlines() if line.strip()]
            elif spec.storage in ("text", "choice"):
                value = (value or "").strip()
                if spec.storage == "choice" and value == "":
                    value = None if spec.column != "kind" else "project_target"
            values[spec.column] = value
        return values


class IndicatorForm(forms.Form):
    """One indicator row: every editable indicator field of the model."""

    row_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in EDITABLE_INDICATOR_SPECS:
            self.fields[spec.column] = self._field(spec)

    @staticmethod
    def _field(spec: FieldSpec) -> forms.Field:
        widgets = {
            "level1": forms.TextInput(attrs={"list": "level1-choices", "size": 10}),
            "level2": forms.TextInput(attrs={"list": "level2-choices", "size": 12}),
            "name": forms.Textarea(attrs={"rows": 2, "cols": 24}),
            "description": forms.Textarea(attrs={"rows": 2, "cols": 36}),
            "value": forms.TextInput(attrs={"size": 14}),
            "weight": forms.TextInput(attrs={"size": 4}),
        }
        widget = widgets.get(spec.column, forms.TextInput(attrs={"size": 16}))
        return forms.CharField(label=spec.label, required=False, widget=widget)

    @property
    def main_fields(self) -> list[Any]:
        return [self[name] for name in INDICATOR_MAIN_FIELDS]

    @property
    def more_fields(self) -> list[Any]:
        return [self[name] for name in EDITABLE_INDICATOR_FIELDS if name not in INDICATOR_MAIN_FIELDS]

    def row_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            f: (self.cleaned_data.get(f) or "").strip() or None for f in EDITABLE_INDICATOR_FIELDS
        }
        values.update(derived_values(values))
        return values


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=0, can_delete=True)


def derived_values(values: dict[str, Any]) -> dict[str, Any]:
    """The fields computed from the target value and the actual value (for the keys present in ``values``)."""
    derived: dict[str, Any] = {}
    if "value" in values:
        derived.update(parsed_value_fields(values["value"]))
    if "actual" in values:
        parsed = parsed_value_fields(values["actual"])
        derived.update(actual_number=parsed["number"], actual_unit=parsed["unit"])
    assert set(derived) <= {f for fields in DERIVED_FROM.values() for f in fields}
    return derived


def parsed_value_fields(value: str | None) -> dict[str, Any]:
    """Re-parse an edited target value with the core's value parser (op, number, unit, parts, deadline)."""
    from jixiao.values import parse_value

    parsed = parse_value(value)
    return {
        "op": parsed.op,
        "number": parsed.number,
        "unit": parsed.unit,
        "parts": [p.model_dump(mode="json") for p in parsed.parts],
        "deadline": parsed.deadline.model_dump(mode="json") if parsed.deadline else None,
    }
