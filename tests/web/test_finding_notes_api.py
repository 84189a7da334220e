"""The API's 说明 and waiver of error findings (``/api/tables/{id}/findings/…``): the same flow, checks and record
as the pages (tests/web/test_workflow_levels.py); who may call them: tests/web/test_authorisation.py."""

from __future__ import annotations

import json
from typing import Any

from web_helpers import World


def post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_an_error_explained_and_waived_through_the_api(world: World, reload: Any) -> None:
    from jixiao.web.reviews.models import FindingNote
    from jixiao.web.reviews.workflow import apply
    from jixiao.web.targets.models import Finding

    table = world.tables["draft"]
    row = table.indicators.order_by("position")[1]
    finding = Finding.objects.create(table=table, indicator=row, indicator_position=1, code="R99", name="测试",
                                     severity="error", message="指标值超出范围")  # fmt: skip
    filer, base = world.client("filer_a1"), f"/api/tables/{table.pk}"
    (listed,) = filer.get(f"{base}/findings/notes").json()
    assert (listed["id"], listed["indicator"], listed["indicator_id"]) == (finding.pk, 1, str(row.uid))
    assert (listed["explanation"], listed["waived"]) == (None, False)
    assert post(filer, f"{base}/transitions", {"action": "submit"}).status_code == 409  # the error blocks 送审
    assert post(filer, f"{base}/findings/{finding.pk}/explanation", {"explanation": " "}).status_code == 400
    explained = post(filer, f"{base}/findings/{finding.pk}/explanation", {"explanation": "按上级批复口径填列"})
    assert explained.status_code == 200
    assert explained.json() | {"id": 0} == listed | {"id": 0, "explanation": "按上级批复口径填列",
                                                     "explained_by": "filer_a1"}  # fmt: skip
    assert post(filer, f"{base}/transitions", {"action": "submit"}).status_code == 200
    apply(table, "forward", world.users["approver_a1"])
    apply(table, "forward", world.users["dept_reviewer_a"])
    reviewer = world.client("reviewer_a")
    refused = post(reviewer, f"{base}/transitions", {"action": "approve"})
    assert refused.status_code == 409 and "豁免" in refused.json()["detail"]  # explained, not yet waived
    assert post(filer, f"{base}/findings/{finding.pk}/waiver", {}).status_code == 403  # not the filer's to waive
    waived = post(reviewer, f"{base}/findings/{finding.pk}/waiver", {"remark": "依据充分"})
    assert waived.status_code == 200
    body = waived.json()
    assert (body["waived"], body["waived_by"], body["explanation"]) == (True, "reviewer_a", "按上级批复口径填列")
    note = FindingNote.objects.get(table=table)
    assert note.waived and note.history.count() == 2  # explained, then waived: both in the history
    assert table.transitions.filter(action="explain", user=world.users["filer_a1"]).exists()
    assert table.transitions.filter(
        action="waive", user=world.users["reviewer_a"], remark__contains="依据充分"
    ).exists()
    assert post(reviewer, f"{base}/transitions", {"action": "approve"}).status_code == 200
    assert reload(table).status == "approved"


def test_only_an_error_finding_of_the_table_is_explained_and_only_an_explained_one_waived(world: World) -> None:
    from jixiao.web.reviews.models import FindingNote
    from jixiao.web.reviews.workflow import apply
    from jixiao.web.targets.models import Finding

    table = world.tables["draft"]
    warning = Finding.objects.create(table=table, code="R98", name="测试", severity="warning", message="警告")
    other = Finding.objects.create(table=world.tables["returned"], code="R99", name="测试", severity="error",
                                   message="别的表的错误")  # fmt: skip
    filer, base = world.client("filer_a1"), f"/api/tables/{table.pk}"
    assert post(filer, f"{base}/findings/{warning.pk}/explanation", {"explanation": "说明"}).status_code == 404
    assert post(filer, f"{base}/findings/{other.pk}/explanation", {"explanation": "说明"}).status_code == 404
    apply(table, "submit", world.users["filer_a1"])
    error = Finding.objects.create(table=table, code="R99", name="测试", severity="error", message="错误")
    response = post(world.client("approver_a1"), f"{base}/findings/{error.pk}/waiver", {})
    assert response.status_code == 409 and response.json()["detail"] == "只有已说明的错误才能豁免。"
    assert not FindingNote.objects.exists()


def test_the_openapi_document_holds_the_calls(world: World) -> None:
    paths = world.client("filer_a1").get("/api/openapi.json").json()["paths"]
    notes = paths["/api/tables/{pk}/findings/notes"]["get"]
    assert notes["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"].endswith(
        "ErrorFindingOut"
    )
    explain = paths["/api/tables/{pk}/findings/{finding}/explanation"]["post"]
    waive = paths["/api/tables/{pk}/findings/{finding}/waiver"]["post"]
    assert set(explain["responses"]) == {"200", "400", "403", "404"} and set(waive["responses"]) == {"200", "403",
                                                                                                     "404", "409"}  # fmt: skip
    assert explain["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("ExplainIn")
