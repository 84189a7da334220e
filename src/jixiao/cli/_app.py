"""The Typer application object shared by the command modules, and the error boundary."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.text import Text

from jixiao.errors import JixiaoError

app = typer.Typer(
    name="jixiao",
    help="绩效目标表: read, check, store, review and write budget performance targets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

EXIT_OK, EXIT_WARNINGS, EXIT_UNUSABLE = 0, 1, 2


def main() -> None:
    """Entry point: no traceback ever reaches a user."""
    try:
        app()
    except JixiaoError as exc:
        # a Text, not markup: a message may hold brackets; soft wrap: a long path is never broken in two
        err_console.print(Text.assemble(("error", "bold red"), f": {exc}"), highlight=False, soft_wrap=True)
        sys.exit(EXIT_UNUSABLE)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: say what happened in one line
        message = f": {type(exc).__name__}: {exc}"
        err_console.print(Text.assemble(("internal error", "bold red"), message), highlight=False, soft_wrap=True)
        sys.exit(EXIT_UNUSABLE)
