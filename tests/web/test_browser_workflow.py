"""A year's filing in Debian's chromium, in one run (Playwright's python API, never ``playwright install``).

A filer creates a table from scratch (新建), watches a finding appear and go while typing (htmx), saves and
submits; the unit approver returns it with a comment on one indicator; the filer inserts an indicator above the
commented one (the comment stays on its indicator) and resubmits; the unit approver, the department reviewer
and the finance reviewer pass it on and approve it; the reviewer publishes (批复); the filer starts 调整 with a
reason and adds a row; the diff shows exactly one added row; the bureau's bound year PDF, downloaded in the
browser and read back with jixiao's own PDF reader, holds the published version and not the 调整 draft.
Screenshots of every step (and the PDF) go to ``tests/artifacts/browser/`` (git-ignored).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from test_browser import SHOTS, Session, browser  # noqa: F401  (the chromium fixture and one-person sessions)
from web_helpers import make_org, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ADDED = "新增"  # the diff's label of an added row in zh-hans
YEAR = "2027"
# the rows the filer types: 产出 / 效益 / 满意度, so the table has no error and can be submitted
ROWS = [
    ("产出指标", "质量指标", "业务办结率（%）", "≥98%"),
    ("产出指标", "数量指标", "培训经办人员", "≥200人次"),
    ("效益指标", "社会效益指标", "参保群众办事便利度", "明显提升"),
    ("满意度指标", "服务对象满意度指标", "参保群众满意度（%）", "≥90%"),
]
INSERTED = ("产出指标", "质量指标", "经办差错率（%）", "≤1%")  # above the commented row, after the return
ADJUSTED = ("效益指标", "社会效益指标", "参保群众办事时间缩短", "明显缩短")  # the 调整 draft's added row


def fill_row(session: Session, index: int, row: tuple[str, str, str, str]) -> None:
    level1, level2, name, value = row
    session.page.fill(f"input[name='rows-{index}-level1']", level1)
    session.page.fill(f"input[name='rows-{index}-level2']", level2)
    session.page.fill(f"textarea[name='rows-{index}-name']", name)
    session.page.fill(f"input[name='rows-{index}-value']", value)


def add_row(session: Session, index: int) -> None:
    session.page.click("#add-row")  # htmx: the rows come back with one more, no page load
    session.page.wait_for_selector(f"input[name='rows-{index}-level1']")


def pdf_text(path: Path) -> tuple[str, list[str]]:
    """All the text of a PDF, and its indicators' names as jixiao's own reader reads them back."""
    from jixiao.grid import Grid, Paragraph
    from jixiao.parsing import parse_bytes
    from jixiao.readers import read

    source = read(path)
    text = "\n".join(
        block.text if isinstance(block, Paragraph) else "\n".join(c.text for row in block.rows for c in row)
        for block in source.blocks
        if isinstance(block, Paragraph | Grid)
    )
    reading = parse_bytes(path.read_bytes(), path.name)
    return text, [i.name or "" for table in reading.document.tables for i in table.indicators]


def test_a_year_of_filing_in_chromium(transactional_db: Any, live_server: Any, browser: Any) -> None:  # noqa: F811
    from jixiao.web.reviews.models import ReviewComment
    from jixiao.web.targets.models import TargetTable

    bureau = make_org("卢龙县财政局", "finance", layout="lulong")
    department = make_org("卢龙县医疗保障局", "department", bureau, "450")
    unit = make_org("卢龙县医疗保障局本级", "unit", department, "450001")
    for username, role, organisation in (("filer", "filer", unit), ("approver", "approver", unit),
                                         ("dept", "department_reviewer", department),
                                         ("reviewer", "reviewer", bureau)):  # fmt: skip
        make_user(username, role, organisation)
    base = live_server.url

    # 1. 新建: the filer creates the table in the browser
    filer = Session(browser, base, "filer")
    filer.go("/tables/new/")
    filer.page.select_option("#id_kind", "project_target")
    filer.page.fill("#id_year", YEAR)
    filer.page.fill("#id_project_name", "医保经办能力提升")
    filer.page.fill("#id_project_code", "YB-2027-01")
    filer.shot("30-new-table")
    filer.page.click("#new-table button[type=submit]")
    filer.page.wait_for_selector("#edit-form")
    table = TargetTable.objects.get(unit=unit)
    assert (table.status, table.year, table.indicators.count()) == ("draft", int(YEAR), 0)

    # 2. the header and the first row; a finding appears while typing and goes when the row is put right
    filer.page.fill("#id_funds_total", "20")
    filer.page.fill("#id_funds_fiscal", "20")
    filer.page.fill("#id_annual_goals", "开展经办人员业务培训，提高业务办结率，方便参保群众办事。")
    add_row(filer, 0)
    fill_row(filer, 0, (ROWS[0][0], "数量指标", ROWS[0][2], ROWS[0][3]))  # a rate under 数量指标: R06
    # waited for by locator: a string predicate would need eval, which the Content-Security-Policy forbids
    filer.page.locator("#row-findings-0 .finding", has_text="R06").wait_for()
    filer.shot("31-finding-while-typing")
    filer.page.fill("input[name='rows-0-level2']", ROWS[0][1])
    filer.page.locator("#row-findings-0 .finding", has_text="R06").wait_for(state="detached")
    filer.shot("32-finding-gone")
    filer.page.fill("#id_unit_name", "别的单位")  # a unit other than the organisation's: U01 beside the field
    filer.page.locator("#notes-unit_name .finding", has_text="U01").wait_for()
    filer.page.fill("#id_unit_name", unit.name)
    filer.page.locator("#notes-unit_name .finding", has_text="U01").wait_for(state="detached")
    for index, row in enumerate(ROWS[1:], start=1):
        add_row(filer, index)
        fill_row(filer, index, row)
    filer.page.fill("#id_reason", "新建绩效目标表")
    filer.page.click("#save-button")
    filer.page.wait_for_selector(".messages .success")
    filer.shot("33-saved")
    table.refresh_from_db()
    rows = list(table.indicators.order_by("position"))
    assert [(r.level1, r.level2, r.name, r.value) for r in rows] == ROWS
    assert (rows[0].op, rows[0].number, rows[0].unit) == (">=", "98", "%")
    assert (table.error_count, table.project.name, table.project.code) == (0, "医保经办能力提升", "YB-2027-01")
    commented = rows[1]

    # 3. 送审: 单位审核
    filer.go(f"/tables/{table.pk}/")
    filer.page.click("#submit-button")
    filer.page.wait_for_selector(".status-unit_review")
    filer.shot("34-submitted-unit-review")

    # 4. the unit approver finds it in the queue, returns it with a comment on the second indicator
    approver = Session(browser, base, "approver")
    approver.go("/reviews/queue/")
    assert "医保经办能力提升" in approver.page.inner_text("main") and "单位审核中" in approver.page.inner_text("main")
    approver.shot("35-approver-queue")
    approver.go(f"/tables/{table.pk}/review/")
    approver.page.fill(f"textarea[name='comment-{commented.pk}']", "培训人次请按批复口径填写")
    approver.shot("36-approver-comment")
    approver.page.click("#return-button")
    approver.page.wait_for_selector(".status-returned")
    comment = ReviewComment.objects.get(table=table)
    assert comment.indicator_id == commented.pk

    # 5. the filer inserts an indicator above the commented one: the comment stays on its indicator
    filer.go(f"/tables/{table.pk}/edit/")
    assert "培训人次请按批复口径填写" in filer.page.inner_text("#row-1")
    filer.page.click("#row-0 button[value='add:0']")  # a new row below the first, above the commented one (htmx)
    filer.page.wait_for_selector(f"#row-{len(ROWS)}")
    fill_row(filer, 1, INSERTED)
    filer.page.fill("#id_reason", "按审核意见增加质量指标")
    filer.page.click("#save-button")
    filer.page.wait_for_selector(".messages .success")
    assert "培训人次请按批复口径填写" in filer.page.inner_text("#row-2")  # shown beside its row, now the third
    filer.shot("37-indicator-inserted")
    rows = list(TargetTable.objects.get(pk=table.pk).indicators.order_by("position"))
    assert [r.name for r in rows] == [ROWS[0][2], INSERTED[2], *(r[2] for r in ROWS[1:])]
    comment.refresh_from_db()
    assert comment.indicator_id == commented.pk and rows[2].pk == commented.pk  # moved down with its row
    filer.go(f"/tables/{table.pk}/")
    filer.page.click("#submit-button")
    filer.page.wait_for_selector(".status-unit_review")

    # 6. the chain of approvals: 单位审核 → 主管部门审核 → 财政审核 → 审核通过 → 批复
    approver.go(f"/tables/{table.pk}/review/")
    approver.page.click("#approve-button")
    approver.page.wait_for_selector(".status-department_review")
    dept = Session(browser, base, "dept")
    dept.go("/reviews/queue/")
    assert "主管部门审核中" in dept.page.inner_text("main")
    dept.shot("38-department-queue")
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
    reviewer.shot("39-published")
    actions = list(TargetTable.objects.get(pk=table.pk).transitions.values_list("action", "user__username"))
    assert actions == [("create", "filer"), ("submit", "filer"), ("return", "approver"), ("submit", "filer"),
                       ("forward", "approver"), ("forward", "dept"), ("approve", "reviewer"),
                       ("publish", "reviewer")]  # fmt: skip

    # 7. 调整 with a reason, one row added, the diff shows exactly one added row
    filer.go(f"/tables/{table.pk}/")
    filer.page.fill("#workflow-actions input[name=remark]", "年中追加预算")
    filer.page.click("#adjust-button")
    filer.page.wait_for_selector("#edit-form")
    v2 = TargetTable.objects.get(project=table.project, version=2)
    assert v2.transitions.get().remark == "年中追加预算"
    last = len(ROWS) + 1
    add_row(filer, last)
    fill_row(filer, last, ADJUSTED)
    filer.page.fill("#id_reason", "调整：增加效益指标")
    filer.page.click("#save-button")
    filer.page.wait_for_selector(".messages .success")
    filer.go(f"/tables/{v2.pk}/diff/?other={table.pk}")
    filer.shot("40-adjustment-diff")
    assert ADJUSTED[2] in filer.page.inner_text("#row-diff")
    lines = filer.page.locator("#row-diff tr").all_inner_texts()[1:]  # one line per changed field
    changed_rows = {tuple(line.split("\t")[:2]) for line in lines}
    assert len(changed_rows) == 1 and next(iter(changed_rows))[1].strip() == ADDED, changed_rows

    # 8. the bureau binds the unit's year as a PDF: the published version, not the 调整 draft
    reviewer.go(f"/tables/?unit={unit.pk}&year={YEAR}")
    reviewer.page.select_option("#bound-form select[name=format]", "pdf")
    reviewer.shot("41-bound-year-form")
    reviewer.page.click("#bound-form button[type=submit]")  # a background job: its page polls
    reviewer.page.wait_for_selector("#job-status")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    reviewer.page.wait_for_selector("#job-download", timeout=60_000)  # htmx polled the finished job in
    reviewer.shot("42-bound-year-job-done")
    with reviewer.page.expect_download(timeout=60_000) as download:
        reviewer.page.click("#job-download")
    bound = SHOTS / "42-bound-year.pdf"
    download.value.save_as(bound)
    assert bound.read_bytes().startswith(b"%PDF")
    text, names = pdf_text(bound)
    assert "医保经办能力提升" in text
    assert names == [ROWS[0][2], INSERTED[2], *(r[2] for r in ROWS[1:])], names  # version 1 as published
    assert ADJUSTED[2] not in text  # the unpublished 调整 draft is not bound …
    assert "草稿" not in text and "审核中" not in text  # … and nothing in the file needs a draft's mark
