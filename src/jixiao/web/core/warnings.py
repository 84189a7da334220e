"""The core's reading warnings kept by a background job (JSON): each in both wordings, so that the job's page
shows them in the language of whoever opens it (the template filter ``read_warning``)."""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.read_warnings import ReadWarning

__all__ = ["stored_warnings"]


def stored_warnings(warnings: Iterable[str]) -> list[dict[str, str]]:
    """``[{"en": …, "zh": …}]``: a catalogued warning in its two wordings, any other text as it is."""
    return [
        {"en": str(w), "zh": w.render("zh-hans")} if isinstance(w, ReadWarning) else {"en": str(w), "zh": str(w)}
        for w in warnings
    ]
