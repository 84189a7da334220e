from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jixiao.errors import ConfigError
from jixiao.monitoring import period_month
from jixiao.web.organisations.models import Organisation
from jixiao.web.yearly.models import TaskKind


class TaskForm(forms.Form):
    bureau = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Finance bureau"))
    kind = forms.ChoiceField(choices=TaskKind.choices, label=_("Kind"))
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    period = forms.CharField(required=False, max_length=20, label=_("Period (monitoring), e.g. 1-7月"))
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    warning_days = forms.IntegerField(min_value=0, max_value=60, initial=5, label=_("Warning days"))
    units = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("Units (none chosen: the whole tree)")
    )

    def __init__(self, *args: Any, bureaus: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = bureaus  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["year"].initial = dt.date.today().year
        self.fields["start"].initial = dt.date.today()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == TaskKind.MONITORING:
            try:
                period_month(data.get("period") or "")
            except ConfigError as exc:
                self.add_error("period", str(exc))
        if data.get("start") and data.get("deadline") and data["deadline"] < data["start"]:
            self.add_error("deadline", _("The deadline is before the start."))
        bureau, units = data.get("bureau"), data.get("units") or []
        if bureau is not None and any(not u.path.startswith(bureau.path) for u in units):
            self.add_error("units", _("Choose units under the bureau."))
        return data
