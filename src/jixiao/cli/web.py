"""``jixiao serve`` (gunicorn) and ``jixiao web-admin`` (Django's manage.py) for the web application."""

from __future__ import annotations

import ipaddress
import os
import sys

import typer

from jixiao.cli._app import app, console

_PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


def is_loopback_bind(bind: str) -> bool:
    """Whether ``address:port`` (``[::1]:8000``, ``localhost:8000``, ``unix:/path``) is reachable from this machine only."""
    if bind.startswith("unix:"):
        return True
    host = bind.rsplit(":", 1)[0] if ":" in bind else bind
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def bind_problem(bind: str) -> str | None:
    """Why the server must not listen on ``bind`` with the current settings (``None``: it may)."""
    from django.conf import settings

    if is_loopback_bind(bind):
        return None
    if settings.JIXIAO_DEVELOPMENT_KEY:
        return (
            f"refusing to listen on {bind} with the development secret key: set SECRET_KEY in the environment "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))') or bind 127.0.0.1"
        )
    if settings.DEBUG:
        return f"refusing to listen on {bind} with DEBUG on: it shows settings and code to anyone who gets an error"
    return None


@app.command("serve")
def serve(
    bind: str = typer.Option("127.0.0.1:8000", help="address:port to listen on"),
    workers: int = typer.Option(2, help="gunicorn worker processes"),
    threads: int = typer.Option(1, help="threads per worker"),
    timeout: int = typer.Option(60, help="seconds before a silent worker is restarted"),
    jobs: bool = typer.Option(True, help="also run a background-job worker (db_worker, or rqworker with REDIS_URL)"),
) -> None:
    """Run the web application under gunicorn (settings from the environment: DATABASE_URL, SECRET_KEY, ...).

    Beyond the loopback it needs a real ``SECRET_KEY`` and ``DEBUG`` off. Without ``SECRET_KEY``, ``make run``
    (``JIXIAO_INSECURE_DEV_KEY=1``) uses a key generated once into the data directory.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    try:
        django.setup()  # reads the settings (and writes the development key on first start) before forking
    except RuntimeError as exc:
        console.print(f"[red]jixiao serve: {exc}[/red]")
        raise typer.Exit(2) from None
    problem = bind_problem(bind)
    if problem:
        console.print(f"[red]jixiao serve: {problem}[/red]")
        raise typer.Exit(2)
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
