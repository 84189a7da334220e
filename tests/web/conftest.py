"""Fixtures for the web application: a small organisation world with every role, and tables in every state.

Every database test here runs on SQLite by default and on PostgreSQL when ``DATABASE_URL`` names one
(``make test`` runs this folder twice). Django is set up by ``web_helpers`` on import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from web_helpers import World, make_org, make_user, small_table


@pytest.fixture
def world(db: Any) -> World:
    from jixiao.web.reviews.workflow import CommentInput, apply
    from jixiao.web.targets.services import create_version

    orgs: dict[str, Any] = {}
    orgs["bureau_a"] = make_org("卢龙县财政局", "finance", layout="lulong")
    orgs["dept_a"] = make_org("卢龙县医疗保障局", "department", orgs["bureau_a"], "450")
    orgs["unit_a1"] = make_org("卢龙县医疗保障局本级", "unit", orgs["dept_a"], "450001")
    orgs["unit_a2"] = make_org("卢龙县医疗保险基金管理中心", "unit", orgs["dept_a"], "450003")
    orgs["bureau_b"] = make_org("重庆市长寿区财政局", "finance", layout="chongqing")
    orgs["dept_b"] = make_org("重庆市长寿区医疗保障局", "department", orgs["bureau_b"], "306")
    orgs["unit_b1"] = make_org("重庆市长寿区医疗保障局 (本级)", "unit", orgs["dept_b"], "306001")
    users = {
        "filer_a1": make_user("filer_a1", "filer", orgs["unit_a1"]),
        "approver_a1": make_user("approver_a1", "approver", orgs["unit_a1"]),
        "filer_a2": make_user("filer_a2", "filer", orgs["unit_a2"]),
        "reviewer_a": make_user("reviewer_a", "reviewer", orgs["bureau_a"]),
        "reviewer_b": make_user("reviewer_b", "reviewer", orgs["bureau_b"]),
        "analyst_a": make_user("analyst_a", "analyst", orgs["bureau_a"]),
        "filer_b1": make_user("filer_b1", "filer", orgs["unit_b1"]),
    }
    from django.contrib.auth import get_user_model

    users["admin"] = get_user_model().objects.create_superuser("admin", "", "pw-admin")

    def make(name: str, unit: str, user: str, code: str) -> Any:
        org = orgs[unit]
        return create_version(
            core=small_table(name, unit_code=org.code, unit_name=org.name, code=code),
            unit=org,
            year=2024,
            user=users[user],
        )

    tables = {
        "draft": make("草稿项目", "unit_a1", "filer_a1", "P-DRAFT"),
        "submitted": make("送审项目", "unit_a1", "filer_a1", "P-SUB"),
        "approved": make("通过项目", "unit_a1", "filer_a1", "P-APPR"),
        "published": make("批复项目", "unit_a1", "filer_a1", "P-PUB"),
        "a2_draft": make("另一单位项目", "unit_a2", "filer_a2", "P-A2"),
        "b_draft": make("重庆项目", "unit_b1", "filer_b1", "P-B"),
    }
    tables["returned"] = make("退回项目", "unit_a1", "filer_a1", "P-RET")
    for key in ("submitted", "approved", "published", "returned"):
        apply(tables[key], "submit", users["filer_a1"])
    for key in ("approved", "published"):
        apply(tables[key], "approve", users["reviewer_a"])
    apply(tables["published"], "publish", users["reviewer_a"])
    first_row = tables["returned"].indicators.order_by("position").first()
    apply(tables["returned"], "return", users["reviewer_a"], comments=[CommentInput("请调整到质量指标", first_row.pk)])
    for key, table in tables.items():
        table.refresh_from_db()
        tables[key] = table
    return World(orgs, users, tables)


@pytest.fixture
def reload() -> Callable[[Any], Any]:
    def _reload(obj: Any) -> Any:
        obj.refresh_from_db()
        return obj

    return _reload
