"""The whole review cycle in Debian's chromium (Playwright's python API, never ``playwright install``).

A filer logs in, uploads 001_lulong.docx, opens table 3, fixes the pasted description, submits; the reviewer
returns table 4 with a comment on 问题回查率（%）; the filer sees the comment, moves the indicator to 质量指标,
resubmits; the reviewer approves; the history shows each step with its user. Screenshots of every step go to
``tests/artifacts/browser/``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import ARTIFACTS, FIXTURES, make_org, make_user

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
SHOTS = ARTIFACTS / "browser"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls below are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
            # ORM calls made while Playwright's loop ran used connections of that context: close them here, or
            # they outlive the test database
            from django.db import connections

            connections.close_all()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class Session:
    """One person in their own browser context."""

    def __init__(self, browser: Any, base: str, username: str) -> None:
        self.base = base
        self.page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN").new_page()
        self.page.set_default_timeout(20_000)
        self.page.goto(f"{base}/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", "pw-" + username)
        self.page.click("form button[type=submit].primary")
        self.page.wait_for_url(f"{base}/")

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_review_cycle_in_chromium(transactional_db: Any, live_server: Any, browser: Any) -> None:
    from jixiao.web.targets.models import TargetTable

    bureau = make_org("卢龙县财政局", "finance")
    department = make_org("卢龙县医疗保障局", "department", bureau, "450")
    unit = make_org("卢龙县医疗保障局本级", "unit", department, "450001")
    make_org("卢龙县医疗保险基金管理中心", "unit", department, "450003")
    make_user("filer", "filer", unit)
    make_user("reviewer", "reviewer", bureau)
    approver, dept_reviewer = (
        make_user("approver", "approver", unit),
        make_user("dept", "department_reviewer", department),
    )
    base = live_server.url

    def pass_on(table: Any) -> None:  # 单位审核 and 主管部门审核 (their pages: test_browser_workflow.py)
        from jixiao.web.reviews.workflow import apply

        apply(table, "forward", approver)
        apply(table, "forward", dept_reviewer)

    # 1. the filer logs in and uploads the Word file
    filer = Session(browser, base, "filer")
    filer.shot("01-filer-dashboard")
    filer.go("/tables/import/")
    filer.page.set_input_files("#id_files", str(FIXTURES / "001_lulong.docx"))
    filer.page.click("#upload-button")
    filer.page.wait_for_selector("#confirm-form")
    assert filer.page.locator("tr.preview-table").count() == 14
    filer.shot("02-import-preview")
    filer.page.click("#confirm-button")
    filer.page.wait_for_selector("#table-list")
    filer.shot("03-drafts-created")
    assert TargetTable.objects.filter(unit=unit).count() == 7
    table3 = TargetTable.objects.get(unit=unit, seq=3)
    table4 = TargetTable.objects.get(unit=unit, seq=4)

    # 2. table 3: the pasted description is flagged on its row; the filer fixes it and submits
    filer.page.click(f"a[href='/tables/{table3.pk}/']")
    filer.page.wait_for_selector("#official-layout")
    assert "R41" in filer.page.inner_text("#indicator-0")
    filer.shot("04-table3-pasted-description")
    filer.page.click("#edit-link")
    filer.page.fill("textarea[name='rows-0-description']", "单位在编在岗、保障日常办公的人员数量")
    filer.page.fill("#id_reason", "改正粘贴错的指标描述")
    filer.page.click("#save-button")
    filer.page.wait_for_selector(".messages .success")
    filer.shot("05-table3-fixed")
    assert "R41" not in filer.page.inner_text("#row-0")
    filer.go(f"/tables/{table3.pk}/")
    filer.page.click("#submit-button")
    filer.page.wait_for_selector(".status-unit_review")
    filer.go(f"/tables/{table4.pk}/")
    filer.page.click("#submit-button")
    filer.page.wait_for_selector(".status-unit_review")
    filer.shot("06-table4-submitted")
    pass_on(table4)

    # 3. the reviewer returns table 4 with a comment on 问题回查率（%）
    reviewer = Session(browser, base, "reviewer")
    assert table4.project.name in reviewer.page.inner_text("#awaiting-review")
    reviewer.shot("07-reviewer-dashboard")
    reviewer.go(f"/tables/{table4.pk}/review/")
    reviewer.page.fill("#indicator-0 textarea", "问题回查率是比率，应列在质量指标下")
    reviewer.shot("08-review-comment")
    reviewer.page.click("#return-button")
    reviewer.page.wait_for_selector(".status-returned")
    reviewer.shot("09-returned")

    # 4. the filer sees the comment, moves the indicator to 质量指标, resubmits
    filer.go("/")
    assert table4.project.name in filer.page.inner_text("#returned")
    filer.go(f"/tables/{table4.pk}/")
    assert "问题回查率是比率，应列在质量指标下" in filer.page.inner_text("#open-comments")
    filer.shot("10-filer-sees-comment")
    filer.page.click("#edit-link")
    assert "问题回查率是比率" in filer.page.inner_text("#row-0")
    # htmx: a row added and removed again in place, without a page load and without saving
    filer.page.evaluate("window.notReloaded = true")
    filer.page.click("#add-row")
    filer.page.wait_for_selector("#row-7")
    assert filer.page.evaluate("window.notReloaded") is True
    filer.page.click("#row-7 button[value='remove:7']")
    filer.page.wait_for_selector("#row-7", state="detached")
    filer.page.fill("input[name='rows-0-level2']", "质量指标")
    filer.page.fill("#id_reason", "按审核意见移到质量指标")
    filer.page.click("#save-button")
    filer.page.wait_for_selector(".messages .success")
    filer.shot("11-indicator-moved")
    filer.go(f"/tables/{table4.pk}/")
    filer.page.fill("#open-comments input[name=resolution]", "已移到质量指标")
    filer.page.click("#open-comments button")
    filer.page.wait_for_selector(".messages .success")
    filer.go(f"/tables/{table4.pk}/")
    filer.page.click("#submit-button")
    filer.page.wait_for_selector(".status-unit_review")
    filer.shot("12-resubmitted")
    pass_on(table4)

    # 5. the reviewer approves
    reviewer.go(f"/tables/{table4.pk}/review/")
    reviewer.page.click("#approve-button")
    reviewer.page.wait_for_selector(".status-approved")
    reviewer.shot("13-approved")

    # 6. the history shows each step with its user
    reviewer.go(f"/tables/{table4.pk}/history/")
    history = reviewer.page.locator("#history tr.event-transition").all_inner_texts()
    steps = [(line.split("\t")[1].strip(), line.split("\t")[3].strip()) for line in history]
    levels = ["approver", "dept"]
    assert [who for who, _what in steps] == ["filer", "filer", *levels, "reviewer", "filer", *levels, "reviewer"]
    assert "按审核意见移到质量指标" in reviewer.page.inner_text("#history")
    reviewer.shot("14-history")
    table4.refresh_from_db()
    row = table4.indicators.order_by("position").first()
    assert table4.status == "approved" and row.level2 == "质量指标" and row.name == "问题回查率（%）"


def test_50_megabyte_upload_shows_a_message_in_the_browser(
    transactional_db: Any, live_server: Any, browser: Any, tmp_path: Path
) -> None:
    """Through a real HTTP server the refusal arrives as a page (the body is drained, not reset mid-upload)."""
    from jixiao.web.targets.models import TargetTable

    bureau = make_org("卢龙县财政局", "finance")
    unit = make_org("卢龙县医疗保障局本级", "unit", make_org("卢龙县医疗保障局", "department", bureau), "450001")
    make_user("filer", "filer", unit)
    big = tmp_path / "huge.docx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    filer = Session(browser, live_server.url, "filer")
    filer.go("/tables/import/")
    filer.page.set_input_files("#id_files", str(big))
    filer.page.click("#upload-button")
    filer.page.wait_for_selector("#too-large")
    assert "50" in filer.page.inner_text("#too-large")
    filer.shot("15-upload-too-large")
    assert TargetTable.objects.count() == 0
