"""``{% layout_options as layouts %}``: the writers' registered layouts for the export forms."""

from __future__ import annotations

from django import template

from jixiao.web.organisations.layouts import layout_choices

register = template.Library()


@register.simple_tag
def layout_options() -> list[tuple[str, str]]:
    return layout_choices()
