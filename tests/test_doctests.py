"""The examples in the package's docstrings run as tests: every module of ``jixiao`` outside the web app
(whose modules need Django set up, and hold no examples)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

import jixiao

PACKAGE = Path(jixiao.__file__).parent


def _modules_with_examples() -> list[str]:
    """Found on disk, not by importing: importing ``jixiao.web`` would need Django's settings."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        if relative.parts[1] == "web" or ">>> " not in path.read_text(encoding="utf-8"):
            continue
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        names.append(".".join(parts))
    return names


MODULES = _modules_with_examples()


def test_the_package_has_docstring_examples_to_run() -> None:
    assert "jixiao.model" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"{name}: no example was run"
    assert failed == 0, f"{name}: {failed} of {attempted} examples failed (the doctest report is above)"
