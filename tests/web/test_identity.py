"""Each indicator keeps its identity across edits, API updates and versions; one project name everywhere."""

from __future__ import annotations

import json
import re
from typing import Any

from web_helpers import World, edit_form_data

NEW_ROW = {"row_id": "", "level1": "产出指标", "level2": "数量指标", "name": "新增的指标", "value": "≥10人次"}


def rows_of(table: Any) -> list[Any]:
    return list(table.indicators.order_by("position"))


def with_row_inserted(data: dict[str, Any], at: int, values: dict[str, Any]) -> dict[str, Any]:
    """The edit POST with one new row inserted at ``at`` (the rows below it move down), as the page sends it."""
    total = int(data["rows-TOTAL_FORMS"])
    moved = {k: v for k, v in data.items() if not k.startswith("rows-") or k.endswith(("TOTAL_FORMS", "INITIAL_FORMS"))}
    for i in range(total):
        target = i if i < at else i + 1
        for key, value in data.items():
            if key.startswith(f"rows-{i}-"):
                moved[f"rows-{target}-{key[len(f'rows-{i}-') :]}"] = value
    moved.update({f"rows-{at}-{k}": v for k, v in values.items()})
    moved["rows-TOTAL_FORMS"] = total + 1
    return moved


def test_a_comment_stays_on_its_indicator_when_a_row_is_inserted_above(world: World, reload: Any) -> None:
    table = world.tables["returned"]
    commented = rows_of(table)[0]
    comment = table.comments.get()
    assert comment.indicator == commented
    filer = world.client("filer_a1")
    response = filer.post(f"/tables/{table.pk}/edit/", with_row_inserted(edit_form_data(table), 0, NEW_ROW))
    assert response.status_code == 302
    rows = rows_of(reload(table))
    assert [r.name for r in rows[:2]] == ["新增的指标", commented.name]
    assert reload(comment).indicator_id == rows[1].pk and rows[1].uid == commented.uid
    # the edit page shows the comment beside its indicator, not beside the new row
    page = filer.get(f"/tables/{table.pk}/edit/").content.decode()
    row0, row1 = page.index('id="row-0"'), page.index('id="row-1"')
    assert row1 < page.index("请调整到质量指标") < page.index('id="row-2"') and row0 < row1


def test_an_api_update_keeps_identities_and_comments(world: World, reload: Any) -> None:
    table = world.tables["returned"]
    comment = table.comments.get()
    filer = world.client("filer_a1")
    got = filer.get(f"/api/tables/{table.pk}").json()
    ids = got["indicator_ids"]
    assert ids == [str(r.uid) for r in rows_of(table)]
    core = got["document"]["tables"][0]
    first = dict(core["indicators"][0])
    core["indicators"].insert(0, {**first, "name": "接口新增的指标"})  # a new row above, same levels
    # without identities: matched by level and name, then by position among the rows left
    body = {"lock_version": got["lock_version"], "table": core, "reason": "插入一行"}
    put = filer.put(f"/api/tables/{table.pk}", json.dumps(body), content_type="application/json")
    assert put.status_code == 200, put.content
    rows = rows_of(reload(table))
    assert rows[0].name == "接口新增的指标" and str(rows[1].uid) == ids[0]
    assert reload(comment).indicator_id == rows[1].pk
    # with identities: a rename in place keeps the indicator
    after = put.json()
    core = after["document"]["tables"][0]
    core["indicators"][1]["name"] = "改名后的指标"
    body = {"lock_version": after["lock_version"], "table": core, "indicator_ids": after["indicator_ids"]}
    assert filer.put(f"/api/tables/{table.pk}", json.dumps(body), content_type="application/json").status_code == 200
    assert reload(comment).indicator.name == "改名后的指标"
    assert filer.get(f"/api/tables/{table.pk}/comments").json()[0]["indicator_id"] == ids[0]


def test_the_diff_of_an_inserted_row_is_one_added_row(world: World) -> None:
    table = world.tables["published"]
    filer = world.client("filer_a1")
    assert filer.post(f"/tables/{table.pk}/do/adjust/", {"remark": "追加指标"}).status_code == 302
    v2 = table.project.tables.get(version=2)
    assert [r.uid for r in rows_of(v2)] == [r.uid for r in rows_of(table)]  # 调整 keeps every identity
    response = filer.post(f"/tables/{v2.pk}/edit/", with_row_inserted(edit_form_data(v2), 2, NEW_ROW))
    assert response.status_code == 302
    page = filer.get(f"/tables/{v2.pk}/diff/?other={table.pk}").content.decode()
    kinds = re.findall(r"<tr><td>(\d+)</td><td>(新增|删除|修改)</td>", page)
    assert {kind for _pos, kind in kinds} == {"新增"} and {pos for pos, _kind in kinds} == {"3"}
    assert "新增的指标" in page


def test_a_renamed_project_is_renamed_everywhere(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    filer = world.client("filer_a1")
    data = edit_form_data(table, header={"project_name": "医保基金监管专项"})
    assert filer.post(f"/tables/{table.pk}/edit/", data).status_code == 302
    assert reload(table).project.name == "医保基金监管专项"
    assert "医保基金监管专项" in filer.get("/tables/").content.decode()
    assert "医保基金监管专项" in filer.get("/tables/?q=基金监管").content.decode()
    assert "医保基金监管专项" in filer.get("/").content.decode()
    api = filer.get("/api/tables?q=基金监管").json()
    assert [row["project_name"] for row in api] == ["医保基金监管专项"]
    download = filer.get(f"/tables/{table.pk}/export/", {"format": "json"})
    assert "%E5%8C%BB%E4%BF%9D%E5%9F%BA%E9%87%91" in download["Content-Disposition"]  # 医保基金, percent-encoded


def test_a_unit_printed_other_than_the_organisation_is_a_finding(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    assert not table.findings.filter(code="U01").exists()  # printed 卢龙县医疗保障局本级, filed under it
    data = edit_form_data(table, header={"unit_name": "卢龙县卫生健康局", "unit_code": "450001"})
    assert world.client("filer_a1").post(f"/tables/{table.pk}/edit/", data).status_code == 302
    found = list(reload(table).findings.filter(code="U01"))
    assert [(f.field, f.severity) for f in found] == [("unit_name", "warning")]
    assert "卢龙县卫生健康局" in found[0].message and "卢龙县医疗保障局本级" in found[0].message
    data = edit_form_data(reload(table), header={"unit_name": "卢龙县医疗保障局本级", "department": "卢龙县卫生健康局"})
    assert world.client("filer_a1").post(f"/tables/{table.pk}/edit/", data).status_code == 302
    assert [f.field for f in reload(table).findings.filter(code="U01")] == ["department"]


def test_an_indicators_history_follows_it_across_versions(world: World, reload: Any) -> None:
    table = world.tables["published"]
    filer = world.client("filer_a1")
    followed = rows_of(table)[1]
    assert filer.post(f"/tables/{table.pk}/do/adjust/", {"remark": "调整指标值"}).status_code == 302
    v2 = table.project.tables.get(version=2)
    data = with_row_inserted(edit_form_data(v2, rows={1: {"value": "≥95%"}}), 0, NEW_ROW)
    assert filer.post(f"/tables/{v2.pk}/edit/", data).status_code == 302
    page = filer.get(f"/tables/{v2.pk}/history/?indicator={followed.uid}").content.decode()
    assert 'id="one-indicator"' in page
    events = re.findall(r'<tr class="event event-(\w+)">.*?<td>v(\d+)</td>', page, flags=re.S)
    assert {kind for kind, _v in events} == {"indicator"}
    assert {v for _kind, v in events} == {"1", "2"}  # created in v1, copied into v2, changed in v2
    assert "≥95%" in page and "新增的指标" not in page  # the inserted row is another indicator
    everything = filer.get(f"/tables/{v2.pk}/history/").content.decode()
    assert f"?indicator={followed.uid}" in everything and "新增的指标" in everything


def test_an_api_comment_names_its_indicator_by_identity(world: World) -> None:
    table = world.tables["submitted"]
    reviewer = world.client("reviewer_a")
    target = rows_of(table)[3]
    body = {"action": "return", "comments": [{"text": "请核实指标值", "indicator_id": str(target.uid)}]}
    response = reviewer.post(f"/api/tables/{table.pk}/transitions", json.dumps(body), "application/json")
    assert response.status_code == 200, response.content
    assert table.comments.get().indicator_id == target.pk
    unknown = {"action": "return", "comments": [{"text": "x", "indicator_id": "00000000-0000-0000-0000-000000000000"}]}
    again = reviewer.post(f"/api/tables/{table.pk}/transitions", json.dumps(unknown), "application/json")
    assert again.status_code == 400 and table.comments.count() == 1  # an identity not in this table: refused
