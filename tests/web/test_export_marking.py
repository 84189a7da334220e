"""Official prints: a year binds the approved or published versions; anything else is marked 草稿 / 审核中.

And the converters: a format whose program is missing is not offered, and a converter failure is a page
that says so (503), never a server error.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from job_helpers import job_of, run_and_download
from web_helpers import ARTIFACTS, World


def word_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))


def adjusted_with_a_new_indicator_name(world: World) -> tuple[Any, Any]:
    """The published table adjusted: a new draft version whose first indicator is renamed."""
    from jixiao.web.targets.services import copy_for_adjustment

    published = world.tables["published"]
    draft = copy_for_adjustment(published, user=world.users["filer_a1"], reason="调整预算")
    row = draft.indicators.order_by("position").first()
    row.name = "调整后尚未批复的指标"
    row.save()
    published.refresh_from_db()
    return published, draft


def test_the_bound_year_holds_the_published_version_not_the_later_draft(world: World) -> None:
    published, draft = adjusted_with_a_new_indicator_name(world)
    assert draft.is_current and not published.is_current
    client = world.client("reviewer_a")
    started = client.get("/tables/bound/", {"unit": world.orgs["unit_a1"].pk, "year": 2024, "format": "docx"})
    text = word_xml(run_and_download(client, started).content)  # the bound year is made by a background job
    first_name = published.indicators.order_by("position").first().name
    assert first_name in text and "调整后尚未批复的指标" not in text
    # the unit's other projects are drafts, submitted or returned: the file says so and carries the watermark
    assert "PowerPlusWaterMarkObject" in text and 'string="草稿"' in text
    assert "非正式文本" in text and "草稿项目（第1版，草稿）" in text and "送审项目（第1版，财政审核中）" in text
    assert "批复项目" not in text.split("非正式文本", 1)[1].split("</w:p>", 1)[0]


def test_a_year_of_approved_and_published_tables_is_not_marked(world: World) -> None:
    from jixiao.web.targets.models import TargetTable

    TargetTable.objects.exclude(pk__in=[world.tables["approved"].pk, world.tables["published"].pk]).filter(
        unit=world.orgs["unit_a1"]
    ).delete()
    client = world.client("reviewer_a")
    started = client.get("/tables/bound/", {"unit": world.orgs["unit_a1"].pk, "year": 2024, "format": "docx"})
    text = word_xml(run_and_download(client, started).content)
    assert "PowerPlusWaterMarkObject" not in text and "非正式文本" not in text
    assert "通过项目" in text and "批复项目" in text


@pytest.mark.parametrize(("key", "word"), [("draft", "草稿"), ("returned", "草稿"), ("submitted", "审核中")])
def test_a_table_that_is_not_approved_is_marked_in_every_print_format(world: World, key: str, word: str) -> None:
    from openpyxl import load_workbook

    table = world.tables[key]
    client = world.client("filer_a1")
    docx = client.get(f"/tables/{table.pk}/export/", {"format": "docx"}).content
    assert f'string="{word}"' in word_xml(docx) and f"{word}：非正式文本" in word_xml(docx)
    html = client.get(f"/tables/{table.pk}/export/", {"format": "html"}).content.decode()
    assert f'class="jixiao-watermark" aria-hidden="true">{word}<' in html and "非正式文本" in html
    book = load_workbook(io.BytesIO(client.get(f"/tables/{table.pk}/export/", {"format": "xlsx"}).content))
    assert all(word in sheet.oddHeader.center.text for sheet in book.worksheets)
    data = client.get(f"/tables/{table.pk}/export/", {"format": "json"}).content.decode()
    assert "非正式文本" not in data  # data formats stay the document itself


def test_an_approved_table_is_printed_without_a_mark(world: World) -> None:
    table = world.tables["approved"]
    client = world.client("filer_a1")
    assert "PowerPlusWaterMarkObject" not in word_xml(client.get(f"/tables/{table.pk}/export/").content)
    html = client.get(f"/tables/{table.pk}/export/", {"format": "html"}).content.decode()
    assert "jixiao-watermark" not in html


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs LibreOffice")
def test_the_pdf_of_a_draft_carries_the_watermark_and_the_status_line(world: World) -> None:
    table = world.tables["draft"]
    client = world.client("filer_a1")
    response = run_and_download(client, client.get(f"/tables/{table.pk}/export/", {"format": "pdf"}))
    assert response.content.startswith(b"%PDF")
    ARTIFACTS.joinpath("export").mkdir(parents=True, exist_ok=True)
    ARTIFACTS.joinpath("export", "draft-marked.pdf").write_bytes(response.content)  # to look at
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "非正式文本" in text and "草稿项目" in text
    assert re.search(r"草\s*稿", text.split("非正式文本", 1)[1]), "the watermark word is on the page"


def test_a_missing_converter_is_not_offered_and_asking_for_it_is_a_clear_refusal(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jixiao.writers._pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    client = world.client("filer_a1")
    table = world.tables["draft"]
    page = client.get(f"/tables/{table.pk}/").content.decode()
    assert 'value="docx"' in page and 'value="pdf"' not in page
    listing = client.get("/tables/", {"unit": world.orgs["unit_a1"].pk, "year": 2024}).content.decode()
    assert 'value="pdf"' not in listing
    refused = client.get(f"/tables/{table.pk}/export/", {"format": "pdf"})
    assert refused.status_code == 400 and "LibreOffice" in refused.content.decode()
    assert "本服务器无法生成" in refused.content.decode()


def test_a_converter_failure_is_a_page_not_a_server_error(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.web.targets.exporting as exporting
    from jixiao.errors import WriteError
    from jixiao.web.jobs.models import Job, JobFile
    from jixiao.web.jobs.services import run_job

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise WriteError("LibreOffice timed out after 60 s", path="/tmp/jixiao-out-x/document.pdf")

    monkeypatch.setattr(exporting, "render_bytes", broken)
    monkeypatch.setattr(exporting, "converter_missing", lambda fmt: False)
    table = world.tables["approved"]
    # a PDF is made by a background job: the job fails with the reason, keeps no file, and its page says so
    client = world.client("filer_a1")
    pk = job_of(client.get(f"/tables/{table.pk}/export/", {"format": "pdf"}))
    assert run_job(pk) == "failed"
    job = Job.objects.get(pk=pk)
    assert "PDF" in job.error and "LibreOffice timed out" in job.error and "/tmp/" not in job.error
    assert job.files.count() == 0 and client.get(f"/jobs/{pk}/download/").status_code == 404
    page = client.get(f"/jobs/{pk}/status/").content.decode()
    assert "job-error" in page and "未保存任何内容" in page and "hx-trigger" not in page
    # the bound year (a job in Word too) fails the same way; a direct download (Word) answers with the page
    started = client.get("/tables/bound/", {"unit": world.orgs["unit_a1"].pk, "year": 2024})
    assert run_job(job_of(started)) == "failed" and JobFile.objects.count() == 0
    response = client.get(f"/tables/{table.pk}/export/", {"format": "docx"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "导出失败" in page and "DOCX" in page and "/tmp/" not in page and 'id="error-nav"' in page
    english = world.client("filer_a1", headers={"Accept-Language": "en"}).get(
        f"/tables/{table.pk}/export/", {"format": "docx"}
    )
    assert "Export failed" in english.content.decode()
