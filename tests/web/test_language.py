"""No English (nor Python reprs) in the zh-hans pages, and English in the English UI: findings, suggestions,
history reasons and the account pages included."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from web_helpers import World

# names of things, not English sentences: formats, protocols, the product, a domain abbreviation in the data
ALLOWED = {"API", "PDF", "Word", "Excel", "HTML", "CSV", "JSON", "docx", "xlsx", "jixiao", "Bearer",
           "Authorization", "DRG", "LibreOffice"}  # fmt: skip
REPRS = re.compile(r"<\w+(?:Table|Indicator|Finding|Organisation|User|QuerySet)\b|\bNone\b|\{'|\['|\bobject at 0x")


class VisibleText(HTMLParser):
    """The text a reader sees (and the tooltips and labels a screen reader reads), without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [v for k, v in attrs if k in ("title", "placeholder", "aria-label", "data-confirm") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return " ".join(parser.parts)


def pages(world: World) -> list[str]:
    urls = ["/", "/tables/", "/organisations/", "/accounts/me/", "/accounts/password/", "/accounts/users/",
            f"/accounts/users/{world.users['filer_a1'].pk}/", "/tables/import/", "/tables/new/", "/tables/999999/"]  # fmt: skip
    for key in ("draft", "returned", "published", "submitted"):
        pk = world.tables[key].pk
        urls += [f"/tables/{pk}/", f"/tables/{pk}/history/", f"/tables/{pk}/diff/"]
    urls += [f"/tables/{world.tables['draft'].pk}/edit/", f"/tables/{world.tables['submitted'].pk}/review/"]
    return urls


def english_words(text: str, world: World) -> set[str]:
    data = {u.username for u in world.users.values()} | {
        part for t in world.tables.values() for part in re.findall(r"[A-Za-z]+", t.project.code)
    }
    tokens = re.findall(r"[A-Za-z][A-Za-z0-9_'-]*", text)  # user names and codes (filer_a1, P-DRAFT) stay whole
    words = {t for t in tokens if re.fullmatch(r"[A-Za-z']{3,}", t)}
    return {w for w in words if w not in ALLOWED and w not in data}


def test_the_chinese_pages_hold_no_english_and_no_python_reprs(world: World) -> None:
    client = world.client("admin")
    found: dict[str, Any] = {}
    for url in pages(world):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        text = visible(response.content.decode())
        words = english_words(text, world)
        reprs = REPRS.findall(text)
        if words or reprs:
            found[url] = (sorted(words), reprs)
    assert not found


def test_the_english_ui_shows_findings_suggestions_and_history_in_english(world: World) -> None:
    from jixiao.web.targets.models import Finding

    table = world.tables["draft"]
    finding = Finding.objects.filter(table=table).exclude(message_en="").exclude(suggestion="").first()
    assert finding is not None and finding.message_en
    english = world.client("filer_a1", headers={"Accept-Language": "en"})
    page = english.get(f"/tables/{table.pk}/edit/").content.decode()
    assert finding.message_en.replace("'", "&#x27;").replace('"', "&quot;") in page
    assert finding.message not in page
    history = visible(english.get(f"/tables/{table.pk}/history/").content.decode())
    assert "version 1 created" in history
    chinese = world.client("filer_a1")
    page = chinese.get(f"/tables/{table.pk}/edit/").content.decode()
    assert finding.message in page and finding.message_en not in page
    assert "创建第1版" in visible(chinese.get(f"/tables/{table.pk}/history/").content.decode())


def test_bilingual_suggestions_are_split_by_language() -> None:
    from django.utils import translation

    from jixiao.web.core.templatetags.language import change_reason, suggestion

    text = "写明口径、计算方法和数据来源 (state scope, formula and data source)"
    with translation.override("zh-hans"):
        assert suggestion(text) == "写明口径、计算方法和数据来源"
        assert suggestion("改为「质量指标」") == "改为「质量指标」"
        assert change_reason("superseded by version 3") == "被第3版取代"
        assert change_reason("按审核意见修改") == "按审核意见修改"
    with translation.override("en"):
        assert suggestion(text) == "state scope, formula and data source"
        assert change_reason("superseded by version 3") == "superseded by version 3"


def test_import_errors_are_in_the_ui_language(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(client: Any, name: str, content: bytes) -> str:
        response = client.post("/tables/import/", {"year": 2024, "files": [SimpleUploadedFile(name, content)]})
        return str(response.content.decode())

    chinese = world.client("filer_a1")
    page = upload(chinese, "损坏.docx", b"PK\x03\x04 this is not a real zip archive")
    errors = re.findall(r'class="finding error upload-error">([^<]*)<', page)
    assert errors and all(not english_words(e, world) for e in errors), errors
    assert "无法读取文件" in errors[0]
    page = upload(chinese, "坏.json", b'{"schema": "jixiao/1", "tables": "x"}')
    errors = re.findall(r'class="finding error upload-error">([^<]*)<', page)
    assert errors and not english_words(errors[0].replace("jixiao/1", ""), world), errors
    english = world.client("filer_a1", headers={"Accept-Language": "en"})
    page = upload(english, "broken.docx", b"PK\x03\x04 this is not a real zip archive")
    assert re.search(r'class="finding error upload-error">[^<]*[a-z]{4}', page)


def _workbook_with_warnings() -> bytes:
    """A table with an indicator without a value, beside a hidden sheet: a reader's and an interpreter's warning."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "目标表"
    for row in (["项目名称", "医保经办能力提升"], ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "培训人次", "≥50人次"], ["产出指标", "质量指标", "办结率", ""],
                ["效益指标", "社会效益指标", "便利度", "显著提升"],
                ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"]):  # fmt: skip
        sheet.append(row)
    book.create_sheet("备用").sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_import_preview_words_the_readers_warnings_in_the_ui_language(world: World) -> None:
    """The core's warnings are catalogued codes: the zh-hans preview words them in Chinese, the English one in
    English (each kind's two wordings: tests/test_read_warnings.py)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def warnings(client: Any) -> list[str]:
        upload = SimpleUploadedFile("目标表.xlsx", _workbook_with_warnings())
        page = client.post("/tables/import/", {"year": 2024, "files": [upload]}).content.decode()
        assert 'id="confirm-form"' in page
        return [html.unescape(w) for w in re.findall(r'class="finding warning read-warning">([^<]*)<', page)]

    chinese = warnings(world.client("filer_a1"))
    assert chinese == ["备用：隐藏的工作表，未读取", "表[0]：1个指标没有指标值，第一个是「办结率」"], chinese
    assert not any(english_words(w, world) for w in chinese)
    english = warnings(world.client("filer_a1", headers={"Accept-Language": "en"}))
    assert english == ["备用: hidden sheet skipped", "table [0]: 1 indicator(s) without a target value, first '办结率'"]


def test_the_import_preview_of_a_real_file_holds_no_english(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from web_helpers import FIXTURES

    found = {}
    for name in ("001_lulong.docx", "003_chongqing.xlsx"):
        upload = SimpleUploadedFile(name, (FIXTURES / name).read_bytes())
        page = world.client("filer_a1").post("/tables/import/", {"year": 2024, "files": [upload]}).content.decode()
        text = visible(page).replace(name, "")
        found[name] = (sorted(english_words(text, world)), REPRS.findall(text))
    assert found == {name: ([], []) for name in found}


def test_a_place_in_the_file_reads_in_the_ui_language() -> None:
    from jixiao.web.targets.importing import place_shown

    assert place_shown("paragraph 38 – table 1 r14c17", "zh-hans") == "第38段 – 表1 第14行第17列"
    assert place_shown("pages 3-4 table 2", "zh-hans") == "第3–4页 表2"
    assert place_shown("lines 5-9", "zh-hans") == "第5–9行" and place_shown("目标表!A1:D9", "zh-hans") == "目标表!A1:D9"
    assert place_shown("paragraph 38 – table 1 r14c17", "en") == "paragraph 38 – table 1 r14c17"


def test_the_history_of_an_explained_and_waived_error_holds_no_english(world: World) -> None:
    from jixiao.web.reviews.workflow import apply, explain_finding, note_for, waive_finding
    from jixiao.web.targets.models import Finding

    table = world.tables["draft"]
    apply(table, "submit", world.users["filer_a1"])
    finding = Finding.objects.create(table=table, code="R99", name="测试", severity="error", message="指标值超出范围")
    table.status = "returned"  # as if returned with the error: the filer explains, then resubmits
    table.save(update_fields=["status"])
    explain_finding(table, finding, world.users["filer_a1"], "按上级批复口径填列")
    explain_finding(table, finding, world.users["filer_a1"], "按上级批复口径填列（补充）")  # a changed 说明
    apply(table, "submit", world.users["filer_a1"])
    note = note_for(table, finding)
    assert note is not None
    table.refresh_from_db()
    waive_finding(table, note, world.users["approver_a1"])
    pages = {"history/": "豁免", "findings/notes/": "按上级批复口径填列（补充）"}
    for suffix, expected in pages.items():
        text = visible(world.client("filer_a1").get(f"/tables/{table.pk}/{suffix}").content.decode())
        assert expected in text, suffix
        assert not english_words(text, world) and not REPRS.findall(text), (suffix, english_words(text, world))


def test_an_import_that_fails_on_confirming_says_so_without_the_pythons_text(world: World, monkeypatch: Any) -> None:
    from jixiao.web.targets import importing

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database connection lost while inserting")

    monkeypatch.setattr(importing, "confirm", broken)
    page = world.client("filer_a1").post("/tables/import/", {"batch": "x", "table": "0-0"}, follow=True)
    text = visible(page.content.decode())
    assert "未导入任何内容" in text and "服务器未能保存这些表" in text
    assert not english_words(text, world), english_words(text, world)
