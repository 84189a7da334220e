"""One source of truth: the stored columns, the forms, the diff, the history and the API follow ``jixiao.model``."""

from __future__ import annotations

import json
import re
import typing
from io import StringIO
from typing import Any

import pytest
from pydantic import BaseModel
from web_helpers import World, edit_form_data

from jixiao.model import Funds
from jixiao.model import Indicator as CoreIndicator
from jixiao.model import TargetTable as CoreTable

pytestmark = pytest.mark.django_db

# stored elsewhere than as a column of the table: rows of their own
_TABLE_ROWS = {"indicators", "spending_plan"}


def _paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of a core model, nested models that are flattened (funds) as dotted paths."""
    paths: set[str] = set()
    hints = typing.get_type_hints(model)
    for name in model.model_fields:
        if hints[name] is Funds:
            paths |= _paths(Funds, "funds.")
        else:
            paths.add(prefix + name)
    return paths


def test_every_field_of_the_model_is_stored() -> None:
    from jixiao.web.targets import models as m
    from jixiao.web.targets.fields import INDICATOR_SPECS, TABLE_SPECS

    assert {s.path for s in TABLE_SPECS} == _paths(CoreTable) - _TABLE_ROWS
    assert {s.path for s in INDICATOR_SPECS} == _paths(CoreIndicator)
    table_columns = {f.name for f in m.TargetTable._meta.get_fields()}
    indicator_columns = {f.name for f in m.Indicator._meta.get_fields()}
    assert {s.column for s in TABLE_SPECS} <= table_columns
    assert {s.column for s in INDICATOR_SPECS} <= indicator_columns


def test_migrations_match_the_models() -> None:
    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero when a migration is missing
    assert "No changes detected" in out.getvalue()


def test_every_field_of_the_model_is_in_the_forms() -> None:
    from jixiao.web.targets.fields import DERIVED_INDICATOR_FIELDS, INDICATOR_SPECS, NOT_EDITABLE, TABLE_SPECS
    from jixiao.web.targets.forms import IndicatorForm, TargetTableForm

    header = set(TargetTableForm().fields)
    row = set(IndicatorForm().fields)
    for spec in TABLE_SPECS:
        assert spec.column in header or spec.core_name in NOT_EDITABLE, spec.path
    for spec in INDICATOR_SPECS:
        assert spec.column in row or spec.path in DERIVED_INDICATOR_FIELDS | NOT_EDITABLE, spec.path
    # the derived fields are computed from an editable one, never left unset
    assert {s.path for s in INDICATOR_SPECS} >= DERIVED_INDICATOR_FIELDS


def test_the_api_schema_carries_every_field_of_the_model(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    components = schema["components"]["schemas"]
    assert set(components["TargetTable"]["properties"]) == set(CoreTable.model_fields)
    assert set(components["Indicator"]["properties"]) == set(CoreIndicator.model_fields)
    assert set(components["Funds"]["properties"]) == set(Funds.model_fields)
    assert "schema" in components["Document"]["properties"]
    # the transition's action and the list's status are typed, not free strings
    transition = components["TransitionIn"]["properties"]["action"]
    assert set(transition.get("enum", [])) == {"submit", "return", "approve", "publish", "adjust"}
    parameters = {p["name"]: p for p in schema["paths"]["/api/tables"]["get"]["parameters"]}
    assert {"q", "year", "unit", "status", "has_errors"} <= set(parameters)


def test_every_field_of_the_model_is_compared_by_the_diff(world: World) -> None:
    from jixiao.web.targets import models as m
    from jixiao.web.targets.diffing import diff_tables
    from jixiao.web.targets.fields import INDICATOR_SPECS, TABLE_SPECS

    old = world.tables["draft"]
    new = m.TargetTable.objects.get(pk=world.tables["a2_draft"].pk)
    samples = {"text": "改", "int": 1999, "choice": "monitoring", "json": [{"name": "任务"}]}
    for spec in TABLE_SPECS:
        value = samples[spec.storage] if spec.column != "level1_max_scores" else {"产出指标": "50"}
        if spec.column == "annual_goals":
            value = ["新目标"]
        if spec.column == "execution":
            value = [{"label": "财政拨款"}]
        if spec.column == "fund_management":
            value = [{"item": "资金分配"}]
        setattr(new, spec.column, value)
    new.save()
    rows = list(new.indicators.order_by("position"))
    row = rows[0]
    row.uid = old.indicators.order_by("position").first().uid  # the same indicator in both
    nested = {"parts": [{"text": "改"}], "deadline": {"kind": "date", "text": "改"}}
    for spec in INDICATOR_SPECS:
        setattr(row, spec.column, nested.get(spec.column, "改"))
    row.save()
    diff = diff_tables(old, new)
    labels = {label for label, _a, _b in diff.header}
    assert {str(s.label) for s in TABLE_SPECS} <= labels
    changed = [changes for _pos, _kind, changes in diff.rows if _kind == "修改"]
    assert changed and {str(s.label) for s in INDICATOR_SPECS} <= {label for label, _a, _b in changed[0]}


def test_a_change_of_nature_through_the_api_shows_in_the_diff(world: World) -> None:
    table = world.tables["published"]
    filer = world.client("filer_a1")
    adjusted = filer.post(
        f"/api/tables/{table.pk}/transitions",
        json.dumps({"action": "adjust", "remark": "性质调整"}),
        "application/json",
    )
    assert adjusted.status_code == 200, adjusted.content
    got = adjusted.json()
    core = got["document"]["tables"][0]
    assert got["document"]["schema"] == "jixiao/1"
    before = core["indicators"][1]["nature"]
    core["indicators"][1]["nature"] = "约束性指标" if before != "约束性指标" else "预期性指标"
    body = {"lock_version": got["lock_version"], "table": core, "reason": "改指标性质"}
    put = filer.put(f"/api/tables/{got['id']}", json.dumps(body), content_type="application/json")
    assert put.status_code == 200, put.content
    page = filer.get(f"/tables/{got['id']}/diff/?other={table.pk}").content.decode()
    assert "没有差异" not in page and "No differences" not in page
    assert re.search(r"指标性质</th><td><del>[^<]*</del></td><td><ins>" + core["indicators"][1]["nature"], page)
    assert page.count("<td>修改</td>") == 1  # one row changed, one field


def test_the_api_refuses_a_table_that_is_not_jixiao_1(world: World) -> None:
    table = world.tables["draft"]
    body = {"lock_version": table.lock_version, "table": {"indicators": [{"nonsense": 1}]}}
    response = world.client("filer_a1").put(f"/api/tables/{table.pk}", json.dumps(body), "application/json")
    assert response.status_code == 422
    assert table.indicators.count() == 7


def test_the_api_list_filters_through_the_filterset(world: World) -> None:
    client = world.client("reviewer_a")
    statuses = {row["status"] for row in client.get("/api/tables?status=submitted").json()}
    assert statuses == {"submitted"}
    assert client.get("/api/tables?status=nonsense").status_code == 422
    found = client.get("/api/tables?q=批复").json()
    assert [row["project_name"] for row in found] == ["批复项目"]


def test_every_field_of_the_model_is_editable_on_the_page(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    data = edit_form_data(
        table,
        header={
            "funds_carryover": "12.5",
            "form_label": "预算12表",
            "tasks": json.dumps([{"name": "医保稽核", "content": "全年稽核"}], ensure_ascii=False),
        },
        rows={0: {"remark": "新备注", "nature": "约束性指标"}},
    )
    response = world.client("filer_a1").post(f"/tables/{table.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    table = reload(table)
    assert (table.funds_carryover, table.form_label) == ("12.5", "预算12表")
    assert table.tasks == [
        {"name": "医保稽核", "content": "全年稽核", "status": None, "budget": None, "executed": None,
         "max_score": None, "rate": None, "score": None}
    ]  # fmt: skip
    first = table.indicators.order_by("position").first()
    assert (first.remark, first.nature) == ("新备注", "约束性指标")


def test_a_json_field_that_is_not_the_model_is_refused_on_the_page(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    data = edit_form_data(table, header={"tasks": '[{"nonsense": 1}]'})
    response = world.client("filer_a1").post(f"/tables/{table.pk}/edit/", data)
    assert response.status_code == 400
    assert reload(table).lock_version == 1


def test_an_edit_that_changes_nothing_changes_no_field(world: World, reload: Any) -> None:
    from jixiao.web.targets import convert

    table = world.tables["draft"]
    before = convert.to_core_table(table).model_dump()
    assert world.client("filer_a1").post(f"/tables/{table.pk}/edit/", edit_form_data(table)).status_code == 302
    assert convert.to_core_table(reload(table)).model_dump() == before


def test_the_conflict_page_shows_nested_fields_as_json(world: World) -> None:
    table = world.tables["draft"]
    stale = edit_form_data(table, header={"tasks": json.dumps([{"name": "医保稽核"}], ensure_ascii=False)})
    filer = world.client("filer_a1")
    assert filer.post(f"/tables/{table.pk}/edit/", edit_form_data(table, reason="先保存")).status_code == 302
    page = filer.post(f"/tables/{table.pk}/edit/", stale)
    assert page.status_code == 409
    body = page.content.decode()
    assert "&quot;name&quot;: &quot;医保稽核&quot;" in body and "&#x27;name&#x27;" not in body


def test_a_new_model_field_without_a_label_or_storage_stops_the_app() -> None:
    """A field added to the model is stored, edited, diffed and served by derivation; if the app cannot derive
    it (no label, or a type it cannot store), importing the field tables fails instead of dropping it."""
    from pydantic import create_model

    from jixiao.web.targets.fields import SchemaError, _specs

    extended = create_model("ExtendedIndicator", __base__=CoreIndicator, new_field=(str | None, None))
    with pytest.raises(SchemaError, match="new_field"):
        _specs(extended, prefix="", columns={}, skip=frozenset())
    odd = create_model("OddIndicator", __base__=CoreIndicator, remark=(complex | None, None))
    with pytest.raises(SchemaError, match="remark"):
        _specs(odd, prefix="", columns={}, skip=frozenset())
