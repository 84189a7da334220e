"""The review chain with its real levels in Debian's chromium (Playwright's python API, never ``playwright install``).

A filer submits; the unit approver returns it with a comment on one indicator; the filer inserts an indicator
above the commented one (the comment stays on its indicator) and resubmits; the unit approver, the department
reviewer and the finance reviewer pass it on and approve it; the reviewer publishes (批复); the filer starts
调整 with a reason, adds a row, and the diff shows exactly one added row. Screenshots of every step go to
``tests/artifacts/browser/`` (git-ignored).
"""

from __future__ import annotations

from typing import Any

import pytest
from test_browser import Session, browser  # noqa: F401  (the chromium fixture and one-person sessions)
from web_helpers import make_org, make_user, small_table

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ADDED = "新增"  # the diff's label of an added row in zh-hans


def test_chain_of_levels_in_chromium(transactional_db: Any, live_server: Any, browser: Any) -> None:  # noqa: F811
    from jixiao.web.reviews.models import ReviewComment
    from jixiao.web.targets.models import TargetTable
    from jixiao.web.targets.services import create_version

    bureau = make_org("卢龙县财政局", "finance", layout="lulong")
    department = make_org("卢龙县医疗保障局", "department", bureau, "450")
    unit = make_org("卢龙县医疗保障局本级", "unit", department, "450001")
    users = {
        "filer": make_user("filer", "filer", unit),
        "approver": make_user("approver", "approver", unit),
        "dept": make_user("dept", "department_reviewer", department),
        "reviewer": make_user("reviewer", "reviewer", bureau),
    }
    table = create_version(core=small_table("医保经办能力提升", unit_code=unit.code, unit_name=unit.name,
                                            code="P-1"), unit=unit, year=2024, user=users["filer"])  # fmt: skip
    second = table.indicators.order_by("position")[1]
    base = live_server.url

    # 1. the filer submits: 单位审核
    filer = Session(browser, base, "filer")
    filer.go(f"/tables/{table.pk}/")
    filer.page.click("#submit-button")
    filer.page.wait_for_selector(".status-unit_review")
    filer.shot("30-submitted-unit-review")

    # 2. the unit approver finds it in the queue, returns it with a comment on the second indicator
    approver = Session(browser, base, "approver")
    approver.go("/reviews/queue/")
    assert "医保经办能力提升" in approver.page.inner_text("main") and "单位审核中" in approver.page.inner_text("main")
    approver.shot("31-approver-queue")
    approver.go(f"/tables/{table.pk}/review/")
    approver.page.fill(f"textarea[name='comment-{second.pk}']", "指标值请按批复口径填写")
    approver.shot("32-approver-comment")
    approver.page.click("#return-button")
    approver.page.wait_for_selector(".status-returned")
    comment = ReviewComment.objects.get(table=table)
    assert comment.indicator_id == second.pk

    # 3. the filer inserts an indicator above the commented one: the comment stays on its indicator
    filer.go(f"/tables/{table.pk}/edit/")
    filer.page.click("#row-0 button[value='add:0']")  # a new row below the first, above the commented one (htmx)
    filer.page.wait_for_selector("#row-7")
    filer.page.fill("input[name='rows-1-level1']", "产出指标")
    filer.page.fill("input[name='rows-1-level2']", "质量指标")
    filer.page.fill("textarea[name='rows-1-name']", "经办差错率（%）")
    filer.page.fill("input[name='rows-1-value']", "≤1%")
    filer.page.fill("#id_reason", "按审核意见增加质量指标")
    filer.page.click("#save-button")
    filer.page.wait_for_selector(".messages .success")
    filer.shot("33-indicator-inserted")
    rows = list(TargetTable.objects.get(pk=table.pk).indicators.order_by("position"))
    assert [r.name for r in rows][1] == "经办差错率（%）"
    comment.refresh_from_db()
    assert comment.indicator_id == second.pk and rows[2].pk == second.pk  # the comment moved down with its row
    filer.go(f"/tables/{table.pk}/")
    filer.page.click("#submit-button")
    filer.page.wait_for_selector(".status-unit_review")

    # 4. the chain of approvals: 单位审核 → 主管部门审核 → 财政审核 → 审核通过 → 批复
    approver.go(f"/tables/{table.pk}/review/")
    approver.page.click("#approve-button")
    approver.page.wait_for_selector(".status-department_review")
    dept = Session(browser, base, "dept")
    dept.go("/reviews/queue/")
    assert "主管部门审核中" in dept.page.inner_text("main")
    dept.shot("34-department-queue")
    dept.go(f"/tables/{table.pk}/review/")
    dept.page.click("#approve-button")
    dept.page.wait_for_selector(".status-submitted")
    reviewer = Session(browser, base, "reviewer")
    reviewer.go(f"/tables/{table.pk}/review/")
    assert "财政审核中" in reviewer.page.inner_text("#review-level")
    reviewer.page.click("#approve-button")
    reviewer.page.wait_for_selector(".status-approved")
    reviewer.page.click("#publish-button")
    reviewer.page.wait_for_selector(".status-published")
    reviewer.shot("35-published")
    actions = list(TargetTable.objects.get(pk=table.pk).transitions.values_list("action", "user__username"))
    assert actions == [("create", "filer"), ("submit", "filer"), ("return", "approver"), ("submit", "filer"),
                       ("forward", "approver"), ("forward", "dept"), ("approve", "reviewer"),
                       ("publish", "reviewer")]  # fmt: skip

    # 5. 调整 with a reason (refused without one), one row added, the diff shows exactly one added row
    filer.go(f"/tables/{table.pk}/")
    filer.page.fill("#workflow-actions input[name=remark]", "年中追加预算")
    filer.page.click("#adjust-button")
    filer.page.wait_for_selector("#edit-form")
    v2 = TargetTable.objects.get(project=table.project, version=2)
    assert v2.transitions.get().remark == "年中追加预算"
    filer.page.click("#add-row")
    filer.page.wait_for_selector("#row-8")
    filer.page.fill("input[name='rows-8-level1']", "效益指标")
    filer.page.fill("input[name='rows-8-level2']", "社会效益指标")
    filer.page.fill("textarea[name='rows-8-name']", "参保群众办事时间缩短")
    filer.page.fill("input[name='rows-8-value']", "明显缩短")
    filer.page.fill("#id_reason", "调整：增加效益指标")
    filer.page.click("#save-button")
    filer.page.wait_for_selector(".messages .success")
    filer.go(f"/tables/{v2.pk}/diff/?other={table.pk}")
    filer.shot("36-adjustment-diff")
    diff = filer.page.inner_text("#row-diff")
    assert "参保群众办事时间缩短" in diff
    lines = filer.page.locator("#row-diff tr").all_inner_texts()[1:]  # one line per changed field
    changed_rows = {tuple(line.split("\t")[:2]) for line in lines}
    assert len(changed_rows) == 1 and next(iter(changed_rows))[1].strip() == ADDED, changed_rows
