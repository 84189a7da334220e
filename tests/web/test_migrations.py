"""The schema migrations run forward over stored data (SQLite and PostgreSQL): identities are given."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("targets", "0003_history_request_id"), ("organisations", "0002_history_request_id")]


@pytest.mark.django_db(transaction=True)
def test_stored_indicators_get_identities_that_follow_them_across_versions() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organisation = apps.get_model("organisations", "Organisation")
    Project = apps.get_model("targets", "Project")
    TargetTable = apps.get_model("targets", "TargetTable")
    Indicator = apps.get_model("targets", "Indicator")
    unit = Organisation.objects.create(name="某单位", kind="unit", path="/1/")
    project = Project.objects.create(name="某项目", unit=unit, year=2024)
    names = {1: ["甲", "乙"], 2: ["丙", "甲", "乙"]}  # version 2 inserted 丙 above
    for version, rows in names.items():
        table = TargetTable.objects.create(project=project, unit=unit, year=2024, version=version)
        for position, name in enumerate(rows):
            Indicator.objects.create(table=table, position=position, level1="产出指标", level2="数量指标", name=name)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    latest = executor.loader.graph.leaf_nodes()  # every app back at its newest migration for the tests after
    executor.migrate(latest)
    apps = executor.loader.project_state(latest).apps
    Indicator = apps.get_model("targets", "Indicator")
    uids: dict[tuple[int, str], Any] = {
        (row.table.version, row.name): row.uid for row in Indicator.objects.select_related("table")
    }
    assert all(uid is not None for uid in uids.values())
    assert uids[(1, "甲")] == uids[(2, "甲")] and uids[(1, "乙")] == uids[(2, "乙")]
    assert uids[(2, "丙")] not in {uids[(1, "甲")], uids[(1, "乙")]}
    assert apps.get_model("organisations", "Organisation").objects.get().layout == ""
