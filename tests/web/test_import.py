"""The import page: several files at once, a preview with findings, drafts only on confirmation, duplicates as
new versions, and bad or oversized uploads refused with a message and nothing left behind."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from web_helpers import FIXTURES, GOLD, World

SEEDS = GOLD.parent / "seeds"


def upload(client: Any, *files: tuple[str, bytes], year: int = 2024, unit: Any = None) -> Any:
    data: dict[str, Any] = {"year": year, "files": [SimpleUploadedFile(name, content) for name, content in files]}
    if unit is not None:
        data["unit"] = unit.pk
    return client.post("/tables/import/", data)


def counts() -> tuple[int, int, int]:
    from jixiao.web.targets.models import Indicator, Project, TargetTable

    return Project.objects.count(), TargetTable.objects.count(), Indicator.objects.count()


def test_docx_and_json_preview_then_confirm(world: World) -> None:
    from jixiao.web.targets.models import TargetTable

    client = world.client("filer_a1")
    before = counts()
    docx = (FIXTURES / "001_lulong.docx").read_bytes()
    gold = (GOLD / "001_8fcafb6e0b91ba75.txt.json").read_bytes()
    response = upload(client, ("001_lulong.docx", docx), ("001.json", gold))
    assert response.status_code == 200
    page = response.content.decode()
    assert counts() == before  # a preview stores nothing
    assert page.count('class="preview-table"') == 28  # 14 tables in each file
    assert "综合业务费" in page and "R41" in page  # the pasted description is flagged in the preview
    assert page.count('name="table"') == 14  # unit A2's tables (450003) are not filer A1's to import
    assert "（文件中所列）" in page  # the unit named in the file
    batch = re.search(r'name="batch" value="([0-9a-f]+)"', page).group(1)
    keys = re.findall(r'name="table" value="(0-\d+)"', page)
    response = client.post("/tables/import/", {"batch": batch, "table": keys})
    assert response.status_code == 302
    created = TargetTable.objects.filter(source_name="001_lulong.docx").order_by("seq")
    assert created.count() == 7 and {t.unit_id for t in created} == {world.orgs["unit_a1"].pk}
    third = created.get(seq=3)
    assert third.status == "draft" and third.indicators.count() == 6 and third.source_format == "docx"
    assert third.findings.filter(code="R41", indicator__position=0).exists()
    assert third.transitions.get().user == world.users["filer_a1"]


def test_duplicate_project_and_year_becomes_a_new_version(world: World) -> None:
    from jixiao.web.targets.models import TargetTable

    client = world.client("filer_a1")
    seed = (SEEDS / "001_8fcafb6e0b91ba75.txt").read_bytes()
    for expected_version in (1, 2):
        page = upload(client, ("001.txt", seed)).content.decode()
        if expected_version == 2:
            assert page.count("version 2") + page.count("版本 2") + page.count("第 2 版") >= 7
        batch = re.search(r'name="batch" value="([0-9a-f]+)"', page).group(1)
        keys = re.findall(r'name="table" value="(0-\d+)"', page)
        assert client.post("/tables/import/", {"batch": batch, "table": keys}).status_code == 302
    versions = TargetTable.objects.filter(project__code="13032424P00442810284J").order_by("version")
    assert [(t.version, t.is_current) for t in versions] == [(1, False), (2, True)]


def test_broken_file_is_reported_and_nothing_stored(world: World) -> None:
    client = world.client("filer_a1")
    before = counts()
    response = upload(
        client,
        ("broken.docx", b"PK\x03\x04 not really a zip" * 10),
        ("empty.txt", b""),
        ("bad.json", b'{"schema": "nope"}'),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="finding error upload-error"') == 3
    assert 'name="table"' not in page
    assert counts() == before


def test_confirm_is_all_or_nothing(world: World, monkeypatch: Any) -> None:
    """A failure while creating the third draft rolls back the first two."""
    from jixiao.web.targets import importing

    client = world.client("filer_a1")
    before = counts()
    page = upload(client, ("001.json", (GOLD / "001_8fcafb6e0b91ba75.txt.json").read_bytes())).content.decode()
    batch = re.search(r'name="batch" value="([0-9a-f]+)"', page).group(1)
    keys = re.findall(r'name="table" value="(0-\d+)"', page)
    real = importing.create_version
    calls = {"n": 0}

    def failing(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(importing, "create_version", failing)
    response = client.post("/tables/import/", {"batch": batch, "table": keys}, follow=True)
    assert calls["n"] == 3 and counts() == before
    page = response.content.decode()
    assert "未导入任何内容" in page and "disk full" not in page  # said in the page's language; the log has the rest


def test_50_megabyte_upload_is_refused_with_a_message(world: World) -> None:
    client = world.client("filer_a1")
    before = counts()
    big = b"0" * (50 * 1024 * 1024)
    response = upload(client, ("huge.docx", big))
    assert response.status_code == 413
    page = response.content.decode()
    assert 'id="too-large"' in page and "50" in page
    assert counts() == before


def test_single_file_over_the_limit_is_refused(world: World, settings: Any) -> None:
    settings.JIXIAO_UPLOAD_MAX_BYTES = 100_000
    client = world.client("filer_a1")
    response = upload(client, ("big.txt", b"x" * 150_000))
    assert response.status_code == 413 and "big.txt" in response.content.decode()


def test_tables_naming_no_unit_use_the_chosen_unit(world: World) -> None:
    """Seed 002 (六安) prints no unit code: the filer's own unit is used, and its printed year (2021)."""
    from jixiao.web.targets.models import TargetTable

    client = world.client("filer_a2")
    page = upload(client, ("002.txt", (SEEDS / "002_5e2b26b8bb821a85.txt").read_bytes())).content.decode()
    keys = re.findall(r'name="table" value="(0-\d+)"', page)
    assert len(keys) == 3
    # the preview says where the unit and the year came from, and shows what was read before anything is stored
    assert page.count("（表单中选择）") == 3 and page.count("（读自文件）") == 3
    assert page.count('class="parsed-indicators"') == 3 and "项目名称" in page
    batch = re.search(r'name="batch" value="([0-9a-f]+)"', page).group(1)
    assert client.post("/tables/import/", {"batch": batch, "table": keys}).status_code == 302
    tables = TargetTable.objects.filter(source_name="002.txt")
    assert {t.unit_id for t in tables} == {world.orgs["unit_a2"].pk} and {t.year for t in tables} == {2021}


def test_import_rolls_back_when_a_created_table_is_not_the_users(world: World, monkeypatch: Any) -> None:
    """The NetBox re-check: if a saved draft is not in the user's editable set, the whole import is undone."""
    from jixiao.web.targets import importing

    client = world.client("filer_a1")
    before = counts()
    page = upload(client, ("001.json", (GOLD / "001_8fcafb6e0b91ba75.txt.json").read_bytes())).content.decode()
    batch = re.search(r'name="batch" value="([0-9a-f]+)"', page).group(1)
    keys = re.findall(r'name="table" value="(0-\d+)"', page)
    real = importing.create_version

    def misplaced(**kwargs: Any) -> Any:
        table = real(**kwargs)
        if table.seq == 2:  # as if a bug stored it under another unit
            type(table).objects.filter(pk=table.pk).update(unit=world.orgs["unit_b1"])
        return table

    monkeypatch.setattr(importing, "create_version", misplaced)
    response = client.post("/tables/import/", {"batch": batch, "table": keys}, follow=True)
    assert counts() == before
    assert "nothing was imported" in response.content.decode().lower() or "未导入" in response.content.decode()


def test_the_preview_warns_when_the_file_names_another_unit_than_the_one_chosen(world: World) -> None:
    """An administrator files for both units; the Word file's 14 tables name A1 (450001) seven times and A2 (450003)
    seven times. With A2 chosen on the form, A1's seven are flagged; with no unit chosen, none is."""
    client = world.client("admin")
    docx = ("001_lulong.docx", (FIXTURES / "001_lulong.docx").read_bytes())
    chosen = world.orgs["unit_a2"]
    page = upload(client, docx, unit=chosen).content.decode()
    rows = page.split('<tr class="preview-table">')[1:]  # each row holds its parsed fields' own small table
    flagged = [row for row in rows if "unit-differs" in row]
    assert len(rows) == 14 and len(flagged) == 7
    assert all(world.orgs["unit_a1"].name in row and f"表单中选择的单位（{chosen.name}）" in row for row in flagged)
    page = upload(client, docx).content.decode()
    assert "unit-differs" not in page and page.count('class="preview-table"') == 14
