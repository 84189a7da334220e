"""The workflow's real levels: 单位审核 → 主管部门审核 (where the tree has one) → 财政审核 → 批复; 撤回 before the
unit approver opens a submission; an error explained by the filer and waived by a reviewer; 调整 needs a reason;
the rule profile chosen per bureau and year; the queues; the organisation tree's progress."""

from __future__ import annotations

import json
from typing import Any

import pytest
from web_helpers import World, make_org, make_user, small_table


def statuses_through(world: World, table: Any, *steps: tuple[str, str]) -> list[str]:
    from jixiao.web.reviews.workflow import apply

    seen = []
    for action, user in steps:
        seen.append(apply(table, action, world.users[user], remark="审核意见").status)
    return seen


def test_a_table_climbs_every_level_of_its_tree(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    got = statuses_through(
        world, table,
        ("submit", "filer_a1"), ("forward", "approver_a1"), ("forward", "dept_reviewer_a"),
        ("approve", "reviewer_a"), ("publish", "reviewer_a"),
    )  # fmt: skip
    assert got == ["unit_review", "department_review", "submitted", "approved", "published"]


def test_without_a_department_the_unit_level_passes_straight_to_finance(world: World) -> None:
    from jixiao.web.targets.services import create_version

    bureau = make_org("某县财政局", "finance")
    unit = make_org("某县直属单位", "unit", bureau, "900001")
    world.users["filer_x"] = make_user("filer_x", "filer", unit)
    world.users["approver_x"] = make_user("approver_x", "approver", unit)
    world.users["reviewer_x"] = make_user("reviewer_x", "reviewer", bureau)
    table = create_version(core=small_table("直属项目", unit_code=unit.code, unit_name=unit.name, code="X1"),
                           unit=unit, year=2024, user=world.users["filer_x"])  # fmt: skip
    got = statuses_through(world, table, ("submit", "filer_x"), ("approve", "approver_x"), ("approve", "reviewer_x"))
    assert got == ["unit_review", "submitted", "approved"]  # 单位审核 → 财政审核: no department above the unit


def test_each_level_may_return_with_a_comment_on_one_indicator(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    statuses_through(world, table, ("submit", "filer_a1"))
    first = table.indicators.order_by("position").first()
    approver = world.client("approver_a1")
    page = approver.get(f"/tables/{table.pk}/review/")
    assert page.status_code == 200 and "单位审核中" in page.content.decode()
    response = approver.post(
        f"/tables/{table.pk}/review/", {"decision": "return", f"comment-{first.pk}": "请核实指标值"}
    )
    assert response.status_code == 302 and reload(table).status == "returned"
    comment = table.comments.get()
    assert comment.indicator == first and comment.author == world.users["approver_a1"]
    # the department reviewer returns too
    statuses_through(world, table, ("submit", "filer_a1"), ("forward", "approver_a1"))
    response = world.client("dept_reviewer_a").post(
        f"/tables/{table.pk}/review/", {"decision": "return", "comment": "补充"}
    )
    assert response.status_code == 302 and reload(table).status == "returned"


def test_queues_hold_what_waits_at_each_role(world: World) -> None:
    table = world.tables["draft"]
    statuses_through(world, table, ("submit", "filer_a1"))
    approver_queue = world.client("approver_a1").get("/reviews/queue/").content.decode()
    assert table.display_name in approver_queue and "单位审核中" in approver_queue
    dept_queue = world.client("dept_reviewer_a").get("/reviews/queue/").content.decode()
    assert table.display_name not in dept_queue
    statuses_through(world, table, ("forward", "approver_a1"))
    assert table.display_name in world.client("dept_reviewer_a").get("/reviews/queue/").content.decode()
    finance_queue = world.client("reviewer_a").get("/reviews/queue/").content.decode()
    assert world.tables["submitted"].display_name in finance_queue and table.display_name not in finance_queue
    assert "暂无待您审核的表" in world.client("reviewer_b").get("/reviews/queue/").content.decode()


def test_withdraw_only_before_the_unit_approver_opens_it(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    filer = world.client("filer_a1")
    statuses_through(world, table, ("submit", "filer_a1"))
    assert filer.post(f"/tables/{table.pk}/do/withdraw/").status_code == 302
    assert reload(table).status == "draft" and table.transitions.filter(action="withdraw").exists()
    statuses_through(world, table, ("submit", "filer_a1"))
    assert world.client("approver_a1").get(f"/tables/{table.pk}/review/").status_code == 200  # opened
    page = filer.post(f"/tables/{table.pk}/do/withdraw/", follow=True)
    assert reload(table).status == "unit_review" and "不能再撤回" in page.content.decode()


def test_an_explained_error_goes_to_review_and_is_waived_on_record(world: World, reload: Any) -> None:
    from jixiao.web.reviews.models import FindingNote
    from jixiao.web.targets.models import Finding

    table = world.tables["draft"]
    finding = Finding.objects.create(table=table, code="R99", name="测试", severity="error", message="指标值超出范围")
    filer = world.client("filer_a1")
    page = filer.post(f"/tables/{table.pk}/do/submit/", follow=True)
    assert reload(table).status == "draft" and "填写说明" in page.content.decode()  # blocked, with the way out
    notes_url = f"/tables/{table.pk}/findings/notes/"
    assert filer.post(notes_url, {"finding": finding.pk, "explanation": "按上级批复口径填列"}).status_code == 302
    assert filer.post(f"/tables/{table.pk}/do/submit/").status_code == 302 and reload(table).status == "unit_review"
    statuses_through(world, table, ("forward", "approver_a1"), ("forward", "dept_reviewer_a"))
    reviewer = world.client("reviewer_a")
    page = reviewer.post(f"/tables/{table.pk}/review/", {"decision": "approve"}, follow=True)
    assert reload(table).status == "submitted" and "未豁免" in page.content.decode()
    assert "按上级批复口径填列" in reviewer.get(notes_url).content.decode()
    assert reviewer.post(notes_url, {"finding": finding.pk, "waive": "1", "remark": "依据充分"}).status_code == 302
    note = FindingNote.objects.get(table=table)
    assert note.waived and note.waived_by == world.users["reviewer_a"]
    assert note.history.count() == 2 and table.transitions.filter(action="waive", remark__contains="依据充分").exists()
    assert reviewer.post(f"/tables/{table.pk}/review/", {"decision": "approve"}).status_code == 302
    assert reload(table).status == "approved"


def test_adjustment_needs_a_reason(world: World, reload: Any) -> None:
    table = world.tables["published"]
    filer = world.client("filer_a1")
    page = filer.post(f"/tables/{table.pk}/do/adjust/", {"remark": "  "}, follow=True)
    assert "调整须填写理由" in page.content.decode() and table.project.tables.count() == 1
    response = filer.post(f"/api/tables/{table.pk}/transitions", json.dumps({"action": "adjust"}),
                          content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert filer.post(f"/tables/{table.pk}/do/adjust/", {"remark": "预算追加"}).status_code == 302
    assert table.project.tables.get(version=2).transitions.get().remark == "预算追加"


def test_rule_profile_is_chosen_per_bureau_and_year(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.rules
    from jixiao.web.organisations.models import RuleProfileChoice, rule_profile_for
    from jixiao.web.targets.services import create_version

    RuleProfileChoice.objects.create(organisation=world.orgs["bureau_a"], year=2024, profile="central-2021")
    unit_a, unit_b = world.orgs["unit_a1"], world.orgs["unit_b1"]
    assert rule_profile_for(unit_a, 2024, "national-2020") == "central-2021"
    assert rule_profile_for(unit_a, 2023, "national-2020") == "national-2020"  # another year
    assert rule_profile_for(unit_b, 2024, "national-2020") == "national-2020"  # another bureau
    used: list[str] = []
    real = jixiao.rules.review

    def spy(document: Any, *, profile: Any = None, **kwargs: Any) -> Any:
        used.append(profile)
        return real(document, profile=profile, **kwargs)

    monkeypatch.setattr(jixiao.rules, "review", spy)
    create_version(core=small_table("规则项目", code="R-A"), unit=unit_a, year=2024, user=world.users["filer_a1"])
    create_version(core=small_table("规则项目", code="R-B"), unit=unit_b, year=2024, user=world.users["filer_b1"])
    assert used == ["central-2021", "national-2020"]
