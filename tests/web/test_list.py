"""The project list: filters (year, unit, status, has errors), search, sorting, selection export, scope."""

from __future__ import annotations

import json
import re
from typing import Any

from web_helpers import World


def listed(client: Any, query: str = "") -> list[str]:
    page = client.get("/tables/" + query).content.decode()
    body = page[page.index('id="table-list"') :]
    return re.findall(r'<a href="/tables/\d+/">([^<]+)</a>', body)


def test_filters_and_search(world: World) -> None:
    from jixiao.web.targets.models import TargetTable

    client = world.client("reviewer_a")
    everything = listed(client)
    assert set(everything) == {
        "草稿项目",
        "送审项目",
        "通过项目",
        "批复项目",
        "另一单位项目",
        "退回项目",
    }  # not 重庆项目
    assert listed(client, "?status=submitted") == ["送审项目"]
    assert set(listed(client, f"?unit={world.orgs['unit_a2'].pk}")) == {"另一单位项目"}
    assert listed(client, "?year=2023") == []
    assert set(listed(client, "?q=项目 送审")) == {"送审项目"}
    assert set(listed(client, "?q=450003")) == set()  # codes of units are not project text
    TargetTable.objects.filter(pk=world.tables["draft"].pk).update(error_count=3)
    assert listed(client, "?has_errors=true") == ["草稿项目"]
    assert "草稿项目" not in listed(client, "?has_errors=false")
    by_name, by_name_desc = listed(client, "?sort=project"), listed(client, "?sort=-project")
    assert by_name == list(reversed(by_name_desc)) and set(by_name) == set(everything)  # collation is the database's


def test_export_of_a_selection(world: World) -> None:
    client = world.client("reviewer_a")
    ids = [world.tables["draft"].pk, world.tables["submitted"].pk, world.tables["b_draft"].pk]
    response = client.get("/tables/export.json?" + "&".join(f"pk={i}" for i in ids))
    document = json.loads(response.content)
    assert document["schema"] == "jixiao/1"
    assert [t["project_name"] for t in document["tables"]] == ["草稿项目", "送审项目"]  # 重庆项目 is not the reviewer's
    assert response["Content-Disposition"].startswith("attachment")


def test_analyst_lists_published_only(world: World) -> None:
    assert listed(world.client("analyst_a")) == ["批复项目"]
