"""The registry of layouts: every module of this package declaring ``LAYOUT`` is one printed form.

::

    from jixiao.writers.layouts import registered, get_layout

    registered()            # {"national": Layout(...), "tianjin": ..., …} in display order
    get_layout("tianjin").label  # "天津滨海新区格式"

Adding a layout is adding one module here (``name.py`` with ``LAYOUT = Layout(name="name", …)``): the CLI's
``--layout`` choices, the web app's list, ``docs/layouts.md`` and the writer tests all read this registry.
A module whose name starts with ``_`` holds shared code and no layout.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from jixiao.writers._fields import INDICATOR_FIELDS, TABLE_FIELDS
from jixiao.writers._layout import Column, Layout

if TYPE_CHECKING:
    from jixiao.model import TargetTable

__all__ = [
    "INDICATOR_FIELDS",
    "LAYOUTS",
    "TABLE_FIELDS",
    "Column",
    "Layout",
    "carried",
    "get_layout",
    "layout_for",
    "layouts_markdown",
    "registered",
]


def _discover() -> dict[str, Layout]:
    found: list[Layout] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        layout = getattr(module, "LAYOUT", None)
        if not isinstance(layout, Layout):
            raise TypeError(f"{module.__name__} declares no LAYOUT = Layout(...)")
        if layout.name != info.name:
            raise TypeError(f"{module.__name__} declares the layout {layout.name!r}; name it after its module")
        found.append(layout)
    found.sort(key=lambda layout: (layout.order, layout.name))
    return {layout.name: layout for layout in found}


_REGISTRY: dict[str, Layout] = _discover()

#: The registered layouts by name, in display order (the same mapping as :func:`registered`).
LAYOUTS: dict[str, Layout] = _REGISTRY


def registered() -> dict[str, Layout]:
    """Every registered layout by name, in display order (a fresh dict: changing it changes nothing)."""
    return dict(_REGISTRY)


def get_layout(name: str) -> Layout:
    """The layout called ``name``; ``KeyError`` names the known ones."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown layout {name!r}; known: {', '.join(_REGISTRY)}") from None


def layout_for(table: TargetTable, chosen: Layout) -> Layout:
    """The layout that prints ``table`` when a document is written in ``chosen``.

    ``chosen`` when it prints tables of this kind and subject, else the first registered layout that does
    (a self-evaluation table in a region's target layout is printed as a 绩效自评表), else ``chosen``. A
    layout naming the table's subject comes before one that prints the kind whatever the subject.
    """
    return _layout_for_sort(table.kind, table.subject, chosen)


def _layout_for_sort(kind: str, subject: str | None, chosen: Layout) -> Layout:
    for exact in (True, False):
        for layout in (chosen, *_REGISTRY.values()):
            if any(k == kind and (s == subject if exact else s is None) for k, s in layout.prints):
                return layout
    return chosen


from jixiao.writers.layouts._carried import carried  # noqa: E402  (uses the registry above)
from jixiao.writers.layouts._markdown import layouts_markdown  # noqa: E402
