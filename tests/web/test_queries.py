"""The list (50 rows) and a table page cost a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from web_helpers import World, small_table


def make_tables(world: World, n: int) -> list[Any]:
    from jixiao.web.targets.models import TargetTable

    unit = world.orgs["unit_a1"]
    base = small_table("批量项目")
    made = []
    for i in range(n):
        # bulk rows keep the fixture fast; the list reads only the table rows
        made.append(TargetTable.objects.create(project=world.tables["draft"].project.__class__.objects.create(
            code=f"Q{i:04d}", name=f"批量项目{i}", unit=unit, year=2024), unit=unit, year=2024, project_name=base.project_name))  # fmt: skip
    return made


def count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(world: World) -> None:
    client = world.client("reviewer_a")
    make_tables(world, 5)
    few = count(client, "/tables/?year=2024")
    make_tables(world, 60)
    many = count(client, "/tables/?year=2024")
    assert many == few, (few, many)
    assert 'id="table-list"' in client.get("/tables/?year=2024").content.decode()


def test_table_page_query_count_does_not_grow_with_indicators(world: World) -> None:
    from jixiao.web.reviews.workflow import CommentInput, apply
    from jixiao.web.targets.services import create_version

    unit = world.orgs["unit_a1"]
    small = create_version(
        core=small_table("小表", rows=7, code="S1"), unit=unit, year=2024, user=world.users["filer_a1"]
    )
    big = create_version(
        core=small_table("大表", rows=40, code="S2"), unit=unit, year=2024, user=world.users["filer_a1"]
    )
    for table in (small, big):  # comments on several rows, as after a review
        apply(table, "submit", world.users["filer_a1"])
        rows = list(table.indicators.order_by("position"))
        apply(
            table,
            "return",
            world.users["approver_a1"],
            comments=[CommentInput(f"意见{i}", r.pk) for i, r in enumerate(rows[:5])],
        )
    client = world.client("filer_a1")
    for suffix in ("", "edit/", "history/"):
        assert count(client, f"/tables/{small.pk}/{suffix}") == count(client, f"/tables/{big.pk}/{suffix}"), suffix
    reviewer = world.client("reviewer_a")
    assert count(reviewer, f"/api/tables/{small.pk}") == count(reviewer, f"/api/tables/{big.pk}")
