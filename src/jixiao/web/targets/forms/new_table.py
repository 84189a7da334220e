"""新建: the few choices that start a table from scratch; every other field is then filled on the edit page."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.fields import CHOICE_LABELS

__all__ = ["NEW_KINDS", "NewTableForm"]

#: The kinds of table filed in the browser (self-evaluation and monitoring tables are reported later, by import).
NEW_KINDS = ("project_target", "department_target")


class NewTableForm(forms.Form):
    kind = forms.ChoiceField(label=_("table kind"), choices=[(k, CHOICE_LABELS[k]) for k in NEW_KINDS])
    unit = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    project_name = forms.CharField(
        label=_("project name"),
        max_length=500,
        required=False,
        help_text=_("For a department table, leave empty: the unit's name is used."),
        widget=forms.TextInput(attrs={"size": 40}),
    )
    project_code = forms.CharField(label=_("project code"), max_length=64, required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        if units is not None:
            unit_field.queryset = units
            if units.count() == 1:
                unit_field.initial = units.first()
        self.fields["year"].initial = datetime.date.today().year + 1  # targets are filed for the coming year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "project_target" and not (data.get("project_name") or "").strip():
            self.add_error("project_name", _("A project table needs the project's name."))
        return data
