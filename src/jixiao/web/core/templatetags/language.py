"""Texts stored in one language shown in the user's: findings (Chinese and English message), bilingual
suggestions ("改为 … (use one of these)"), and the change reasons the services record in English."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import get_language, pgettext_lazy

register = template.Library()

__all__ = ["change_reason", "finding_message", "read_warning", "suggestion"]


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


@register.filter
def read_warning(warning: Any) -> str:
    """A stored warning (``{"en": …, "zh": …}``, or a plain text from before) in the UI language."""
    if isinstance(warning, dict):
        return str(warning.get("en" if _english() else "zh") or warning.get("en") or "")
    return str(warning)


@register.filter
def finding_message(finding: Any) -> str:
    """The finding's message in the UI language (the rules write both)."""
    chinese = _field(finding, "message") or ""
    english = _field(finding, "message_en") or ""
    return str(english or chinese) if _english() else str(chinese or english)


_BILINGUAL = re.compile(r"^(?P<zh>.*?)\s*[(（](?P<en>[^()（）]*[A-Za-z][^()（）]*)[)）]\s*$", re.S)


@register.filter
def suggestion(text: str | None) -> str:
    """``中文 (English)`` → the part in the UI language; a text in one language stays as it is."""
    if not text:
        return ""
    match = _BILINGUAL.match(str(text))
    if match is None or not re.search(r"[\u4e00-\u9fff]", match["zh"]):
        return str(text)
    return match["en"].strip() if _english() else match["zh"].strip()


# reasons the services write (English, stored): shown translated; anything a person typed is shown as typed
_REASONS: tuple[tuple[re.Pattern[str], Any], ...] = tuple(
    (re.compile(pattern), msgid)
    for pattern, msgid in (
        (r"^created$", pgettext_lazy("history", "created")),
        (r"^edited$", pgettext_lazy("history", "edited")),
        (r"^row removed$", pgettext_lazy("history", "row removed")),
        (r"^version (?P<n>\d+) created$", pgettext_lazy("history", "version %(n)s created")),
        (r"^superseded by version (?P<n>\d+)$", pgettext_lazy("history", "superseded by version %(n)s")),
        (r"^adjustment of version (?P<n>\d+)$", pgettext_lazy("history", "adjustment of version %(n)s")),
        (r"^created through the API$", pgettext_lazy("history", "created through the API")),
        (r"^updated through the API$", pgettext_lazy("history", "updated through the API")),
        (r"^edited on the web$", pgettext_lazy("history", "edited on the web")),
        (r"^demo data$", pgettext_lazy("history", "demo data")),
        (r"^imported from (?P<name>.+)$", pgettext_lazy("history", "imported from %(name)s")),
    )
)


@register.filter
def change_reason(text: str | None) -> str:
    if not text:
        return ""
    for pattern, msgid in _REASONS:
        match = pattern.match(str(text))
        if match:
            shown = str(msgid)
            return shown % match.groupdict() if match.groupdict() else shown
    return str(text)
