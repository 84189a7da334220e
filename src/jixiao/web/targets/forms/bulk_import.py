from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jixiao.web.organisations.models import Organisation

__all__ = ["TargetTableImportForm"]


class TargetTableImportForm(forms.Form):
    """The upload step: the files themselves are read from ``request.FILES.getlist("files")``."""

    year = forms.IntegerField(
        label=_("Budget year (when the table does not print one)"), min_value=2000, max_value=2100
    )
    unit = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Unit (when the table does not name one of yours)"),
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            unit_field = self.fields["unit"]
            assert isinstance(unit_field, forms.ModelChoiceField)
            unit_field.queryset = units
        self.fields["year"].initial = datetime.date.today().year
