"""The Typer application object shared by the command modules, and the error boundary."""

from __future__ import annotations

import sys
import traceback

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


class _Options:
    """Options of the whole program, set by the callback before a command runs."""

    debug = False


@app.callback()
def _global_options(
    debug: bool = typer.Option(
        False, "--debug", envvar="JIXIAO_DEBUG", help="On an error, show the traceback that the one-line message hides."
    ),
) -> None:
    _Options.debug = debug


def main() -> None:
    """Entry point: no traceback reaches a user unless asked for with ``--debug``."""
    try:
        app()
    except JixiaoError as exc:
        _traceback_if_debug()
        # a Text, not markup: a message may hold brackets; soft wrap: a long path is never broken in two
        err_console.print(Text.assemble(("error", "bold red"), f": {exc}"), highlight=False, soft_wrap=True)
        sys.exit(EXIT_UNUSABLE)
    except KeyboardInterrupt:
        _traceback_if_debug()
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: say what happened in one line
        _traceback_if_debug()
        message = f": {type(exc).__name__}: {exc}"
        err_console.print(Text.assemble(("internal error", "bold red"), message), highlight=False, soft_wrap=True)
        sys.exit(EXIT_UNUSABLE)


def report_error(exc: JixiaoError) -> None:
    """A command's error said in one line on stderr (with ``--debug``, its traceback above it)."""
    _traceback_if_debug(exc)
    err_console.print(Text(f"error: {exc}"), highlight=False, soft_wrap=True)


def _traceback_if_debug(exc: BaseException | None = None) -> None:
    """With ``--debug``, the traceback of ``exc`` (default: the exception being handled) on stderr."""
    if _Options.debug:
        if exc is None:
            traceback.print_exc(file=sys.stderr)
        else:
            traceback.print_exception(exc, file=sys.stderr)
        sys.stderr.flush()
