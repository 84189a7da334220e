"""Escaping, CSRF on every POST, and the API's optimistic locking."""

from __future__ import annotations

import json
from typing import Any

import pytest
from web_helpers import World, edit_form_data, small_table


def test_script_in_an_indicator_name_renders_escaped(world: World) -> None:
    table = world.tables["draft"]
    row = table.indicators.order_by("position").first()
    row.name = '<script>alert("x")</script>问题回查率'
    row.save()
    table.project.name = "<script>document.title='p'</script>"
    table.project.save()
    for role, url in (("filer_a1", f"/tables/{table.pk}/"), ("filer_a1", f"/tables/{table.pk}/edit/"),
                      ("reviewer_a", f"/tables/{table.pk}/history/"), ("filer_a1", "/tables/"), ("filer_a1", "/")):  # fmt: skip
        body = world.client(role).get(url).content.decode()
        assert "<script>alert" not in body and "<script>document" not in body, url
    body = world.client("filer_a1").get(f"/tables/{table.pk}/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;问题回查率" in body


POSTS = [
    ("/accounts/login/", lambda w: {"username": "filer_a1", "password": "pw-filer_a1"}),
    ("/accounts/logout/", lambda w: {}),
    ("/i18n/setlang/", lambda w: {"language": "en"}),
    ("/tables/import/", lambda w: {"year": 2024}),
    ("/tables/bulk-approve/", lambda w: {"pk": [w.tables["submitted"].pk]}),
    ("/tables/{draft}/edit/", lambda w: edit_form_data(w.tables["draft"])),
    ("/tables/{draft}/do/submit/", lambda w: {}),
    ("/tables/{submitted}/review/", lambda w: {"decision": "approve"}),
    ("/tables/{approved}/do/publish/", lambda w: {}),
    ("/tables/{published}/do/adjust/", lambda w: {}),
    ("/comments/{comment}/resolve/", lambda w: {"resolution": "x"}),
]


@pytest.mark.parametrize(("url", "data"), POSTS, ids=[p[0] for p in POSTS])
def test_every_post_without_a_csrf_token_is_refused(world: World, reload: Any, url: str, data: Any) -> None:
    ids = {key: t.pk for key, t in world.tables.items()} | {"comment": world.tables["returned"].comments.get().pk}
    client = world.client("admin", enforce_csrf_checks=True)
    before = {key: (t.status, t.lock_version) for key, t in world.tables.items()}
    response = client.post(url.format(**ids), data(world))
    assert response.status_code == 403
    assert {key: (reload(t).status, t.lock_version) for key, t in world.tables.items()} == before


def test_api_with_session_needs_csrf_but_token_does_not(world: World) -> None:
    from jixiao.web.accounts.models import ApiToken

    client = world.client("filer_a1", enforce_csrf_checks=True)
    url = f"/api/tables/{world.tables['draft'].pk}/transitions"
    assert client.post(url, json.dumps({"action": "submit"}), content_type="application/json").status_code in (401, 403)
    _t, key = ApiToken.issue(world.users["filer_a1"])
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url, json.dumps({"action": "submit"}), content_type="application/json",
                                                     headers={"Authorization": f"Bearer {key}"})  # fmt: skip
    assert response.status_code == 200


def test_api_update_uses_optimistic_locking(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    client = world.client("filer_a1")
    got = client.get(f"/api/tables/{table.pk}").json()
    assert got["document"]["schema"] == "jixiao/1" and len(got["document"]["tables"][0]["indicators"]) == 7
    core = got["document"]["tables"][0]
    core["indicators"][0]["level2"] = "质量指标"
    body = {"lock_version": got["lock_version"], "table": core, "reason": "API 调整"}
    first = client.put(f"/api/tables/{table.pk}", json.dumps(body), content_type="application/json")
    assert first.status_code == 200 and first.json()["lock_version"] == got["lock_version"] + 1
    core["indicators"][0]["name"] = "覆盖别人的修改"
    second = client.put(f"/api/tables/{table.pk}", json.dumps(body), content_type="application/json")
    assert second.status_code == 409
    assert second.json()["document"]["tables"][0]["indicators"][0]["name"] == "问题回查率（%）"
    row = reload(table).indicators.order_by("position").first()
    assert row.level2 == "质量指标" and row.name == "问题回查率（%）"
    findings = client.get(f"/api/tables/{table.pk}/findings").json()
    assert all(f["code"] != "R06" for f in findings)


def test_api_round_trips_a_gold_document(world: World) -> None:
    """create → get gives back the jixiao/1 table as posted (same fields, same nulls)."""
    from jixiao.model import Document, Source

    core = small_table("往返项目", code="P-RT")
    doc = Document(source=Source(name="rt.json", format="text"), tables=[core])
    client = world.client("filer_a1")
    created = client.post(
        "/api/tables", json.dumps({"year": 2024, "document": doc.to_dict()}), content_type="application/json"
    )
    assert created.status_code == 201
    pk = created.json()[0]["id"]
    back = client.get(f"/api/tables/{pk}").json()["document"]["tables"][0]
    assert back == core.model_dump(mode="json")


def test_openapi_schema_lists_the_endpoints(world: World) -> None:
    schema = world.client("filer_a1").get("/api/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/tables", "/api/tables/{pk}", "/api/tables/{pk}/findings", "/api/tables/{pk}/transitions"} <= set(
        paths
    )
    assert world.client("anonymous").get("/api/docs").status_code == 200
