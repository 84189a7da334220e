"""The ``jixiao`` command line (Typer + rich).

Exit codes everywhere: 0 ok, 1 done with warnings (or findings at the ``--fail-on`` level),
2 unusable input. Each command group lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

# Command modules register on import; one line per module.
from jixiao.cli import check as _check  # noqa: F401
from jixiao.cli import compare as _compare  # noqa: F401
from jixiao.cli import export as _export  # noqa: F401
from jixiao.cli import parse as _parse  # noqa: F401
from jixiao.cli import score as _score  # noqa: F401
from jixiao.cli import web as _web  # noqa: F401
from jixiao.cli._app import app, main

__all__ = ["app", "main"]
