"""The rule catalogue: one module per rule, grouped by what the rules read.

Importing this package imports every ``rNN_*`` module below it, and defining each rule class registers
it (see :mod:`jixiao.rules.base`). Add a rule by adding a module; nothing else needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__: list[str] = []


def _load() -> None:
    for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        leaf = info.name.rsplit(".", 1)[-1]
        if info.ispkg or (leaf[:1] == "r" and leaf[1:3].isdigit()):
            importlib.import_module(info.name)


_load()
