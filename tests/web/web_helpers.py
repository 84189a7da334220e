"""Helpers for the web tests (a module name of its own: every test folder has a ``conftest``).

Every database test here runs on SQLite by default and on PostgreSQL when ``DATABASE_URL`` names one
(``make test`` runs this folder twice).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
# the live server answers each request on its own thread: persistent connections would outlive the test database
os.environ["JIXIAO_CONN_MAX_AGE"] = "0"
# pytest-django configures Django at start-up only when the settings module is known then; this folder's
# conftest is read later (the project's pytest options are shared by all engineers), so set Django up here.
import django

django.setup()

from django.conf import settings as django_settings  # noqa: E402

django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast fixtures; tests only

from pathlib import Path  # noqa: E402

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

ROLES = ("anonymous", "filer_a1", "approver_a1", "filer_a2", "reviewer_a", "reviewer_b", "analyst_a", "admin")


def gold_document(name: str = "001_8fcafb6e0b91ba75.txt.json") -> Any:
    from jixiao.model import Document

    return Document.from_dict(json.loads((GOLD / name).read_text(encoding="utf-8")))


@dataclass
class World:
    orgs: dict[str, Any]
    users: dict[str, Any]
    tables: dict[str, Any]

    def client(self, role: str, **kwargs: Any) -> Any:
        from django.test import Client

        client = Client(**kwargs)
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def make_org(name: str, kind: str, parent: Any = None, code: str = "", layout: str = "") -> Any:
    from jixiao.web.organisations.models import Organisation

    return Organisation.objects.create(name=name, kind=kind, parent=parent, code=code, layout=layout)


def make_user(username: str, role: str | None, org: Any) -> Any:
    from django.contrib.auth import get_user_model

    from jixiao.web.organisations.models import Membership

    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    if role:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def small_table(
    name: str = "测试项目",
    *,
    unit_code: str = "450001",
    unit_name: str = "卢龙县医疗保障局本级",
    rows: int = 7,
    code: str | None = None,
) -> Any:
    """A core table with ``rows`` ordinary indicators (derived from the gold table 4, cut or repeated)."""
    from jixiao.model import Indicator

    template = gold_document().tables[3].model_copy(deep=True)
    template.project_name = name
    template.project_code = code
    template.unit_code, template.unit_name = unit_code, unit_name
    base = template.indicators
    template.indicators = [
        Indicator(
            **{**base[i % len(base)].model_dump(), "name": f"{base[i % len(base)].name}{'' if i < len(base) else i}"}
        )
        for i in range(rows)
    ]
    return template


def edit_form_data(table: Any, *, header: dict[str, Any] | None = None, rows: dict[int, dict[str, Any]] | None = None,
                   lock_version: int | None = None, reason: str = "") -> dict[str, Any]:  # fmt: skip
    """The edit page's POST as a browser would send it (every field of the forms), with some fields changed."""
    from jixiao.web.targets.forms import IndicatorForm, TargetTableForm
    from jixiao.web.targets.forms.model_forms import initial_row

    stored = list(table.indicators.order_by("position"))
    form = TargetTableForm(instance=table)
    data: dict[str, Any] = {name: form[name].value() for name in form.fields}
    data = {k: "" if v is None else v for k, v in data.items()}
    data.update(
        {
            "lock_version": table.lock_version if lock_version is None else lock_version,
            "rows-TOTAL_FORMS": len(stored),
            "rows-INITIAL_FORMS": len(stored),
            "reason": reason,
        }
    )
    data.update(header or {})
    for i, row in enumerate(stored):
        row_form = IndicatorForm(initial=initial_row(row))
        values = {name: row_form[name].value() for name in row_form.fields}
        values.update((rows or {}).get(i, {}))
        data.update({f"rows-{i}-{k}": "" if v is None else v for k, v in values.items()})
    return data
