"""The year after approval in Debian's chromium (Playwright's python API, never ``playwright install``).

The bureau issues a 监控 task to a unit; the filer fills it and sees a red light for a project at 30% execution
in month 9; the department and the bureau approve it; a 自评 task follows; the filer enters actuals, and the total
the page computed equals ``jixiao score`` on the file exported from the browser; the bureau checks one row in its
normal review (核查分数, seen by the unit), draws a sample (抽评) and re-scores it; every export opens with
jixiao's reader (the PDF, made by a background job, with pdftotext). Screenshots of every step go to
``tests/artifacts/browser/`` (git-ignored).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from test_browser import Session, browser  # noqa: F401  (the chromium fixture and one-person sessions)
from web_helpers import make_org, make_user, small_table

from jixiao.model import Document
from jixiao.parsing import parse_file

pytestmark = [pytest.mark.browser, pytest.mark.slow]
JIXIAO = Path(sys.executable).with_name("jixiao")  # the CLI of the same environment


def _published_table(unit: Any, user: Any) -> Any:
    from jixiao.web.targets.models import TargetTable
    from jixiao.web.targets.services import create_version

    table = create_version(core=small_table("医保经办能力提升", unit_code=unit.code, unit_name=unit.name,
                                            code="P-1"), unit=unit, year=2024, user=user)  # fmt: skip
    TargetTable.objects.filter(pk=table.pk).update(status="published")  # its review: test_browser_workflow.py
    table.refresh_from_db()
    return table


def _issue(session: Session, *, bureau: Any, unit: Any, kind: str, period: str = "") -> None:
    """The bureau's 下达任务 form, filled as a person does."""
    today = dt.date.today()
    session.go("/yearly/tasks/new/")
    session.page.select_option("#id_bureau", str(bureau.pk))
    session.page.select_option("#id_kind", kind)
    session.page.fill("#id_year", "2024")
    session.page.fill("#id_period", period)
    session.page.fill("#id_start", today.isoformat())
    session.page.fill("#id_deadline", (today + dt.timedelta(days=20)).isoformat())
    session.page.fill("#id_warning_days", "5")
    session.page.select_option("#id_units", [str(unit.pk)])
    session.page.click("#task-form button[type=submit]")
    session.page.wait_for_selector(".task-report")


def _act(session: Session, button: str) -> None:
    """Press one of the report's buttons and wait for the page it leads to (the last page may show a success
    message too, so waiting for one alone could return before the new page has come)."""
    with session.page.expect_navigation():
        session.page.click(button)
    session.page.wait_for_selector(".messages .success")


def _download(session: Session, link: str, folder: Path) -> Path:
    with session.page.expect_download() as info:
        session.page.click(link)
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(str(path))
    return path


def test_monitoring_and_self_evaluation_year_in_chromium(
    transactional_db: Any,
    live_server: Any,
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    from jixiao.web.yearly.models import Report, SampleItem

    bureau = make_org("卢龙县财政局", "finance")
    department = make_org("卢龙县医疗保障局", "department", bureau, "450")
    unit = make_org("卢龙县医疗保障局本级", "unit", department, "450001")
    filer_user = make_user("filer", "filer", unit)
    make_user("approver", "approver", unit)
    make_user("dept", "department_reviewer", department)
    make_user("reviewer", "reviewer", bureau)
    table = _published_table(unit, filer_user)
    base = live_server.url

    # 1. the bureau issues a 监控 task for 1-9月 to the unit
    reviewer = Session(browser, base, "reviewer")
    _issue(reviewer, bureau=bureau, unit=unit, kind="monitoring", period="1-9月")
    reviewer.shot("40-monitoring-task-issued")
    monitoring = Report.objects.get(table=table, task__kind="monitoring")

    # 2. the filer finds it on the to-do list, enters 4.8 of 16 (30%) in month 9: a red light
    filer = Session(browser, base, "filer")
    filer.go("/yearly/")
    filer.page.click(f"#todo a[href='/yearly/reports/{monitoring.pk}/']")
    filer.page.wait_for_selector("#report-form")
    filer.page.fill("input[name='line-0-executed']", "4.8")
    filer.page.fill("input[name='line-1-executed']", "4.8")
    filer.page.fill("input[name='row-0-progress']", "70%")
    filer.page.select_option("select[name='row-0-on_track']", "有可能")
    _act(filer, "#save-button")
    first_line = filer.page.locator("tr.exec-line").first
    assert first_line.locator(".light-red").count() == 1
    assert "执行率 30%" in first_line.inner_text() and "时间进度 75%" in first_line.inner_text()
    filer.shot("41-monitoring-red-light")
    _act(filer, "#submit-button")

    # 3. 主管部门审核, then the bureau approves
    dept = Session(browser, base, "dept")
    dept.go("/yearly/")
    dept.page.click(f"#reviewing a[href='/yearly/reports/{monitoring.pk}/']")
    dept.shot("42-department-review")
    _act(dept, "#department-approve-button")
    reviewer.go("/yearly/")
    reviewer.page.click(f"#reviewing a[href='/yearly/reports/{monitoring.pk}/']")
    assert reviewer.page.locator("tr.exec-line .light-red").count() >= 1  # the bureau sees the same light
    _act(reviewer, "#approve-button")
    reviewer.shot("43-monitoring-approved")
    monitoring_word = parse_file(_download(reviewer, "p.exports a[href$='export.docx']", tmp_path)).document
    assert [t.project_name for t in monitoring_word.tables] == ["医保经办能力提升"]  # the 监控表 export opens
    monitoring.refresh_from_db()
    assert monitoring.status == "approved"
    assert [h.status for h in monitoring.history.order_by("history_id")][-3:] == [
        "department_review", "submitted", "approved"]  # fmt: skip

    # 4. a 自评 task follows; the filer enters the actuals and a 定性 score within its band
    _issue(reviewer, bureau=bureau, unit=unit, kind="self_evaluation")
    reviewer.shot("44-selfeval-task-issued")
    selfeval = Report.objects.get(table=table, task__kind="self_evaluation")
    filer.go(f"/yearly/reports/{selfeval.pk}/")
    filer.page.fill("input[name='line-0-executed']", "14.4")  # 90% of 16
    filer.page.fill("input[name='line-1-executed']", "14.4")
    actuals = {0: "81%", 1: "100%", 2: "达成", 3: "16万元", 4: "95%", 5: "100%", 6: "96%"}
    for i, actual in actuals.items():
        filer.page.fill(f"input[name='row-{i}-actual']", actual)
    filer.page.fill("input[name='row-2-score']", "12")
    filer.page.fill("textarea[name='goals_achieved']", "全年目标基本完成")
    _act(filer, "#save-button")
    total = filer.page.inner_text("#total-score").strip()
    assert re.fullmatch(r"\d+(\.\d+)?", total), total
    filer.shot("45-selfeval-scored")

    # 5. the exported 自评表 scores to the same total with the core's `jixiao score`; every export reads back
    word = _download(filer, "p.exports a[href$='export.docx']", tmp_path)
    run = subprocess.run([str(JIXIAO), "score", "--format", "json", str(word)], capture_output=True, text=True,
                         check=True)  # fmt: skip
    scored = json.loads(run.stdout)["files"][0]["tables"]
    assert len(scored) == 1 and Decimal(scored[0]["computed_total"]) == Decimal(total), (scored, total)
    workbook = parse_file(_download(filer, "p.exports a[href$='export.xlsx']", tmp_path)).document
    data = json.loads(_download(filer, "p.exports a[href$='export.json']", tmp_path).read_text(encoding="utf-8"))
    for document in (workbook, Document.from_dict(data)):
        tables = [t for t in document.tables if t.kind == "self_evaluation"]
        assert len(tables) == 1 and tables[0].project_name == "医保经办能力提升" and tables[0].total_score == total
    _act(filer, "#submit-button")

    # 6. 单位审核 and 主管部门审核 pass it on; the bureau checks row 3 (核查分数 with a comment) and approves
    approver = Session(browser, base, "approver")
    approver.go(f"/yearly/reports/{selfeval.pk}/")
    _act(approver, "#unit-approve-button")
    dept.go(f"/yearly/reports/{selfeval.pk}/")
    _act(dept, "#department-approve-button")
    reviewer.go(f"/yearly/reports/{selfeval.pk}/")
    reviewer.page.fill("input[name='check-2-score']", "9")
    reviewer.page.fill("input[name='check-2-comment']", "佐证材料不足，酌减")
    _act(reviewer, "#check-button")
    checked_total = reviewer.page.inner_text("#checked-total").strip()
    assert Decimal(checked_total) == Decimal(total) - 3
    reviewer.shot("46-bureau-checked-scores")
    _act(reviewer, "#approve-button")
    filer.go(f"/yearly/reports/{selfeval.pk}/")
    third = filer.page.locator("tr.indicator-row").nth(2)
    assert third.locator(".check-score").inner_text().strip() == "9" and "佐证材料不足" in third.inner_text()
    filer.shot("47-unit-sees-the-check")

    # 7. 抽评: the bureau draws a sample (all of one report) and re-scores it, and sees the gap
    reviewer.go(f"/yearly/tasks/{selfeval.task_id}/")
    reviewer.page.fill("#sample-form input[name=share]", "100")
    reviewer.page.fill("#sample-form input[name=seed]", "20250101")
    with reviewer.page.expect_navigation():
        reviewer.page.click("#sample-form button[type=submit]")
    reviewer.page.wait_for_selector("tr.sample-item")
    reviewer.shot("48-sample-drawn")
    reviewer.page.click("tr.sample-item a")
    reviewer.page.wait_for_selector("#rescore-form")
    reviewer.page.fill("input[name='row-2-score']", "8")
    with reviewer.page.expect_navigation():
        reviewer.page.click("#rescore-form button[type=submit]")
    reviewer.page.wait_for_selector("tr.sample-item")
    assert Decimal(reviewer.page.inner_text("td.gap").strip()) == Decimal(-4)
    reviewer.shot("49-sample-rescored")
    item = SampleItem.objects.get()
    assert item.sample.seed == 20250101 and Decimal(item.bureau_total) == Decimal(total) - 4

    # 8. the bureau's dashboard: each chart is drawn by ECharts from the table printed beside it
    reviewer.go("/yearly/dashboard/")
    reviewer.page.wait_for_selector("#chart-lights canvas")
    drawn = reviewer.page.evaluate(
        """() => Array.from(document.querySelectorAll("[data-chart]")).map(el => {
            const chart = echarts.getInstanceByDom(el);
            const table = document.querySelector(`table[data-chart-table="${el.dataset.chart}"]`);
            return [el.dataset.chart, chart ? chart.getOption().series[0].data.length : 0, table.rows.length - 1];
        })"""
    )
    assert drawn == [["quadrant", 1, 1], ["grades", 1, 1], ["lights", 1, 1], ["deadlines", 1, 1]], drawn
    lights = reviewer.page.evaluate('echarts.getInstanceByDom(document.getElementById("chart-lights")).getOption()')
    assert lights["xAxis"][0]["data"] == ["卢龙县医疗保障局本级"] and lights["series"][0]["data"] == [1]  # 红: 1
    reviewer.shot("50-dashboard")

    # 9. the PDF is made by a background job: its page polls, the worker runs, the download opens
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        return  # (the .docx/.xlsx/.json exports above have opened; CI installs LibreOffice)
    filer.page.click("p.exports a[href$='export.pdf']")
    filer.page.wait_for_selector("#job-status")
    filer.shot("51-pdf-job-queued")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    filer.page.wait_for_selector("#job-download", timeout=30_000)  # htmx polled the finished job in
    filer.shot("52-pdf-job-done")
    pdf = _download(filer, "#job-download", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "医保经办能力提升" in "".join(text.split())
    read_back = [t for t in parse_file(pdf).document.tables if t.indicators]  # jixiao's own PDF reader
    assert len(read_back) == 1 and read_back[0].project_name == "医保经办能力提升", read_back
    assert len(read_back[0].indicators) == 7
