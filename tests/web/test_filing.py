"""新建: a project table or a department table created in the browser, then every field filled and saved."""

from __future__ import annotations

import json
from typing import Any

from web_helpers import World, edit_form_data


def _create(world: World, **values: Any) -> Any:
    from jixiao.web.targets.models import TargetTable

    data = {"kind": "project_target", "unit": world.orgs["unit_a1"].pk, "year": 2025, **values}
    response = world.client("filer_a1").post("/tables/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    pk = int(response["Location"].rstrip("/").split("/")[-2])
    assert response["Location"].endswith(f"/tables/{pk}/edit/")
    return TargetTable.objects.get(pk=pk)


def test_a_project_table_is_created_and_filled_in_the_browser(world: World, reload: Any) -> None:
    page = world.client("filer_a1").get("/tables/new/")
    assert page.status_code == 200 and "项目支出绩效目标表" in page.content.decode()
    table = _create(world, project_name="基层医保经办能力提升", project_code="P-NEW")
    assert (table.status, table.version, table.kind, table.unit_name) == (
        "draft",
        1,
        "project_target",
        "卢龙县医疗保障局本级",
    )
    assert table.project.name == "基层医保经办能力提升" and table.transitions.get().action == "create"
    assert table.indicators.count() == 0
    data = edit_form_data(
        table,
        header={"funds_total": "20", "funds_fiscal": "15", "funds_carryover": "5", "funds_midterm_total": "60",
                "money_unit": "万元", "annual_goals": "完成经办人员培训\n提升办理时效"},
    )  # fmt: skip
    data.update({"rows-TOTAL_FORMS": 1, "rows-0-row_id": "", "rows-0-level1": "产出指标", "rows-0-level2": "数量指标",
                 "rows-0-name": "培训人次", "rows-0-value": "≥200人次", "rows-0-weight": "20",
                 "rows-0-direction": "正向", "rows-0-nature": "定量"})  # fmt: skip
    response = world.client("filer_a1").post(f"/tables/{table.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    table = reload(table)
    assert (table.funds_total, table.funds_carryover, table.funds_midterm_total) == ("20", "5", "60")
    assert table.annual_goals == ["完成经办人员培训", "提升办理时效"]
    row = table.indicators.get()
    assert (row.name, row.op, row.number, row.unit, row.direction, row.nature) == (
        "培训人次", ">=", "200", "人次", "正向", "定量"
    )  # fmt: skip


def test_a_department_table_carries_its_tasks(world: World, reload: Any) -> None:
    table = _create(world, kind="department_target")
    assert (table.kind, table.subject, table.project.name) == (
        "department_target",
        "department",
        "卢龙县医疗保障局本级",
    )
    tasks = [{"name": "医保基金监管", "content": "开展专项检查", "status": "检查覆盖率100%",
              "budget": {"total": "30", "fiscal": "30", "other": None}}]  # fmt: skip
    data = edit_form_data(table, header={"tasks": json.dumps(tasks, ensure_ascii=False)})
    assert world.client("filer_a1").post(f"/tables/{table.pk}/edit/", data).status_code == 302
    stored = reload(table).tasks
    assert stored[0]["name"] == "医保基金监管" and stored[0]["budget"]["total"] == "30"
    page = world.client("filer_a1").get(f"/tables/{table.pk}/edit/").content.decode()
    assert "医保基金监管" in page and "年度主要任务" in page


def test_who_may_create_a_table(world: World) -> None:
    assert world.client("anonymous").get("/tables/new/").status_code == 302  # to the login page
    for role in ("reviewer_a", "analyst_a"):
        assert world.client(role).get("/tables/new/").status_code == 403, role
    # a filer cannot create a table for another unit than its own
    other = {"kind": "project_target", "unit": world.orgs["unit_a2"].pk, "year": 2025, "project_name": "越权"}
    assert world.client("filer_a1").post("/tables/new/", other).status_code == 400


def test_a_duplicate_project_or_a_nameless_project_table_is_refused(world: World) -> None:
    filer = world.client("filer_a1")
    unit = world.orgs["unit_a1"].pk
    assert filer.post("/tables/new/", {"kind": "project_target", "unit": unit, "year": 2025}).status_code == 400
    duplicate = {
        "kind": "project_target",
        "unit": unit,
        "year": 2024,
        "project_name": "草稿项目",
        "project_code": "P-DRAFT",
    }
    response = filer.post("/tables/new/", duplicate)
    assert response.status_code == 400 and "已有此项目" in response.content.decode()


def _fragment(html: str, element_id: str) -> str:
    start = html.index(f'<div id="{element_id}" hx-swap-oob="true">')
    return html[start : html.index("\n", start)]


def test_findings_are_checked_while_typing_without_saving(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    filer = world.client("filer_a1")
    url = f"/tables/{table.pk}/check/"
    as_stored = filer.post(url, edit_form_data(table), headers={"HX-Request": "true"}).content.decode()
    assert "[R06]" in _fragment(as_stored, "row-findings-0")  # a rate filed under 数量指标
    fixed = filer.post(url, edit_form_data(table, rows={0: {"level2": "质量指标"}}), headers={"HX-Request": "true"})
    assert "[R06]" not in _fragment(fixed.content.decode(), "row-findings-0")  # gone as soon as it is fixed
    other_unit = filer.post(
        url, edit_form_data(table, header={"unit_name": "另一个单位"}), headers={"HX-Request": "true"}
    )
    assert "[U01]" in _fragment(other_unit.content.decode(), "notes-unit_name")
    assert reload(table).lock_version == 1 and table.unit_name == "卢龙县医疗保障局本级"  # nothing was saved
    assert world.client("reviewer_a").post(url, edit_form_data(table)).status_code == 403
