"""The printed layouts an organisation can choose: the writers' registry (``jixiao.writers.layouts``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jixiao.writers.layouts import registered

__all__ = ["DEFAULT_LAYOUT", "layout_choices", "validate_layout"]

DEFAULT_LAYOUT = "national"


def layout_choices() -> list[tuple[str, str]]:
    """(name, label) of every registered layout, labelled in the current language."""
    chinese = (get_language() or "zh-hans").lower().startswith("zh")
    return [(name, layout.label if chinese else layout.label_en) for name, layout in registered().items()]


def validate_layout(value: str) -> None:
    if value and value not in registered():
        raise ValidationError(
            _("Unknown layout %(value)s; choose one of: %(choices)s")
            % {"value": value, "choices": ", ".join(registered())}
        )
