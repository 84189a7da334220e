"""``jixiao web-admin issue_token USER [--name N]``: print a new API token for USER (shown once)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jixiao.web.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token (Authorization: Bearer <token>)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="")
        parser.add_argument("--days", type=int, default=None, help="valid for this many days (0: no expiry)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no such user: {options['username']}")
        _token, key = ApiToken.issue(user, options["name"], days=options["days"])
        self.stdout.write(key)
