"""``jixiao serve`` (gunicorn) and ``jixiao web-admin`` (Django's manage.py) for the web application."""

from __future__ import annotations

import os
import sys

import typer

from jixiao.cli._app import app, console

_PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


@app.command("serve")
def serve(
    bind: str = typer.Option("127.0.0.1:8000", help="address:port to listen on"),
    workers: int = typer.Option(2, help="gunicorn worker processes"),
    threads: int = typer.Option(1, help="threads per worker"),
    timeout: int = typer.Option(60, help="seconds before a silent worker is restarted"),
    jobs: bool = typer.Option(True, help="also run a background-job worker (db_worker, or rqworker with REDIS_URL)"),
) -> None:
    """Run the web application under gunicorn (settings from the environment: DATABASE_URL, SECRET_KEY, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from gunicorn.app.wsgiapp import run

    console.print(f"jixiao web on http://{bind} ({workers} workers)")
    if jobs:
        from jixiao.web.jobs.worker import start_worker

        start_worker()
    sys.argv = ["gunicorn", "--bind", bind, "--workers", str(workers), "--threads", str(threads),
                "--timeout", str(timeout), "--access-logfile", "-", "jixiao.web.wsgi:application"]  # fmt: skip
    run()


@app.command("web-admin", context_settings=_PASS_THROUGH)
def web_admin(ctx: typer.Context) -> None:
    """Django's manage.py for the web application: ``jixiao web-admin migrate``, ``createsuperuser``, ``load_demo``."""
    from jixiao.web.manage import main

    main(list(ctx.args))
