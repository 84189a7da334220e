"""The authorisation matrix: every page and API endpoint × every role (and anonymous) → the expected status.

Rows name an endpoint; columns are the roles of ``conftest.ROLES``. A state-changing request runs inside a
savepoint that is rolled back, so every cell starts from the same world. A user who may not see a table gets
404 (its existence is not revealed); one who sees it but may not act gets 403.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from web_helpers import ROLES, World, edit_form_data, small_table

import rules

# roles:            anon filer_a1 approver_a1 filer_a2 reviewer_a reviewer_b analyst_a admin dept_reviewer_a
SEE_A1 = dict(zip(ROLES, (302, 200, 200, 404, 200, 404, 404, 200, 200), strict=True))
SEE_A1_PUBLISHED = dict(zip(ROLES, (302, 200, 200, 404, 200, 404, 200, 200, 200), strict=True))
DEPT = "dept_reviewer_a"
API_SEE_A1 = {**{r: (401 if r == "anonymous" else s) for r, s in SEE_A1.items()}}


@pytest.fixture
def world(world: World) -> World:
    """The shared world plus a table waiting at each lower review level (单位审核, 主管部门审核)."""
    from jixiao.web.reviews.workflow import apply
    from jixiao.web.targets.services import create_version

    unit = world.orgs["unit_a1"]
    for key, name, forwards in (("unit_review", "单位审核项目", 0), ("department_review", "主管审核项目", 1)):
        table = create_version(core=small_table(name, unit_code=unit.code, unit_name=unit.name, code=f"P-{key}"),
                               unit=unit, year=2024, user=world.users["filer_a1"])  # fmt: skip
        apply(table, "submit", world.users["filer_a1"])
        if forwards:
            apply(table, "forward", world.users["approver_a1"])
        table.refresh_from_db()
        world.tables[key] = table
    return world


def row(*statuses: int) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


@dataclass
class Case:
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], Any] | None = None
    json_body: bool = False


def t(key: str, suffix: str = "") -> Callable[[World], str]:
    return lambda w: f"/tables/{w.tables[key].pk}/{suffix}"


def api(key: str, suffix: str = "") -> Callable[[World], str]:
    return lambda w: f"/api/tables/{w.tables[key].pk}{suffix}"


def do(key: str, action: str) -> Callable[[World], str]:
    return lambda w: f"/tables/{w.tables[key].pk}/do/{action}/"


def edit_data(w: World) -> dict[str, Any]:
    return edit_form_data(w.tables["draft"], header={"project_name": "改名"})


def api_table(w: World) -> dict[str, Any]:
    return {
        "lock_version": w.tables["draft"].lock_version,
        "table": small_table("改过的项目", code="P-DRAFT").model_dump(mode="json"),
    }


def error_finding(w: World, key: str, *, explained: bool = False) -> Any:
    """An error finding on the table (as a rule would store it), explained by the filer if asked."""
    from jixiao.web.reviews.models import FindingNote
    from jixiao.web.targets.models import Finding

    table = w.tables[key]
    finding, _ = Finding.objects.get_or_create(
        table=table, code="R99", severity="error", defaults={"name": "测试", "message": "测试错误"}
    )
    if explained:
        FindingNote.objects.get_or_create(table=table, code="R99", indicator_uid=None, field="",
                                          defaults={"explanation": "有依据", "explained_by": w.users["filer_a1"]})  # fmt: skip
    return finding


def waiver(key: str) -> Callable[[World], str]:
    """The API's waiver of an explained error finding on the table ``key``."""
    return lambda w: f"/api/tables/{w.tables[key].pk}/findings/{error_finding(w, key, explained=True).pk}/waiver"


def api_document(w: World) -> dict[str, Any]:
    from jixiao.model import Document, Source

    doc = Document(source=Source(name="api.json", format="text"), tables=[small_table("接口新建项目", code="P-API")])
    return {"year": 2024, "document": doc.to_dict()}


def filer_token(w: World) -> int:
    from jixiao.web.accounts.models import ApiToken

    return ApiToken.issue(w.users["filer_a1"], "矩阵")[0].pk


def a1_job(w: World) -> int:
    from jixiao.web.jobs.models import Job

    job, _created = Job.objects.get_or_create(kind="import", owner=w.users["filer_a1"], defaults={"params": {}})
    return job.pk


def a1_report(w: World) -> Any:
    import datetime as dt

    from jixiao.web.yearly.models import Report
    from jixiao.web.yearly.services import issue_task

    issued = Report.objects.filter(table=w.tables["published"], task__kind="monitoring", task__title__startswith="2024")
    found = issued.first()
    if found is None:
        today = dt.date(2025, 7, 1)
        task = issue_task(kind="monitoring", bureau=w.orgs["bureau_a"], year=2024, period="1-6月", start=today,
                          deadline=today + dt.timedelta(days=20), warning_days=5, units=None, user=w.users["admin"])  # fmt: skip
        found = task.reports.get()
    return found


def a1_selfeval(w: World) -> Any:
    import datetime as dt

    from jixiao.web.yearly.models import Report
    from jixiao.web.yearly.services import issue_task

    issued = Report.objects.filter(table=w.tables["published"], task__kind="self_evaluation")
    found = issued.filter(task__title__startswith="2024").first()
    if found is None:
        today = dt.date(2025, 1, 10)
        task = issue_task(kind="self_evaluation", bureau=w.orgs["bureau_a"], year=2024, period="", start=today,
                          deadline=today + dt.timedelta(days=30), warning_days=5, units=None, user=w.users["admin"])  # fmt: skip
        found = task.reports.get()
    return found


BUREAU_A = dict(zip(ROLES, (302, 404, 404, 404, 200, 404, 404, 200, 404), strict=True))


def a1_sample(w: World) -> tuple[int, int]:
    from jixiao.web.yearly.models import Sample, SampleItem

    report = a1_selfeval(w)
    item = SampleItem.objects.filter(report=report).select_related("sample").first()
    if item is None:
        sample = Sample.objects.create(task=report.task, seed=None, created_by=w.users["admin"])
        item = SampleItem.objects.create(sample=sample, report=report)
    return item.sample_id, item.pk


def a1_at(w: World, status: str, *, selfeval: bool = False) -> Any:
    """Unit A1's report at ``status`` in a task of its own (one per status and kind, made once)."""
    import datetime as dt

    from jixiao.web.yearly.models import Report
    from jixiao.web.yearly.services import issue_task

    kind = "self_evaluation" if selfeval else "monitoring"
    title = f"矩阵 {kind} {status}"
    found = Report.objects.filter(task__title=title).first()
    if found is None:
        start = dt.date(2025, 7, 1)
        task = issue_task(kind=kind, bureau=w.orgs["bureau_a"], year=2024, period="" if selfeval else "1-6月",
                          start=start, deadline=start + dt.timedelta(days=20), warning_days=5, units=None,
                          user=w.users["reviewer_a"], title=title)  # fmt: skip
        found = task.reports.get()
        Report.objects.filter(pk=found.pk).update(status=status)
        found.refresh_from_db()
    return found


def a1_export_job(w: World) -> int:
    """A finished export job of filer A1's, with its file."""
    from jixiao.web.jobs.models import Job, JobFile

    result = {"file": {"name": "导出.docx", "fallback": "export.docx", "format": "docx", "size": 2}}
    job = Job.objects.create(kind="export", owner=w.users["filer_a1"], status="succeeded", result=result)
    JobFile.objects.create(job=job, position=0, name="导出.docx", data=b"PK")
    return job.pk


CASES = [
    # pages, read
    Case("dashboard", "get", lambda w: "/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("list", "get", lambda w: "/tables/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("table draft", "get", t("draft"), SEE_A1),
    Case("table published", "get", t("published"), SEE_A1_PUBLISHED),
    Case("table other bureau", "get", t("b_draft"), row(302, 404, 404, 404, 404, 200, 404, 200, 404)),
    Case("history", "get", t("draft", "history/"), SEE_A1),
    Case("diff", "get", t("draft", "diff/"), SEE_A1),
    Case("export one", "get", t("draft", "export.json"), SEE_A1),
    Case("export selection", "get", lambda w: f"/tables/export.json?pk={w.tables['draft'].pk}", SEE_A1),
    Case("download one", "get", t("draft", "export/?format=docx&layout=lulong"), SEE_A1),
    Case(
        "download other bureau",
        "get",
        t("b_draft", "export/?format=csv"),
        row(302, 404, 404, 404, 404, 200, 404, 200, 404),
    ),
    Case("download selection", "get", lambda w: f"/tables/export/?format=xlsx&pk={w.tables['draft'].pk}", SEE_A1),
    Case(  # a background job makes the bound year: the answer is the job's page
        "bound unit year",
        "get",
        lambda w: f"/tables/bound/?unit={w.orgs['unit_a1'].pk}&year=2024&format=docx",
        {r: 302 if s == 200 else s for r, s in SEE_A1_PUBLISHED.items()},
    ),
    Case("edit draft", "get", t("draft", "edit/"), row(302, 200, 403, 404, 403, 404, 404, 200, 403)),
    Case("edit returned", "get", t("returned", "edit/"), row(302, 200, 403, 404, 403, 404, 404, 200, 403)),
    Case("edit submitted", "get", t("submitted", "edit/"), row(302, 403, 403, 404, 403, 404, 404, 403, 403)),
    Case("edit approved", "get", t("approved", "edit/"), row(302, 403, 403, 404, 403, 404, 404, 403, 403)),
    Case(
        "review submitted",
        "get",
        lambda w: f"/tables/{w.tables['submitted'].pk}/review/",
        row(302, 403, 403, 404, 200, 404, 404, 200, 403),
    ),
    Case(
        "review draft",
        "get",
        lambda w: f"/tables/{w.tables['draft'].pk}/review/",
        row(302, 403, 403, 404, 403, 404, 404, 403, 403),
    ),
    Case("import page", "get", lambda w: "/tables/import/", row(302, 200, 403, 200, 403, 403, 403, 200, 403)),
    Case("new table page", "get", lambda w: "/tables/new/", row(302, 200, 403, 200, 403, 403, 403, 200, 403)),
    # background jobs (jixiao.web.jobs): a job is its owner's and the administrator's alone
    Case("jobs list", "get", lambda w: "/jobs/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("job import page", "get", lambda w: "/jobs/import/", row(302, 200, 403, 200, 403, 403, 403, 200, 403)),
    Case("job page", "get", lambda w: f"/jobs/{a1_job(w)}/", row(302, 200, 404, 404, 404, 404, 404, 200, 404)),
    Case("job status", "get", lambda w: f"/jobs/{a1_job(w)}/status/", row(302, 200, 404, 404, 404, 404, 404, 200, 404)),
    # monitoring and self-evaluation (jixiao.web.yearly): bureau A's task on unit A1's published table
    Case("api monitoring", "get", lambda w: "/api/monitoring", row(401, 200, 200, 200, 200, 200, 200, 200, 200)),
    # the yearly reports are read by the unit's filers and approvers, its department's reviewer and its bureau's
    Case("api monitoring one", "get", lambda w: f"/api/monitoring/{a1_report(w).pk}", API_SEE_A1),
    Case(
        "api self-evaluations",
        "get",
        lambda w: "/api/self-evaluations",
        row(401, 200, 200, 200, 200, 200, 200, 200, 200),
    ),
    Case(
        "api self-evaluation one",
        "get",
        lambda w: f"/api/self-evaluations/{a1_selfeval(w).pk}",
        API_SEE_A1,
    ),
    Case(
        "yearly sample draw",
        "post",
        lambda w: f"/yearly/tasks/{a1_selfeval(w).task_id}/sample/",
        row(302, 404, 404, 404, 302, 404, 404, 302, 404),
        data=lambda w: {"share": "15"},
    ),
    Case("yearly sample", "get", lambda w: f"/yearly/samples/{a1_sample(w)[0]}/", BUREAU_A),
    Case("yearly sample item", "get", lambda w: "/yearly/samples/{}/items/{}/".format(*a1_sample(w)), BUREAU_A),
    Case("yearly dashboard", "get", lambda w: "/yearly/dashboard/", row(302, 403, 403, 403, 200, 200, 403, 200, 403)),
    Case("yearly todo", "get", lambda w: "/yearly/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("yearly tasks", "get", lambda w: "/yearly/tasks/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("yearly new task", "get", lambda w: "/yearly/tasks/new/", row(302, 403, 403, 403, 200, 200, 403, 200, 403)),
    Case(
        "yearly task",
        "get",
        lambda w: f"/yearly/tasks/{a1_report(w).task_id}/",
        row(302, 404, 404, 404, 200, 404, 404, 200, 404),
    ),
    Case("yearly report", "get", lambda w: f"/yearly/reports/{a1_report(w).pk}/", SEE_A1),
    Case("yearly export", "get", lambda w: f"/yearly/reports/{a1_report(w).pk}/export.json", SEE_A1),
    Case(
        "yearly save",
        "post",
        lambda w: f"/yearly/reports/{a1_report(w).pk}/",
        row(302, 302, 403, 404, 403, 404, 404, 302, 403),
        data=lambda w: {"action": "save", "line-0-executed": "1"},
    ),
    Case(
        "yearly approve",
        "post",
        lambda w: f"/yearly/reports/{a1_report(w).pk}/",
        row(302, 403, 403, 404, 403, 404, 404, 403, 403),
        data=lambda w: {"action": "approve"},
    ),
    # year15: every yearly page and action by role, the 主管部门 level, 财政审核's 核查分数, exports and reminders as jobs
    Case("yearly report docx", "get", lambda w: f"/yearly/reports/{a1_report(w).pk}/export.docx", SEE_A1),
    Case("yearly report xlsx", "get", lambda w: f"/yearly/reports/{a1_selfeval(w).pk}/export.xlsx", SEE_A1),
    Case(
        "yearly report pdf (a job)",
        "get",
        lambda w: f"/yearly/reports/{a1_report(w).pk}/export.pdf",
        {r: 302 if s == 200 else s for r, s in SEE_A1.items()},
    ),
    Case(
        "yearly report csv (unknown)",
        "get",
        lambda w: f"/yearly/reports/{a1_report(w).pk}/export.csv",
        row(302, 404, 404, 404, 404, 404, 404, 404, 404),
    ),
    Case("yearly selfeval report", "get", lambda w: f"/yearly/reports/{a1_selfeval(w).pk}/", SEE_A1),
    Case("yearly approved report", "get", lambda w: f"/yearly/reports/{a1_at(w, 'approved').pk}/", SEE_A1_PUBLISHED),
    Case("yearly selfeval task", "get", lambda w: f"/yearly/tasks/{a1_selfeval(w).task_id}/", BUREAU_A),
    Case(
        "yearly submit",
        "post",
        lambda w: f"/yearly/reports/{a1_report(w).pk}/",
        row(302, 302, 400, 404, 403, 404, 404, 302, 403),  # the approver may submit, not fill: the figures lack
        data=lambda w: {"action": "submit", "line-0-executed": "1", "line-1-executed": "1"},
    ),
    Case(
        "yearly unit approve",
        "post",
        lambda w: f"/yearly/reports/{a1_at(w, 'unit_review', selfeval=True).pk}/",
        row(302, 403, 302, 404, 403, 404, 404, 302, 403),
        data=lambda w: {"action": "unit_approve"},
    ),
    Case(
        "yearly department approve",
        "post",
        lambda w: f"/yearly/reports/{a1_at(w, 'department_review').pk}/",
        row(302, 403, 403, 404, 403, 404, 404, 302, 302),
        data=lambda w: {"action": "department_approve"},
    ),
    Case(
        "yearly department return",
        "post",
        lambda w: f"/yearly/reports/{a1_at(w, 'department_review').pk}/",
        row(302, 403, 403, 404, 403, 404, 404, 302, 302),
        data=lambda w: {"action": "department_return", "comment": "请核实"},
    ),
    Case(
        "yearly bureau return",
        "post",
        lambda w: f"/yearly/reports/{a1_at(w, 'submitted').pk}/",
        row(302, 403, 403, 404, 302, 404, 404, 302, 403),
        data=lambda w: {"action": "return", "comment": "请核实"},
    ),
    Case(
        "yearly check scores",
        "post",
        lambda w: f"/yearly/reports/{a1_at(w, 'submitted', selfeval=True).pk}/",
        row(302, 403, 403, 404, 302, 404, 404, 302, 403),
        data=lambda w: {"action": "check", "check-0-score": "1", "check-0-comment": "核查"},
    ),
    Case(
        "yearly import into a report",
        "post",
        lambda w: f"/yearly/reports/{a1_selfeval(w).pk}/",
        row(302, 400, 403, 404, 403, 404, 404, 400, 403),  # no file chosen: the filer is told so
        data=lambda w: {"action": "import"},
    ),
    Case(
        "yearly issue task",
        "post",
        lambda w: "/yearly/tasks/new/",
        row(302, 403, 403, 403, 302, 400, 403, 302, 403),  # reviewer B may issue, not in bureau A
        data=lambda w: {
            "bureau": w.orgs["bureau_a"].pk,
            "kind": "self_evaluation",
            "year": 2024,
            "start": "2025-01-05",
            "deadline": "2025-02-28",
            "warning_days": 5,
        },
    ),
    Case(
        "yearly rescore sample item",
        "post",
        lambda w: "/yearly/samples/{}/items/{}/".format(*a1_sample(w)),
        row(302, 404, 404, 404, 302, 404, 404, 302, 404),
        data=lambda w: {"row-0-score": "1"},
    ),
    Case(
        "yearly dashboard csv",
        "get",
        lambda w: "/yearly/dashboard/?csv=lights",
        row(302, 403, 403, 403, 200, 200, 403, 200, 403),
    ),
    Case(
        "yearly reminders now (a job)",
        "post",
        lambda w: "/yearly/reminders/",
        row(302, 403, 403, 403, 302, 302, 403, 302, 403),
    ),
    Case(
        "job download",
        "get",
        lambda w: f"/jobs/{a1_export_job(w)}/download/",
        row(302, 200, 404, 404, 404, 404, 404, 200, 404),
    ),
    Case(
        "new table for unit a1",
        "post",
        lambda w: "/tables/new/",
        row(302, 302, 403, 400, 403, 403, 403, 302, 403),  # filer_a2 may create, but not for another unit
        data=lambda w: {"kind": "project_target", "unit": w.orgs["unit_a1"].pk, "year": 2025, "project_name": "新项目"},
    ),
    # pages, state-changing
    Case("save draft", "post", t("draft", "edit/"), row(302, 302, 403, 404, 403, 404, 404, 302, 403), data=edit_data),
    Case("check draft", "post", t("draft", "check/"), row(302, 200, 403, 404, 403, 404, 404, 200, 403), data=edit_data),
    Case("submit draft", "post", do("draft", "submit"), row(302, 302, 302, 404, 403, 404, 404, 302, 403)),
    Case("submit submitted", "post", do("submitted", "submit"), row(302, 403, 403, 404, 403, 404, 404, 403, 403)),
    Case("approve submitted", "post", do("submitted", "approve"), row(302, 403, 403, 404, 302, 404, 404, 302, 403)),
    Case(
        "return via review page",
        "post",
        lambda w: f"/tables/{w.tables['submitted'].pk}/review/",
        row(302, 403, 403, 404, 302, 404, 404, 302, 403),
        data=lambda w: {"decision": "return", "comment": "请补充"},
    ),
    Case("publish approved", "post", do("approved", "publish"), row(302, 403, 403, 404, 302, 404, 404, 302, 403)),
    Case("adjust published", "post", do("published", "adjust"), row(302, 302, 403, 404, 403, 404, 403, 302, 403)),
    Case("adjust draft", "post", do("draft", "adjust"), row(302, 403, 403, 404, 403, 404, 404, 403, 403)),
    Case(
        "bulk approve",
        "post",
        lambda w: "/tables/bulk-approve/",
        row(302, 403, 403, 404, 302, 404, 404, 302, 403),
        data=lambda w: {"pk": [w.tables["submitted"].pk]},
    ),
    Case(
        "resolve comment",
        "post",
        lambda w: f"/comments/{w.tables['returned'].comments.get().pk}/resolve/",
        row(302, 302, 403, 404, 403, 404, 404, 302, 403),
        data=lambda w: {"resolution": "已调整"},
    ),
    # the review levels (单位审核 → 主管部门审核 → 财政审核), the queues, withdrawing, explaining and waiving errors
    Case("review queue", "get", lambda w: "/reviews/queue/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("review unit level", "get", t("unit_review", "review/"), row(302, 403, 200, 404, 403, 404, 404, 200, 403)),
    Case(
        "review department level",
        "get",
        t("department_review", "review/"),
        row(302, 403, 403, 404, 403, 404, 404, 200, 200),
    ),
    Case("forward unit level", "post", do("unit_review", "forward"), row(302, 403, 302, 404, 403, 404, 404, 302, 403)),
    Case(
        "forward department level",
        "post",
        do("department_review", "forward"),
        row(302, 403, 403, 404, 403, 404, 404, 302, 302),
    ),
    Case(
        "return department level",
        "post",
        t("department_review", "review/"),
        row(302, 403, 403, 404, 403, 404, 404, 302, 302),
        data=lambda w: {"decision": "return", "comment": "请补充"},
    ),
    Case(
        "withdraw unit level", "post", do("unit_review", "withdraw"), row(302, 302, 302, 404, 403, 404, 404, 302, 403)
    ),
    Case(
        "withdraw department level",
        "post",
        do("department_review", "withdraw"),
        row(302, 403, 403, 404, 403, 404, 404, 403, 403),
    ),
    Case("finding notes", "get", t("draft", "findings/notes/"), SEE_A1),
    Case(
        "explain an error",
        "post",
        t("returned", "findings/notes/"),
        row(302, 302, 403, 404, 403, 404, 404, 302, 403),
        data=lambda w: {"finding": error_finding(w, "returned").pk, "explanation": "按批复口径填列"},
    ),
    Case(
        "waive an error",
        "post",
        t("unit_review", "findings/notes/"),
        row(302, 403, 302, 404, 403, 404, 404, 302, 403),
        data=lambda w: {"finding": error_finding(w, "unit_review", explained=True).pk, "waive": "1"},
    ),
    Case(
        "api forward",
        "post",
        api("unit_review", "/transitions"),
        row(401, 403, 200, 404, 403, 404, 404, 200, 403),
        data=lambda w: {"action": "forward"},
        json_body=True,
    ),
    Case(
        "api withdraw",
        "post",
        api("unit_review", "/transitions"),
        row(401, 200, 200, 404, 403, 404, 404, 200, 403),
        data=lambda w: {"action": "withdraw"},
        json_body=True,
    ),
    Case(
        "api department return",
        "post",
        api("department_review", "/transitions"),
        row(401, 403, 403, 404, 403, 404, 404, 200, 200),
        data=lambda w: {"action": "return", "remark": "请补充"},
        json_body=True,
    ),
    Case("django admin", "get", lambda w: "/admin/", row(302, 302, 302, 302, 302, 302, 302, 200, 302)),
    Case("organisations", "get", lambda w: "/organisations/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    # accounts: everyone signed in reaches their own page; a token is revoked by its owner only
    Case("my account", "get", lambda w: "/accounts/me/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case(
        "issue token",
        "post",
        lambda w: "/accounts/me/",
        row(302, 200, 200, 200, 200, 200, 200, 200, 200),
        data=lambda w: {"name": "矩阵", "days": 30},
    ),
    Case("password page", "get", lambda w: "/accounts/password/", row(302, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case(
        "revoke filer's token",
        "post",
        lambda w: f"/accounts/tokens/{filer_token(w)}/revoke/",
        row(302, 302, 404, 404, 404, 404, 404, 404, 404),
    ),
    Case(
        "resubmit, nothing kept",
        "get",
        lambda w: "/accounts/resubmit/",
        row(302, 302, 302, 302, 302, 302, 302, 302, 302),
    ),
    # user and role management: administrators only
    Case("users", "get", lambda w: "/accounts/users/", row(302, 403, 403, 403, 403, 403, 403, 200, 403)),
    Case(
        "create user",
        "post",
        lambda w: "/accounts/users/",
        row(302, 403, 403, 403, 403, 403, 403, 302, 403),
        data=lambda w: {"username": "matrix_user", "full_name": "矩阵", "password": "Xq7-绩效-2024!"},
    ),
    Case(
        "user page",
        "get",
        lambda w: f"/accounts/users/{w.users['filer_a2'].pk}/",
        row(302, 403, 403, 403, 403, 403, 403, 200, 403),
    ),
    Case(
        "give role",
        "post",
        lambda w: f"/accounts/users/{w.users['filer_a2'].pk}/",
        row(302, 403, 403, 403, 403, 403, 403, 302, 403),
        data=lambda w: {"form": "role", "organisation": w.orgs["unit_a1"].pk, "role": "analyst"},
    ),
    Case(
        "remove role",
        "post",
        lambda w: f"/accounts/users/{w.users['filer_a2'].pk}/roles/{w.users['filer_a2'].memberships.get().pk}/remove/",
        row(302, 403, 403, 403, 403, 403, 403, 302, 403),
    ),
    # API
    Case("api organisations", "get", lambda w: "/api/organisations", row(401, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("api comments", "get", api("returned", "/comments"), API_SEE_A1),
    Case(
        "api resolve comment",
        "post",
        lambda w: f"/api/comments/{w.tables['returned'].comments.get().pk}/resolve",
        row(401, 200, 403, 404, 403, 404, 404, 200, 403),
        data=lambda w: {"resolution": "已调整"},
        json_body=True,
    ),
    Case("api list", "get", lambda w: "/api/tables", row(401, 200, 200, 200, 200, 200, 200, 200, 200)),
    Case("api get draft", "get", api("draft"), API_SEE_A1),
    Case("api get other bureau", "get", api("b_draft"), row(401, 404, 404, 404, 404, 200, 404, 200, 404)),
    Case("api get published", "get", api("published"), row(401, 200, 200, 404, 200, 404, 200, 200, 200)),
    Case("api findings", "get", api("draft", "/findings"), API_SEE_A1),
    Case(
        "api update draft",
        "put",
        api("draft"),
        row(401, 200, 403, 404, 403, 404, 404, 200, 403),
        data=api_table,
        json_body=True,
    ),
    Case(
        "api update submitted",
        "put",
        api("submitted"),
        row(401, 403, 403, 404, 403, 404, 404, 403, 403),
        data=api_table,
        json_body=True,
    ),
    Case(
        "api submit",
        "post",
        api("draft", "/transitions"),
        row(401, 200, 200, 404, 403, 404, 404, 200, 403),
        data=lambda w: {"action": "submit"},
        json_body=True,
    ),
    Case(
        "api approve",
        "post",
        api("submitted", "/transitions"),
        row(401, 403, 403, 404, 200, 404, 404, 200, 403),
        data=lambda w: {"action": "approve"},
        json_body=True,
    ),
    Case(
        "api create",
        "post",
        lambda w: "/api/tables",
        row(401, 201, 403, 403, 403, 403, 403, 201, 403),
        data=api_document,
        json_body=True,
    ),
    # API: 说明 and waiver of error findings (the pages' rows "explain an error", "waive an error")
    Case("api finding notes", "get", api("draft", "/findings/notes"), API_SEE_A1),
    Case(
        "api explain an error",
        "post",
        lambda w: f"/api/tables/{w.tables['returned'].pk}/findings/{error_finding(w, 'returned').pk}/explanation",
        row(401, 200, 403, 404, 403, 404, 404, 200, 403),
        data=lambda w: {"explanation": "按批复口径填列"},
        json_body=True,
    ),
    *(
        Case(
            f"api waive an error at {key}",
            "post",
            waiver(key),
            expected,
            data=lambda w: {"remark": "说明成立"},
            json_body=True,
        )
        for key, expected in (
            ("unit_review", row(401, 403, 200, 404, 403, 404, 404, 200, 403)),
            ("department_review", row(401, 403, 403, 404, 403, 404, 404, 200, 200)),
            ("submitted", row(401, 403, 403, 404, 200, 404, 404, 200, 403)),
        )
    ),
]


def request(world: World, role: str, case: Case) -> int:
    client = world.client(role)
    url = case.url(world)
    data = case.data(world) if case.data else None
    kwargs: dict[str, Any] = {}
    if case.json_body:
        kwargs = {"data": json.dumps(data or {}), "content_type": "application/json"}
    elif data is not None:
        kwargs = {"data": data}
    with transaction.atomic():
        response = getattr(client, case.method)(url, **kwargs)
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_authorisation_matrix(world: World, role: str) -> None:
    got = {case.name: request(world, role, case) for case in CASES}
    expected = {case.name: case.expected[role] for case in CASES}
    mismatches = {name: (expected[name], got[name]) for name in expected if expected[name] != got[name]}
    assert not mismatches, f"{role}: (expected, got) {mismatches}"


def test_matrix_covers_every_route(world: World) -> None:
    """Every page URL pattern and every API operation is exercised by at least one row of the matrix."""
    import re

    from django.urls import URLPattern, URLResolver, get_resolver

    urls = [(case.method, case.url(world).split("?")[0]) for case in CASES]

    def walk(patterns: list[Any], prefix: str) -> list[tuple[str, str]]:
        found = []
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in {"api", "admin"} or "i18n" in str(p.pattern):  # API: checked below; admin: Django's
                    continue
                found += walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and p.name not in {"healthz", "bare", "login", "logout"}:
                found.append((p.name, prefix + str(p.pattern)))
        return found

    uncovered = []
    for name, route in walk(get_resolver().url_patterns, "/"):
        regex = "^" + re.sub(r"<int:\w+>", r"\\d+", re.sub(r"<str:\w+>", r"[^/]+", route)).replace(".", r"\.") + "$"
        if not any(re.match(regex, url) for _method, url in urls):
            uncovered.append(name)
    assert not uncovered
    schema = world.client("admin").get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        regex = "^" + re.sub(r"\{\w+\}", r"\\d+", path) + "$"
        for method in operations:
            assert any(m == method and re.match(regex, url) for m, url in urls), (method, path)


def test_filer_guessing_urls_of_another_unit_gets_404(world: World) -> None:
    """URL guessing: every table id of unit B (and of the sibling unit A2) is a 404 for filer A1, pages and API."""
    client = world.client("filer_a1")
    for key in ("b_draft", "a2_draft"):
        pk = world.tables[key].pk
        for url in (
            f"/tables/{pk}/",
            f"/tables/{pk}/edit/",
            f"/tables/{pk}/history/",
            f"/tables/{pk}/export.json",
            f"/tables/{pk}/export/",
            f"/tables/export/?pk={pk}",
            f"/api/tables/{pk}",
            f"/api/tables/{pk}/findings",
        ):
            assert client.get(url).status_code == 404, url
        assert client.post(f"/tables/{pk}/do/submit/").status_code == 404
        assert (
            client.put(
                f"/api/tables/{pk}", data=json.dumps(api_table(world)), content_type="application/json"
            ).status_code
            == 404
        )
    listed = {row["id"] for row in client.get("/api/tables").json()}
    assert world.tables["b_draft"].pk not in listed and world.tables["draft"].pk in listed


def test_token_authentication(world: World) -> None:
    from django.test import Client

    from jixiao.web.accounts.models import ApiToken

    _token, key = ApiToken.issue(world.users["filer_a1"], "test")
    client = Client()
    assert client.get("/api/tables", headers={"Authorization": "Bearer wrong"}).status_code == 401
    bearer = {"Authorization": f"Bearer {key}"}
    assert client.get(f"/api/tables/{world.tables['draft'].pk}", headers=bearer).status_code == 200
    assert client.get(f"/api/tables/{world.tables['b_draft'].pk}", headers=bearer).status_code == 404
    response = client.post(
        f"/api/tables/{world.tables['draft'].pk}/transitions",
        data=json.dumps({"action": "submit"}),
        content_type="application/json",
        headers=bearer,
    )
    assert response.status_code == 200 and response.json()["status"] == "unit_review"
    step = world.tables["draft"].transitions.get(action="submit")
    assert step.user == world.users["filer_a1"] and step.at is not None


def test_queryset_and_predicates_agree(world: World) -> None:
    """The one policy read two ways (queryset filter, rules predicate) gives the same answer for every cell."""
    from jixiao.web.targets.models import TargetTable
    from jixiao.web.targets.permissions import ACTIONS

    users = [u for k, u in world.users.items()]
    for user in users:
        for action in ACTIONS:
            if action == "create":
                continue
            listed = set(TargetTable.objects.restrict(user, action).values_list("pk", flat=True))
            for table in TargetTable.objects.select_related("unit"):
                assert (table.pk in listed) == rules.has_perm(f"targets.{action}_targettable", user, table), (
                    user,
                    action,
                    table,
                )


def test_organisation_tree_is_scoped(world: World) -> None:
    names = {o["name"] for o in world.client("filer_a1").get("/api/organisations").json()}
    assert names == {"卢龙县财政局", "卢龙县医疗保障局", "卢龙县医疗保障局本级"}
    names = {o["name"] for o in world.client("reviewer_b").get("/api/organisations").json()}
    assert "卢龙县医疗保障局本级" not in names and "重庆市长寿区医疗保障局 (本级)" in names
    comments = world.client("filer_a1").get(f"/api/tables/{world.tables['returned'].pk}/comments").json()
    assert comments[0]["indicator"] == 0 and comments[0]["author"] == "reviewer_a" and not comments[0]["resolved"]
