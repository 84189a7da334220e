"""The edit page: header fields, and the indicator rows as a formset (add, remove and reorder by htmx)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jixiao.web.targets.models import TargetTable

__all__ = ["EDITABLE_INDICATOR_FIELDS", "IndicatorForm", "IndicatorFormSet", "TargetTableForm", "parsed_value_fields"]

EDITABLE_HEADER_FIELDS = (
    "title", "project_name", "unit_name", "implementing_unit", "project_attribute", "manager", "manager_phone",
    "money_unit", "funds_total", "funds_fiscal", "funds_other", "purpose", "midterm_goal",
)  # fmt: skip
EDITABLE_INDICATOR_FIELDS = ("level1", "level2", "name", "description", "value", "weight")

LEVEL1_CHOICES = ["产出指标", "效益指标", "满意度指标", "成本指标"]
LEVEL2_CHOICES = [
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
]  # fmt: skip


class TargetTableForm(forms.ModelForm):  # type: ignore[type-arg]
    """Header fields; ``annual_goals`` edited one goal per line; ``lock_version`` carried for optimistic locking."""

    annual_goals_text = forms.CharField(
        label=_("Annual goals (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = TargetTable
        fields = EDITABLE_HEADER_FIELDS
        widgets = {
            f: forms.TextInput(attrs={"size": 40})
            for f in EDITABLE_HEADER_FIELDS
            if f not in {"purpose", "midterm_goal"}
        } | {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "midterm_goal": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # validation copies the cleaned values onto the instance: remember which fields were null before it
        self.was_null = {name for name in EDITABLE_HEADER_FIELDS if getattr(self.instance, name) is None}
        if self.instance.pk and not self.is_bound:
            self.initial["annual_goals_text"] = "\n".join(self.instance.annual_goals or [])
            self.initial["lock_version"] = self.instance.lock_version
        for field in self.fields.values():
            field.required = False

    def header_values(self) -> dict[str, Any]:
        """Cleaned header values; an emptied field that held nothing before stays ``None`` (the spec's null)."""
        values: dict[str, Any] = {}
        for name in EDITABLE_HEADER_FIELDS:
            value = (self.cleaned_data.get(name) or "").strip()
            values[name] = None if value == "" and name in self.was_null else value
        values["annual_goals"] = [
            line.strip() for line in (self.cleaned_data.get("annual_goals_text") or "").splitlines() if line.strip()
        ]
        return values


class IndicatorForm(forms.Form):
    row_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    level1 = forms.CharField(
        label=_("Level-1 indicator"),
        required=False,
        widget=forms.TextInput(attrs={"list": "level1-choices", "size": 10}),
    )
    level2 = forms.CharField(
        label=_("Level-2 indicator"),
        required=False,
        widget=forms.TextInput(attrs={"list": "level2-choices", "size": 12}),
    )
    name = forms.CharField(label=_("Indicator"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 24}))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 36})
    )
    value = forms.CharField(label=_("Target value"), required=False, widget=forms.TextInput(attrs={"size": 14}))
    weight = forms.CharField(label=_("Weight"), required=False, widget=forms.TextInput(attrs={"size": 4}))

    def row_values(self) -> dict[str, Any]:
        values = {f: (self.cleaned_data.get(f) or "").strip() or None for f in EDITABLE_INDICATOR_FIELDS}
        values.update(parsed_value_fields(values["value"]))
        return values


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=0, can_delete=True)


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
