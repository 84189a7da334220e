"""``jixiao web-admin load_demo``: the sample documents in a demo organisation tree, with demo users."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

import jixiao
from jixiao.model import Document


class Command(BaseCommand):
    help = "Load src/jixiao/samples/*.txt into a demo organisation tree and create demo users (passwords printed once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("samples", nargs="*", help="files to load (default: the packaged samples)")
        parser.add_argument("--year", type=int, default=2024, help="budget year for tables that print none")

    def handle(self, *args: Any, **options: Any) -> None:
        from jixiao.web.reviews.demo import load_demo

        try:
            from jixiao.parsing import parse_file
        except ImportError as exc:
            raise CommandError("jixiao.parsing is not available; cannot read the samples") from exc
        samples = [Path(p) for p in options["samples"]] or sorted(
            (Path(jixiao.__file__).parent / "samples").glob("*.txt")
        )

        def parse(path: Path) -> Document:
            return parse_file(path).document

        made = load_demo(samples, year=options["year"], parse=parse)
        if not made:
            self.stdout.write("Demo data already loaded; no new users (passwords were printed when they were created).")
            return
        self.stdout.write("Demo users (the passwords are shown only this once):")
        for user in made:
            self.stdout.write(f"  {user.username:<28} {user.password:<18} {user.role:<9} {user.organisation}")
