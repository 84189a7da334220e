"""抽评: a reproducible draw from a recorded seed, the bureau's re-score and the gap to the unit's total."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from web_helpers import World

from jixiao.web.yearly.sampling import draw


@given(
    ids=st.lists(st.integers(1, 10_000), unique=True, max_size=200),
    share=st.integers(1, 100),
    seed=st.integers(0, 2**48),
)
def test_draw_is_reproducible_sized_and_order_free(ids: list[int], share: int, seed: int) -> None:
    first = draw(ids, Decimal(share), seed)
    assert first == draw(list(reversed(ids)), Decimal(share), seed)
    assert set(first) <= set(ids) and len(set(first)) == len(first)
    if ids:
        assert len(first) == min(len(ids), max(1, -(-len(ids) * share // 100)))


def test_bureau_draws_rescores_and_sees_the_gap(world: World) -> None:
    from jixiao.web.yearly.models import Sample
    from jixiao.web.yearly.services import issue_task

    task = issue_task(
        kind="self_evaluation",
        bureau=world.orgs["bureau_a"],
        year=2024,
        period="",
        start=dt.date(2025, 1, 5),
        deadline=dt.date(2025, 2, 28),
        warning_days=5,
        units=None,
        user=world.users["reviewer_a"],
    )
    report = task.reports.get()
    filer, reviewer = world.client("filer_a1"), world.client("reviewer_a")
    data = {"action": "submit", "line-0-executed": "16", "line-1-executed": "16", "row-0-actual": "90%"}
    for i in range(1, 7):
        data[f"row-{i}-actual"] = "达成" if i == 2 else "100%" if i != 3 else "16万元"
    data["row-2-score"] = "12"
    assert filer.post(f"/yearly/reports/{report.pk}/", data).status_code == 302
    report.refresh_from_db()
    assert report.status == "unit_review" and report.content["total_score"]  # 单位审核 first
    assert filer.post(f"/yearly/reports/{report.pk}/", {"action": "unit_approve"}).status_code == 403
    approver = world.client("approver_a1")
    assert approver.post(f"/yearly/reports/{report.pk}/", {"action": "unit_return"}).status_code == 400  # no reason
    assert approver.post(f"/yearly/reports/{report.pk}/", {"action": "unit_approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "department_review"  # 主管部门审核: a department stands above unit A1
    department = world.client("dept_reviewer_a")
    assert department.post(f"/yearly/reports/{report.pk}/", {"action": "department_return"}).status_code == 400
    assert department.post(f"/yearly/reports/{report.pk}/", {"action": "department_approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert filer.post(f"/yearly/tasks/{task.pk}/sample/", {"share": "15"}).status_code == 404
    response = reviewer.post(f"/yearly/tasks/{task.pk}/sample/", {"share": "15", "seed": "20250101"})
    assert response.status_code == 302
    sample = Sample.objects.get()
    assert sample.seed == 20250101 and [i.report_id for i in sample.items.all()] == [report.pk]
    item = sample.items.get()
    page = reviewer.get(f"/yearly/samples/{sample.pk}/items/{item.pk}/").content.decode()
    assert 'name="row-0-score"' in page
    assert reviewer.post(f"/yearly/samples/{sample.pk}/items/{item.pk}/", {"row-2-score": "8"}).status_code == 302
    item.refresh_from_db()
    unit_total = Decimal(report.content["total_score"])
    assert Decimal(item.bureau_total) == unit_total - 4
    page = reviewer.get(f"/yearly/samples/{sample.pk}/").content.decode()
    assert re.search(r'class="num gap">-4(\.0+)?<', page)
    bad = reviewer.post(f"/yearly/samples/{sample.pk}/items/{item.pk}/", {"row-2-score": "999"})
    assert bad.status_code == 400


def test_rescore_refuses_a_bad_execution_score_with_a_message(world: World) -> None:
    from jixiao.web.yearly.models import Report, Sample, SampleItem
    from jixiao.web.yearly.services import issue_task

    task = issue_task(kind="self_evaluation", bureau=world.orgs["bureau_a"], year=2024, period="",
                      start=dt.date(2025, 1, 5), deadline=dt.date(2025, 2, 28), warning_days=5, units=None,
                      user=world.users["reviewer_a"])  # fmt: skip
    report = task.reports.get()
    Report.objects.filter(pk=report.pk).update(status="submitted")
    sample = Sample.objects.create(task=task, seed=None, created_by=world.users["reviewer_a"])
    item = SampleItem.objects.create(sample=sample, report=report)
    reviewer, url = world.client("reviewer_a"), f"/yearly/samples/{sample.pk}/items/{item.pk}/"
    for bad, message in (("abc", "不是数字"), ("11", "核查分数应在 0 到 10 之间")):
        response = reviewer.post(url, {"execution-score": bad})
        assert response.status_code == 400 and message in response.content.decode(), bad
    item.refresh_from_db()
    assert item.bureau_total == ""  # nothing stored
    assert reviewer.post(url, {"execution-score": "7.5"}).status_code == 302
    item.refresh_from_db()
    assert item.scores["execution"] == "7.5"


def test_bureau_picks_the_reports_of_a_sample_by_hand(world: World) -> None:
    from jixiao.web.yearly.models import Report, Sample
    from jixiao.web.yearly.services import issue_task

    task = issue_task(kind="self_evaluation", bureau=world.orgs["bureau_a"], year=2024, period="",
                      start=dt.date(2025, 1, 5), deadline=dt.date(2025, 2, 28), warning_days=5, units=None,
                      user=world.users["reviewer_a"])  # fmt: skip
    report = task.reports.get()
    reviewer = world.client("reviewer_a")
    assert 'name="report"' not in reviewer.get(f"/yearly/tasks/{task.pk}/").content.decode()  # a draft: not yet
    Report.objects.filter(pk=report.pk).update(status="submitted")
    page = reviewer.get(f"/yearly/tasks/{task.pk}/").content.decode()
    assert f'name="report" value="{report.pk}" form="sample-form"' in page
    assert reviewer.post(f"/yearly/tasks/{task.pk}/sample/", {"share": "15", "report": [report.pk]}).status_code == 302
    sample = Sample.objects.get()
    assert sample.seed is None and [i.report_id for i in sample.items.all()] == [report.pk]  # picked, no seed
