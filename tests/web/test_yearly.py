"""The year after approval on the web: a bureau issues a 监控 task, the unit fills it (lights computed live) and
the bureau approves; a 自评 task follows, scored by the scoring core; deadlines on the to-do list."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from web_helpers import World, make_org


def _issue(
    world: World, kind: str, *, period: str = "1-9月", deadline: dt.date | None = None, units: Any = None
) -> Any:
    from jixiao.web.yearly.models import YearTask

    today = dt.date.today()
    data = {
        "bureau": world.orgs["bureau_a"].pk,
        "kind": kind,
        "year": 2024,
        "period": period,
        "start": today.isoformat(),
        "deadline": (deadline or today + dt.timedelta(days=20)).isoformat(),
        "warning_days": 5,
    }
    if units is not None:
        data["units"] = [u.pk for u in units]
    response = world.client("reviewer_a").post("/yearly/tasks/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return YearTask.objects.latest("pk")


def _report(task: Any, world: World) -> Any:
    return task.reports.get(table=world.tables["published"])


def test_bureau_issues_monitoring_to_its_published_tables_only(world: World) -> None:
    task = _issue(world, "monitoring")
    assert [r.table_id for r in task.reports.all()] == [world.tables["published"].pk]
    report = _report(task, world)
    content = report.core()
    assert content.kind == "monitoring" and content.title.endswith("（1-9月）")
    assert content.execution[0].adjusted_budget == "16.00" and content.execution[0].executed is None
    assert len(content.indicators) == 7 and content.indicators[0].progress is None


def test_monitoring_fill_shows_red_light_then_bureau_approves(world: World) -> None:
    task = _issue(world, "monitoring")
    report = _report(task, world)
    filer = world.client("filer_a1")
    page = filer.get(f"/yearly/reports/{report.pk}/").content.decode()
    assert 'name="line-0-executed"' in page and "未评" in page
    response = filer.post(
        f"/yearly/reports/{report.pk}/",
        {"action": "save", "line-0-executed": "4.8", "row-0-progress": "70%", "row-0-on_track": "有可能"},
    )
    assert response.status_code == 302
    page = filer.get(f"/yearly/reports/{report.pk}/").content.decode()
    assert "light-red" in page and "执行率 30%" in page and "时间进度 75%" in page  # 30% in month 9: red
    rows = re.findall(r'<tr class="indicator-row">(.*?)</tr>', page, re.S)
    assert "问题回查率" in rows[0] and "light-yellow" in rows[0]  # a rate: 70 of the full 90 is 77.78%
    assert "light-grey" in rows[1]  # nothing entered yet
    refused = filer.post(f"/yearly/reports/{report.pk}/", {"action": "submit"})
    assert refused.status_code == 400 and "其中：财政拨款" in refused.content.decode()  # every line needs its figure
    assert (
        filer.post(f"/yearly/reports/{report.pk}/", {"action": "submit", "line-1-executed": "4.8"}).status_code == 302
    )
    report.refresh_from_db()
    assert report.status == "department_review"  # unit A1 stands below a department: 主管部门审核 first
    assert filer.post(f"/yearly/reports/{report.pk}/", {"action": "department_approve"}).status_code == 403
    department = world.client("dept_reviewer_a")
    assert "department-approve-button" in department.get(f"/yearly/reports/{report.pk}/").content.decode()
    assert department.post(f"/yearly/reports/{report.pk}/", {"action": "department_approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert filer.post(f"/yearly/reports/{report.pk}/", {"action": "approve"}).status_code == 403
    reviewer = world.client("reviewer_a")
    assert "reviewing" in reviewer.get("/yearly/").content.decode()
    task_page = reviewer.get(f"/yearly/tasks/{task.pk}/").content.decode()
    assert '<span class="light light-red">红灯 1</span>' in task_page  # the task's lights counted
    assert reviewer.post(f"/yearly/reports/{report.pk}/", {"action": "approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "approved" and report.history.count() >= 3


def test_self_evaluation_total_equals_jixiao_score_on_the_export(world: World, tmp_path: Any) -> None:
    from jixiao.parsing import parse_file
    from jixiao.scoring import load_scoring_profile, score_table

    task = _issue(world, "self_evaluation")
    report = _report(task, world)
    content = report.core()
    assert content.kind == "self_evaluation" and content.execution[0].max_score == "10"
    assert sum(Decimal(i.max_score) for i in content.indicators) == Decimal(90)
    filer = world.client("filer_a1")
    data = {
        "action": "save",
        "line-0-executed": "14.4",  # 90% of 16
        "line-1-executed": "14.4",
        "row-0-actual": "81%",  # ≥90%: 81 ÷ 90 of the points
        "row-1-actual": "100%",
        "row-2-actual": "达成",
        "row-2-score": "12",
        "row-3-actual": "16万元",
        "row-4-actual": "95%",
        "row-5-actual": "100%",
        "row-6-actual": "96%",
        "goals_achieved": "全年完成",
    }
    assert filer.post(f"/yearly/reports/{report.pk}/", data).status_code == 302
    report.refresh_from_db()
    filled = report.core()
    page = filer.get(f"/yearly/reports/{report.pk}/").content.decode()
    assert f'id="total-score">{filled.total_score}<' in page and filled.grade in page
    assert filled.indicators[0].score is not None and filled.execution[0].score == "9"
    for fmt in ("docx", "xlsx"):
        response = filer.get(f"/yearly/reports/{report.pk}/export.{fmt}")
        assert response.status_code == 200
        path = tmp_path / f"report.{fmt}"
        path.write_bytes(response.content)
        table = next(t for t in parse_file(path).document.tables if t.kind == "self_evaluation")
        rescored = score_table(0, table, load_scoring_profile("national"))
        assert rescored.computed_total == Decimal(filled.total_score)


def test_qualitative_score_outside_its_band_is_refused(world: World) -> None:
    task = _issue(world, "self_evaluation")
    report = _report(task, world)
    response = world.client("filer_a1").post(
        f"/yearly/reports/{report.pk}/", {"action": "save", "row-2-actual": "达成", "row-2-score": "1"}
    )
    assert response.status_code == 400 and "分值区间" in response.content.decode()  # zh-hans: outside the band
    report.refresh_from_db()
    assert report.core().indicators[2].score is None  # nothing stored


@pytest.mark.parametrize(
    ("today_offset", "state"), [(-1, "not_started"), (0, "due"), (16, "due_soon"), (20, "due_soon"), (21, "overdue")]
)
def test_todo_list_shows_due_due_soon_and_overdue(world: World, today_offset: int, state: str) -> None:
    from jixiao.web.yearly.services import due_state

    task = _issue(world, "monitoring")
    report = _report(task, world)
    today = task.start + dt.timedelta(days=today_offset)
    assert due_state(report, today).state == state
    page = world.client("filer_a1").get("/yearly/").content.decode()
    assert "due-due" in page  # issued today, deadline in 20 days, 5 warning days
    assert world.client("filer_a2").get("/yearly/").content.decode().count("todo-row") == 0


def test_api_gives_monitoring_lights_and_self_evaluation_scores(world: World) -> None:
    monitoring = _report(_issue(world, "monitoring"), world)
    filer = world.client("filer_a1")
    filer.post(f"/yearly/reports/{monitoring.pk}/", {"action": "save", "line-0-executed": "4.8"})
    listed = filer.get("/api/monitoring").json()
    assert [r["id"] for r in listed] == [monitoring.pk] and listed[0]["due"] == "due"
    one = filer.get(f"/api/monitoring/{monitoring.pk}").json()
    assert one["table"]["kind"] == "monitoring" and one["execution_lights"][0]["colour"] == "red"
    assert "执行率 30%" in one["execution_lights"][0]["reason_zh"]
    selfeval = _report(_issue(world, "self_evaluation"), world)
    filer.post(f"/yearly/reports/{selfeval.pk}/", {"action": "save", "line-0-executed": "16", "row-0-actual": "90%"})
    data = filer.get(f"/api/self-evaluations/{selfeval.pk}").json()
    assert data["table"]["kind"] == "self_evaluation" and data["rows"][0]["computed"] is not None
    assert data["rows"][0]["explain_zh"].startswith("正向指标")
    assert world.client("filer_a2").get(f"/api/self-evaluations/{selfeval.pk}").status_code == 404
    schema = filer.get("/api/openapi.json").json()
    assert {"/api/monitoring", "/api/monitoring/{pk}", "/api/self-evaluations/{pk}"} <= set(schema["paths"])


def test_dashboard_draws_each_chart_with_its_table_and_csv(world: World) -> None:
    monitoring = _report(_issue(world, "monitoring"), world)
    world.client("filer_a1").post(f"/yearly/reports/{monitoring.pk}/", {"action": "save", "line-0-executed": "4.8"})
    reviewer = world.client("reviewer_a")
    response = reviewer.get("/yearly/dashboard/")
    page = response.content.decode()
    assert response.status_code == 200 and "yearly/echarts.min.js" in page and 'id="chart-data"' not in page
    for key in ("quadrant", "grades", "lights", "deadlines"):  # each chart drawn from the table beside it
        assert f'data-chart="{key}"' in page and f'data-chart-table="{key}"' in page
    assert page.count('class="card dashboard-chart"') == 4
    lights = reviewer.get("/yearly/dashboard/?csv=lights")
    lines = lights.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "单位,红,黄,绿,蓝,未评" and lines[1] == "卢龙县医疗保障局本级,1,0,0,0,0"
    deadlines = reviewer.get("/yearly/dashboard/?csv=deadlines").content.decode("utf-8-sig").splitlines()
    assert deadlines[1] == "卢龙县医疗保障局本级,0,1,0,0,0"
    assert world.client("reviewer_b").get("/yearly/dashboard/?csv=lights").content.decode("utf-8-sig").count("\n") == 1
    assert world.client("filer_a1").get("/yearly/dashboard/").status_code == 403
    assert reviewer.get("/yearly/dashboard/?csv=nothing").status_code == 404
    from django.contrib.staticfiles import finders

    assert finders.find("yearly/echarts.min.js") and finders.find("yearly/dashboard.js")


def test_filled_selfeval_file_fills_the_report(world: World, tmp_path: Any) -> None:
    from job_helpers import job_of

    from jixiao.model import Document, Source
    from jixiao.web.jobs.models import Job
    from jixiao.web.jobs.services import run_job

    report = _report(_issue(world, "self_evaluation"), world)
    filled = report.core()
    filled.execution[0].executed = "12"
    filled.indicators[0].actual = "90%"
    filled.indicators[4].actual = "80%"
    filled.indicators[4].deviation = "宣传不足"
    extra = filled.indicators[0].model_copy(update={"name": "表外指标"})
    filled.indicators.append(extra)
    document = Document(source=Source(name="filled.json", format="text"), tables=[filled])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("filled.json", document.to_json().encode())
    filer = world.client("filer_a1")
    # the file is read by a background job (run here as the worker would); its page tells what matched
    pk = job_of(filer.post(f"/yearly/reports/{report.pk}/", {"action": "import", "file": upload}))
    report.refresh_from_db()
    assert report.core().execution[0].executed is None  # nothing yet: the request only started the job
    assert run_job(pk) == "succeeded"
    page = filer.get(f"/jobs/{pk}/status/").content.decode()
    assert "表外指标" in page  # the row that matched nothing is named, not dropped in silence
    assert f'href="/yearly/reports/{report.pk}/"' in page and "已从 filled.json 填入" in page
    report.refresh_from_db()
    table = report.core()
    assert table.execution[0].executed == "12" and table.execution[0].score == "7.5"  # 75% of 10
    assert table.indicators[4].deviation == "宣传不足" and table.indicators[4].score is not None
    assert table.total_score is not None
    other = world.client("filer_a2").post(f"/yearly/reports/{report.pk}/", {"action": "import"})
    assert other.status_code == 404
    # a report submitted while its file was read is left alone, and the job says why
    upload = SimpleUploadedFile("filled.json", document.to_json().encode())
    pk = job_of(filer.post(f"/yearly/reports/{report.pk}/", {"action": "import", "file": upload}))
    type(report).objects.filter(pk=report.pk).update(status="unit_review")
    assert run_job(pk) == "failed"
    assert "未做任何修改" in Job.objects.get(pk=pk).error
    # a file with no self-evaluation table fails its job with the reader's reason
    report.status = "draft"
    report.save()
    empty = SimpleUploadedFile("empty.txt", b"")
    pk = job_of(filer.post(f"/yearly/reports/{report.pk}/", {"action": "import", "file": empty}))
    assert run_job(pk) == "failed" and "文件为空" in Job.objects.get(pk=pk).error


def _submitted_selfeval(world: World) -> Any:
    """Unit A1's 自评 filled, through 单位审核 and 主管部门审核 to 财政审核."""
    report = _report(_issue(world, "self_evaluation"), world)
    data = {"action": "submit", "line-0-executed": "16", "line-1-executed": "16", "row-2-actual": "达成"}
    data |= {f"row-{i}-actual": "100%" for i in (0, 1, 4, 5, 6)} | {"row-3-actual": "16万元", "row-2-score": "12"}
    assert world.client("filer_a1").post(f"/yearly/reports/{report.pk}/", data).status_code == 302
    assert (
        world.client("approver_a1").post(f"/yearly/reports/{report.pk}/", {"action": "unit_approve"}).status_code == 302
    )
    department = world.client("dept_reviewer_a")
    assert department.post(f"/yearly/reports/{report.pk}/", {"action": "department_approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    return report


def test_bureau_checks_each_row_in_its_normal_review_and_the_unit_sees_it(world: World) -> None:
    report = _submitted_selfeval(world)
    unit_total = Decimal(report.content["total_score"])
    reviewer, url = world.client("reviewer_a"), f"/yearly/reports/{report.pk}/"
    page = reviewer.get(url).content.decode()
    assert 'name="check-2-score"' in page and 'name="check-execution-score"' in page and "核查分数" in page
    assert 'name="check-2-score"' not in world.client("filer_a1").get(url).content.decode()  # not the unit's to set
    refused = reviewer.post(url, {"action": "check", "check-2-score": "99"})
    assert refused.status_code == 400 and "核查分数应在 0 到" in refused.content.decode()
    report.refresh_from_db()
    assert report.checked == {}  # nothing stored
    checked = {"action": "check", "check-2-score": "8", "check-2-comment": "佐证材料不足", "check-execution-score": "9"}
    assert reviewer.post(url, checked).status_code == 302
    report.refresh_from_db()
    assert report.checked["rows"] == {"2": {"score": "8", "comment": "佐证材料不足"}}
    execution_score = Decimal(report.content["execution"][0]["score"])
    assert Decimal(report.checked["total"]) == unit_total - 4 - (execution_score - 9)
    assert report.status == "submitted"  # a check alone is no decision
    # approving carries a changed check with it, in one step; the history keeps both
    assert reviewer.post(url, {**checked, "action": "approve", "check-2-score": "10"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "approved" and report.checked["rows"]["2"]["score"] == "10"
    kept = [h.checked.get("rows", {}).get("2", {}).get("score") for h in report.history.order_by("history_id")]
    assert [score for i, score in enumerate(kept) if score and score != kept[i - 1]] == ["8", "10"]
    # the unit sees the bureau's checked scores and comments, read-only
    page = world.client("filer_a1").get(url).content.decode()
    rows = re.findall(r'<tr class="indicator-row">(.*?)</tr>', page, re.S)
    assert 'class="num check-score">10<' in rows[2] and "佐证材料不足" in rows[2]
    assert f'id="checked-total">{report.checked["total"]}<' in page
    data = world.client("filer_a1").get(f"/api/self-evaluations/{report.pk}").json()
    assert data["checked"]["rows"]["2"] == {"score": "10", "comment": "佐证材料不足"}
    assert data["checked"]["total"] == report.checked["total"] and data["checked"]["execution"]["score"] == "9"


def test_a_refused_check_rolls_back_the_decision_too(world: World) -> None:
    report = _submitted_selfeval(world)
    response = world.client("reviewer_a").post(
        f"/yearly/reports/{report.pk}/",
        {"action": "return", "check-0-score": "5"},  # returned without a reason
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == "submitted" and report.checked == {}


def test_department_reviewer_has_its_level_in_the_chain(world: World) -> None:
    from jixiao.web.targets.models import Project, TargetTable

    task = _issue(world, "monitoring")
    report = _report(task, world)
    department, url = world.client("dept_reviewer_a"), f"/yearly/reports/{report.pk}/"
    assert department.get(url).status_code == 200  # reads its department's reports
    assert department.post(url, {"action": "department_approve"}).status_code == 403  # still the unit's to fill
    assert department.post(url, {"action": "save", "line-0-executed": "1"}).status_code == 403
    filer = world.client("filer_a1")
    assert filer.post(url, {"action": "submit", "line-0-executed": "4.8", "line-1-executed": "4.8"}).status_code == 302
    todo = department.get("/yearly/").content.decode()
    assert 'id="reviewing"' in todo and f'href="/yearly/reports/{report.pk}/"' in todo
    assert 'id="reviewing"' not in world.client("reviewer_a").get("/yearly/").content.decode()  # not yet the bureau's
    assert world.client("reviewer_a").post(url, {"action": "approve"}).status_code == 403
    assert department.post(url, {"action": "department_return"}).status_code == 400  # a reason is needed
    assert department.post(url, {"action": "department_return", "comment": "执行数与账面不符"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "returned" and report.comment == "执行数与账面不符"
    assert "执行数与账面不符" in filer.get(url).content.decode()
    # a unit straight under the bureau (no department in the tree) goes to the bureau at once
    direct = make_org("卢龙县财政局直属单位", "unit", world.orgs["bureau_a"], "999001")
    project = Project.objects.create(code="P-DIRECT", name="直属项目", unit=direct, year=2024)
    TargetTable.objects.create(project=project, unit=direct, year=2024, status="published", project_name="直属项目")
    other = _issue(world, "monitoring", units=[direct]).reports.get()
    other.content["execution"] = [{"label": "年度资金总额", "executed": "1", "adjusted_budget": "2"}]
    other.save()
    from jixiao.web.yearly.services import transition

    transition(other, "submit")
    assert other.status == "submitted"
    assert world.client("dept_reviewer_a").get(f"/yearly/reports/{other.pk}/").status_code == 404
