"""The review workflow through the pages: edit, submit, return with a per-indicator comment, fix, resubmit,
approve, publish, adjust into a new version; history and diff show each step with its user."""

from __future__ import annotations

import re
from typing import Any

from web_helpers import World, edit_form_data


def rows_of(table: Any) -> list[Any]:
    return list(table.indicators.order_by("position"))


def pass_on_to_finance(world: World, table: Any) -> None:
    """The unit approver and the department reviewer pass a submitted table on to 财政审核."""
    from jixiao.web.reviews.workflow import apply

    apply(table, "forward", world.users["approver_a1"])
    apply(table, "forward", world.users["dept_reviewer_a"])
    assert type(table).objects.get(pk=table.pk).status == "submitted"


def test_full_cycle_through_the_pages(world: World, reload: Any) -> None:
    filer, reviewer = world.client("filer_a1"), world.client("reviewer_a")
    table = world.tables["draft"]
    first = rows_of(table)[0]
    assert first.level2 == "数量指标" and first.name == "问题回查率（%）"
    assert table.findings.filter(code="R06", indicator=first).exists()  # rate under quantity, marked on its row

    # the filer edits a description and saves; the rules run again
    response = filer.post(
        f"/tables/{table.pk}/edit/", edit_form_data(table, rows={1: {"description": "新的描述"}}, reason="补充描述")
    )
    assert response.status_code == 302
    table = reload(table)
    assert table.lock_version == 2 and rows_of(table)[1].description == "新的描述"
    assert table.midterm_goal is None and table.funds_other == ""  # null stays null, empty stays empty (jixiao/1)
    assert filer.post(f"/tables/{table.pk}/do/submit/").status_code == 302
    assert reload(table).status == "unit_review"
    assert filer.get(f"/tables/{table.pk}/edit/").status_code == 403  # submitted: read-only for the unit
    pass_on_to_finance(world, table)

    # the reviewer returns it with a comment on 问题回查率（%）
    page = reviewer.get(f"/tables/{table.pk}/review/")
    assert page.status_code == 200 and f'name="comment-{first.pk}"'.encode() in page.content
    response = reviewer.post(
        f"/tables/{table.pk}/review/", {"decision": "return", f"comment-{first.pk}": "比率指标请放到质量指标"}
    )
    assert response.status_code == 302 and reload(table).status == "returned"
    comment = table.comments.get()
    assert comment.indicator == first and comment.author == world.users["reviewer_a"] and not comment.resolved

    # the filer sees the comment beside the row, moves the indicator, resolves the comment, resubmits
    edit_page = filer.get(f"/tables/{table.pk}/edit/")
    assert "比率指标请放到质量指标" in edit_page.content.decode()
    table = reload(table)
    response = filer.post(
        f"/tables/{table.pk}/edit/", edit_form_data(table, rows={0: {"level2": "质量指标"}}, reason="按意见调整")
    )
    assert response.status_code == 302
    assert rows_of(table)[0].level2 == "质量指标"
    assert not table.findings.filter(code="R06").exists()  # the finding went away with the fix
    assert filer.post(f"/comments/{comment.pk}/resolve/", {"resolution": "已移到质量指标"}).status_code == 302
    assert reload(comment).resolved and comment.resolved_by == world.users["filer_a1"]
    assert filer.post(f"/tables/{table.pk}/do/submit/").status_code == 302
    pass_on_to_finance(world, table)

    # approve, publish
    assert reviewer.post(f"/tables/{table.pk}/review/", {"decision": "approve"}).status_code == 302
    assert reload(table).status == "approved"
    assert reviewer.post(f"/tables/{table.pk}/do/publish/").status_code == 302
    assert reload(table).status == "published"

    # the workflow log names who did each step
    steps = [(t.action, t.user.username) for t in table.transitions.order_by("at", "pk")]
    levels = [("forward", "approver_a1"), ("forward", "dept_reviewer_a")]
    assert steps == [("create", "filer_a1"), ("submit", "filer_a1"), *levels, ("return", "reviewer_a"),
                     ("submit", "filer_a1"), *levels, ("approve", "reviewer_a"), ("publish", "reviewer_a")]  # fmt: skip

    # the history page shows each step with its user, and the indicator change with its reason
    history = filer.get(f"/tables/{table.pk}/history/").content.decode()
    for text in ("filer_a1", "reviewer_a", "按意见调整", "问题回查率（%）", "比率指标请放到质量指标"):
        assert text in history, text
    # the indicator's move is shown field by field: 二级指标 数量指标 → 质量指标
    assert re.search(r"<del>数量指标</del> → <ins>质量指标</ins>", history)

    # 调整: a new draft version; the published one stays readable and unchanged
    response = filer.post(f"/tables/{table.pk}/do/adjust/", {"remark": "预算追加"})
    assert response.status_code == 302
    v2 = table.project.tables.get(version=2)
    assert v2.status == "draft" and v2.is_current and not reload(table).is_current and table.status == "published"
    assert v2.adjusted_from == table and v2.transitions.get().action == "adjust"
    assert filer.get(f"/tables/{table.pk}/").status_code == 200
    assert filer.get(f"/tables/{table.pk}/edit/").status_code == 403  # old versions never change
    response = filer.post(f"/tables/{v2.pk}/edit/", edit_form_data(v2, rows={2: {"value": "2025年6月30日之前"}}))
    assert response.status_code == 302
    diff = filer.get(f"/tables/{v2.pk}/diff/?other={table.pk}").content.decode()
    assert "2025年6月30日之前" in diff and "2024年12月31日之前" in diff


def test_return_needs_a_reason(world: World, reload: Any) -> None:
    table = world.tables["submitted"]
    response = world.client("reviewer_a").post(f"/tables/{table.pk}/review/", {"decision": "return"}, follow=True)
    assert reload(table).status == "submitted"
    assert (
        "reason" in response.content.decode()
        or "理由" in response.content.decode()
        or "意见" in response.content.decode()
    )


def test_submit_is_refused_while_errors_remain(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    # removing every 效益指标 row makes the table incomplete: an error finding (R03) that blocks submission
    data = edit_form_data(table)
    for i, row in enumerate(rows_of(table)):
        if row.level1 == "效益指标":
            data[f"rows-{i}-DELETE"] = "on"
    filer = world.client("filer_a1")
    assert filer.post(f"/tables/{table.pk}/edit/", data).status_code == 302
    table = reload(table)
    assert table.error_count >= 1 and table.findings.filter(severity="error").exists()
    filer.post(f"/tables/{table.pk}/do/submit/")
    assert reload(table).status == "draft"


def test_bulk_approve_skips_tables_with_errors(world: World, reload: Any) -> None:
    from jixiao.web.reviews.workflow import apply

    ok, broken = world.tables["submitted"], world.tables["draft"]
    apply(broken, "submit", world.users["filer_a1"])
    pass_on_to_finance(world, broken)
    type(broken).objects.filter(pk=broken.pk).update(error_count=2)  # as if a rule now found errors
    response = world.client("reviewer_a").post("/tables/bulk-approve/", {"pk": [ok.pk, broken.pk]}, follow=True)
    assert response.status_code == 200
    assert reload(ok).status == "approved" and reload(broken).status == "submitted"
    assert broken.display_name in response.content.decode()


def test_dashboard_lists_work_for_each_role(world: World) -> None:
    filer_page = world.client("filer_a1").get("/").content.decode()
    reviewer_page = world.client("reviewer_a").get("/").content.decode()
    assert "草稿项目" in filer_page and "退回项目" in filer_page  # my drafts, returned
    assert "送审项目" in reviewer_page  # awaiting my review
    assert "重庆项目" not in filer_page and "重庆项目" not in reviewer_page
    approver_page = world.client("approver_a1").get("/").content.decode()
    assert "草稿项目" in approver_page and "送审项目" not in approver_page.split('id="awaiting-review"')[1]


def test_conflicting_saves_show_both_versions(world: World, reload: Any) -> None:
    """Two people open the same draft; the second save gets a conflict page and overwrites nothing."""
    from jixiao.web.organisations.models import Membership

    Membership.objects.create(user=world.users["approver_a1"], organisation=world.orgs["unit_a1"], role="filer")
    table = world.tables["draft"]
    first, second = world.client("filer_a1"), world.client("approver_a1")
    lock = table.lock_version
    assert (
        first.post(
            f"/tables/{table.pk}/edit/", edit_form_data(table, rows={0: {"name": "甲改的名称"}}, lock_version=lock)
        ).status_code
        == 302
    )
    response = second.post(
        f"/tables/{table.pk}/edit/", edit_form_data(table, rows={0: {"name": "乙改的名称"}}, lock_version=lock)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "甲改的名称" in page and "乙改的名称" in page and "filer_a1" in page
    assert rows_of(reload(table))[0].name == "甲改的名称" and table.lock_version == lock + 1


def test_rows_are_added_removed_and_moved_without_saving(world: World, reload: Any) -> None:
    """The htmx row operations re-render the rows with the edit applied; only Save writes."""
    table = world.tables["draft"]
    filer = world.client("filer_a1")
    names = [r.name for r in rows_of(table)]
    data = edit_form_data(table) | {"op": "down:0"}
    response = filer.post(f"/tables/{table.pk}/edit/", data, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith("<fieldset")  # just the fragment
    assert body.index(names[1]) < body.index(names[0])
    response = filer.post(
        f"/tables/{table.pk}/edit/", edit_form_data(table) | {"op": "add:end"}, headers={"HX-Request": "true"}
    )
    assert 'name="rows-TOTAL_FORMS" value="8"' in response.content.decode()
    response = filer.post(
        f"/tables/{table.pk}/edit/", edit_form_data(table) | {"op": "remove:0"}, headers={"HX-Request": "true"}
    )
    assert names[0] not in response.content.decode() and 'value="6"' in response.content.decode()
    assert [r.name for r in rows_of(reload(table))] == names and table.lock_version == 1

    # saving a moved order persists it
    data = edit_form_data(table)
    swapped = {k.replace("rows-0-", "rows-X-"): v for k, v in data.items() if k.startswith("rows-0-")}
    for k, v in list(data.items()):
        if k.startswith("rows-1-"):
            data[k.replace("rows-1-", "rows-0-")] = v
    for k, v in swapped.items():
        data[k.replace("rows-X-", "rows-1-")] = v
    assert filer.post(f"/tables/{table.pk}/edit/", data).status_code == 302
    assert [r.name for r in rows_of(table)][:2] == [names[1], names[0]]


def test_one_bulk_action_is_one_event(world: World, reload: Any) -> None:
    """Every transition and history row written by one bulk approve carries the same request id."""
    from jixiao.web.reviews.workflow import apply
    from jixiao.web.targets.models import TargetTable

    first, second = world.tables["submitted"], world.tables["draft"]
    apply(second, "submit", world.users["filer_a1"])
    pass_on_to_finance(world, second)
    response = world.client("reviewer_a").post("/tables/bulk-approve/", {"pk": [first.pk, second.pk]})
    assert response.status_code == 302
    request_id = response["X-Request-Id"]
    steps = [t.transitions.get(action="approve") for t in (first, second)]
    assert {s.request_id for s in steps} == {request_id}
    rows = TargetTable.history.filter(id__in=[first.pk, second.pk], status="approved")
    assert rows.count() == 2 and {r.request_id for r in rows} == {request_id}
    assert {r.history_user for r in rows} == {world.users["reviewer_a"]}


def test_an_edit_loaded_before_submission_cannot_land_after_it(world: World, reload: Any) -> None:
    """The filer opens the editor, submits in another tab, then saves the stale form: conflict, nothing written."""
    table = world.tables["draft"]
    filer = world.client("filer_a1")
    stale = edit_form_data(table, rows={0: {"name": "送审后偷偷改"}})
    assert filer.post(f"/tables/{table.pk}/do/submit/").status_code == 302
    response = filer.post(f"/tables/{table.pk}/edit/", stale)
    assert response.status_code in (403, 409)
    assert rows_of(reload(table))[0].name == "问题回查率（%）" and table.status == "unit_review"
