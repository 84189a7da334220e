"""Downloads through the core writers: one table, a selection, a unit's whole year; formats, layouts, permissions."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from job_helpers import run_and_download
from web_helpers import World

from jixiao.parsing import parse_bytes
from jixiao.writers import MEDIA_TYPES


def stored(table: Any) -> tuple[str, int]:
    return table.project.name, table.indicators.count()


def parsed(data: bytes, name: str) -> list[tuple[str | None, int]]:
    document = parse_bytes(data, name).document
    return [(t.project_name, len(t.indicators)) for t in document.tables]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_one_table_downloads_and_reads_back(world: World, fmt: str) -> None:
    table = world.tables["draft"]
    response = world.client("filer_a1").get(f"/tables/{table.pk}/export/", {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPES[fmt]
    disposition = response["Content-Disposition"]
    assert f"filename*=UTF-8''{quote(f'草稿项目-v{table.version}.{fmt}')}" in disposition
    assert f'filename="jixiao-table-{table.pk}-v{table.version}.{fmt}"' in disposition
    assert parsed(response.content, f"out.{fmt}") == [stored(table)]


def test_one_table_every_layout_and_light_formats(world: World) -> None:
    table = world.tables["draft"]
    client = world.client("filer_a1")
    for layout in ("national", "tianjin", "lulong", "luan", "chongqing"):
        response = client.get(f"/tables/{table.pk}/export/", {"format": "docx", "layout": layout})
        assert response.status_code == 200, layout
        [(name, count)] = parsed(response.content, "out.docx")
        # 重庆's form prints code and name in one cell ("P-DRAFT-草稿项目")
        assert (name or "").endswith("草稿项目") and count == stored(table)[1], layout
    html = client.get(f"/tables/{table.pk}/export/", {"format": "html"})
    assert html["Content-Type"] == MEDIA_TYPES["html"] and "草稿项目" in html.content.decode("utf-8")
    csv = client.get(f"/tables/{table.pk}/export/", {"format": "csv"})
    assert csv["Content-Type"] == MEDIA_TYPES["csv"] and "草稿项目" in csv.content.decode("utf-8-sig")
    data = client.get(f"/tables/{table.pk}/export/", {"format": "json"})
    document = json.loads(data.content)
    assert [t["project_name"] for t in document["tables"]] == ["草稿项目"]


def test_default_layout_is_the_one_the_organisations_store(world: World) -> None:
    from jixiao.web.organisations.models import Organisation
    from jixiao.web.targets.exporting import default_layout

    assert default_layout([world.orgs["unit_a1"]]) == "lulong"  # set on the bureau above
    assert default_layout([world.orgs["unit_b1"]]) == "chongqing"
    assert default_layout([world.orgs["unit_a1"], world.orgs["unit_b1"]]) == "national"
    # the name decides nothing: a 长寿 unit under a bureau without a layout prints the national form
    elsewhere = Organisation.objects.create(name="某县财政局", kind="finance")
    changshou = Organisation.objects.create(name="长寿路街道办事处", kind="unit", parent=elsewhere)
    assert default_layout([changshou]) == "national"
    changshou.layout = "tianjin"  # set on the unit itself: it wins over the bureau's
    changshou.save()
    assert default_layout([changshou]) == "tianjin"


def test_the_layout_is_one_of_the_registered_and_editable_in_the_admin(world: World) -> None:
    from django.core.exceptions import ValidationError

    from jixiao.writers.layouts import registered

    bureau = world.orgs["bureau_a"]
    bureau.layout = "atlantis"
    with pytest.raises(ValidationError):
        bureau.full_clean()
    admin = world.client("admin")
    page = admin.get(f"/admin/organisations/organisation/{bureau.pk}/change/").content.decode()
    for name in registered():
        assert f'value="{name}"' in page
    export_form = world.client("filer_a1").get(f"/tables/{world.tables['draft'].pk}/").content.decode()
    assert all(f'<option value="{name}">' in export_form for name in registered())


def test_region_default_layout_is_used(world: World) -> None:
    """No layout named → the region's (卢龙); the same bytes as asking for it."""
    table = world.tables["draft"]
    client = world.client("filer_a1")
    implicit = client.get(f"/tables/{table.pk}/export/", {"format": "html"}).content
    lulong = client.get(f"/tables/{table.pk}/export/", {"format": "html", "layout": "lulong"}).content
    national = client.get(f"/tables/{table.pk}/export/", {"format": "html", "layout": "national"}).content
    assert implicit == lulong and implicit != national


def test_bad_format_or_layout_is_400_with_a_message(world: World) -> None:
    table = world.tables["draft"]
    client = world.client("filer_a1")
    response = client.get(f"/tables/{table.pk}/export/", {"format": "exe"})
    assert response.status_code == 400 and "exe" in response.content.decode("utf-8")
    assert "docx" in response.content.decode("utf-8")
    response = client.get(f"/tables/{table.pk}/export/", {"format": "docx", "layout": "mars"})
    assert response.status_code == 400 and "mars" in response.content.decode("utf-8")
    response = client.get("/tables/export/", {"pk": table.pk, "layout": "mars"})
    assert response.status_code == 400
    unit = world.orgs["unit_a1"].pk
    response = client.get("/tables/bound/", {"unit": unit, "year": 2024, "format": "xlsx"})
    assert response.status_code == 400 and "xlsx" in response.content.decode("utf-8")
    response = client.get("/tables/bound/", {"unit": unit})
    assert response.status_code == 400 and response.content


def test_other_units_table_is_404(world: World) -> None:
    client = world.client("filer_a1")
    for key in ("b_draft", "a2_draft"):
        pk = world.tables[key].pk
        assert client.get(f"/tables/{pk}/export/", {"format": "docx"}).status_code == 404
        assert client.get("/tables/export/", {"pk": pk, "format": "docx"}).status_code == 404
    # a bad format does not reveal that the table exists
    assert client.get(f"/tables/{world.tables['b_draft'].pk}/export/", {"format": "exe"}).status_code == 404
    assert client.get("/tables/bound/", {"unit": world.orgs["unit_b1"].pk, "year": 2024}).status_code == 404


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_selection_is_one_file_of_the_visible_tables(world: World, fmt: str) -> None:
    keys = ("draft", "approved", "published")
    pks = [world.tables[k].pk for k in keys] + [world.tables["b_draft"].pk]  # B's table is silently left out
    response = world.client("filer_a1").get("/tables/export/", {"pk": pks, "format": fmt, "layout": "national"})
    assert response.status_code == 200 and response["Content-Type"] == MEDIA_TYPES[fmt]
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert sorted(parsed(response.content, f"selection.{fmt}")) == sorted(stored(world.tables[k]) for k in keys)


def test_selection_csv_and_json(world: World) -> None:
    pks = [world.tables["draft"].pk, world.tables["submitted"].pk]
    client = world.client("reviewer_a")
    text = client.get("/tables/export/", {"pk": pks, "format": "csv"}).content.decode("utf-8-sig")
    assert "草稿项目" in text and "送审项目" in text
    document = json.loads(client.get("/tables/export/", {"pk": pks, "format": "json"}).content)
    assert [t["project_name"] for t in document["tables"]] == ["草稿项目", "送审项目"]


def test_department_year_bound_document_has_every_visible_table_and_no_other(world: World) -> None:
    from jixiao.web.targets.models import TargetTable

    department = world.orgs["dept_a"]
    expected_a = TargetTable.objects.filter(is_current=True, year=2024, unit__path__startswith=department.path)
    # the reviewer sees the whole department (both units)
    reviewer = world.client("reviewer_a")
    response = run_and_download(reviewer, reviewer.get("/tables/bound/", {"unit": department.pk, "year": 2024}))
    assert response["Content-Type"] == MEDIA_TYPES["docx"]
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    got = parsed(response.content, "bound.docx")
    assert sorted(got) == sorted(stored(t) for t in expected_a.select_related("project"))
    assert ("另一单位项目", 7) in got and all(name != "重庆项目" for name, _n in got)
    # filer A1 asks for the same department: only the tables of A1, never A2's or B's
    filer = world.client("filer_a1")
    response = run_and_download(filer, filer.get("/tables/bound/", {"unit": department.pk, "year": 2024}))
    got = parsed(response.content, "bound.docx")
    visible = TargetTable.objects.restrict(world.users["filer_a1"], "view").filter(is_current=True, year=2024)
    assert sorted(got) == sorted(stored(t) for t in visible.select_related("project"))
    assert all(name not in {"另一单位项目", "重庆项目"} for name, _n in got) and len(got) == 5
    # another year holds nothing
    assert world.client("reviewer_a").get("/tables/bound/", {"unit": department.pk, "year": 2019}).status_code == 404


def test_pages_offer_the_export_controls(world: World) -> None:
    client = world.client("filer_a1")
    table = world.tables["draft"]
    page = client.get(f"/tables/{table.pk}/").content.decode("utf-8")
    assert f'action="/tables/{table.pk}/export/"' in page and 'name="layout"' in page and 'value="pdf"' in page
    listing = client.get("/tables/").content.decode("utf-8")
    assert 'formaction="/tables/export/"' in listing and 'id="bound-form"' not in listing
    unit = world.orgs["unit_a1"].pk
    filtered = client.get("/tables/", {"unit": unit, "year": 2024}).content.decode("utf-8")
    assert 'id="bound-form"' in filtered and 'action="/tables/bound/"' in filtered


@pytest.mark.libreoffice
def test_pdf_download_holds_the_indicator_names(world: World) -> None:
    """The one LibreOffice test: a PDF of the bound year of unit A1, its text holding every indicator name.

    ``-raw`` keeps the content-stream order, so a name wrapped inside its cell is not interleaved with the next cell.
    """
    from jixiao.web.targets.models import Indicator

    unit = world.orgs["unit_a1"]
    approver = world.client("approver_a1")
    started = approver.get("/tables/bound/", {"unit": unit.pk, "year": 2024, "format": "pdf"})
    response = run_and_download(approver, started)  # LibreOffice runs in the background job
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bound.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True)
    flat = "".join(text.stdout.split())
    names = set(Indicator.objects.filter(table=world.tables["draft"]).values_list("name", flat=True))
    assert names and all("".join(name.split()) in flat for name in names), [n for n in names if n not in flat]
    assert "草稿项目" in flat and "重庆项目" not in flat and "另一单位项目" not in flat
