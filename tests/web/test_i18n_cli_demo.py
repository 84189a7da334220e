"""Languages (zh-hans first, English switchable), the shipped catalogue, the CLI wrappers and the demo loader."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from typing import Any

import pytest
from web_helpers import World

WEB = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web"
CATALOGUE = WEB / "locale" / "zh_Hans" / "LC_MESSAGES"


def po_entries(path: Path) -> dict[str, str]:
    """msgid → msgstr (first plural form) of a .po file; an entry with a context is keyed ``context\x04msgid``
    (as the compiled catalogue keys it)."""
    entries: dict[str, str] = {}
    msgid = msgstr = context = None
    current = None

    def keep() -> None:
        if msgid:
            entries[f"{context}\x04{msgid}" if context else msgid] = msgstr or ""

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgctxt "):
            keep()
            msgid, context, current = None, _unquote(line), "ctx"
        elif line.startswith("msgid "):
            if current != "ctx":
                keep()
                context = None
            msgid, msgstr, current = _unquote(line), "", "id"
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            msgstr, current = _unquote(line), "str"
        elif line.startswith("msgid_plural") or line.startswith("msgstr["):
            current = None
        elif line.startswith('"') and current == "id":
            msgid = (msgid or "") + _unquote(line)
        elif line.startswith('"') and current == "str":
            msgstr = (msgstr or "") + _unquote(line)
    keep()
    return entries


def _unquote(line: str) -> str:
    return line[line.index('"') + 1 : line.rindex('"')].replace('\\"', '"').replace("\\n", "\n")


def test_catalogue_is_complete_and_compiled() -> None:
    entries = po_entries(CATALOGUE / "django.po")
    assert len(entries) > 150
    untranslated = [k for k, v in entries.items() if not v]
    assert not untranslated
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [k for k, v in entries.items() if "%(n)s" not in k and compiled.gettext(k) != v]
    assert not stale, f"django.mo is older than django.po: {stale[:5]}"


def test_every_template_string_is_in_the_catalogue() -> None:
    entries = po_entries(CATALOGUE / "django.po")
    pattern = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")
    missing = []
    for template in WEB.rglob("templates/**/*.html"):
        for _quote, text in pattern.findall(template.read_text(encoding="utf-8")):
            if text.replace("%", "%%") not in entries:  # Django doubles % in template msgids
                missing.append((template.name, text))
    assert not missing


def test_chinese_first_english_switchable(world: World) -> None:
    client = world.client("filer_a1")
    assert "工作台" in client.get("/").content.decode()
    assert "我的草稿" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "My drafts" in page and "我的草稿" not in page
    assert "Dashboard" in world.client("filer_a1").get("/", headers={"Accept-Language": "en"}).content.decode()


def test_assets_are_local(world: World) -> None:
    page = world.client("filer_a1").get("/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    for asset in ("/static/django_htmx/htmx-2.min.js", "/static/jixiao/app.css", "/static/jixiao/app.js"):
        assert asset in page
    docs = world.client("anonymous").get("/api/docs").content.decode()
    docs_sources = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert docs_sources and all(src.startswith("/static/") for src in docs_sources)  # Swagger UI from ninja's own files
    from django.contrib.staticfiles import finders

    assert finders.find("django_htmx/htmx-2.min.js") and finders.find("jixiao/app.css")


def test_web_admin_and_serve_commands(db: Any) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["web-admin", "check"])
    assert result.exit_code == 0, result.output
    assert "no issues" in result.output
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--workers" in result.output


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib

    import jixiao.web.settings as web_settings

    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ALLOWED_HOSTS", "jixiao.example.org")
    monkeypatch.delenv("DEBUG", raising=False)
    try:
        fresh = importlib.reload(web_settings)
        assert fresh.DATABASES["default"]["ENGINE"].endswith("sqlite3")
        assert str(fresh.DATABASES["default"]["NAME"]).startswith(str(tmp_path))
        assert fresh.ALLOWED_HOSTS == ["jixiao.example.org"] and fresh.DEBUG is False
        monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.example.org:5432/jixiao")
        fresh = importlib.reload(web_settings)
        assert fresh.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        assert fresh.DATABASES["default"]["HOST"] == "db.example.org"
        monkeypatch.delenv("PYTEST_VERSION", raising=False)
        monkeypatch.delenv("SECRET_KEY", raising=False)
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            importlib.reload(web_settings)
    finally:
        monkeypatch.undo()
        importlib.reload(web_settings)


def test_demo_loads_the_samples_into_a_tree(db: Any) -> None:
    import jixiao
    from jixiao.parsing import parse_file
    from jixiao.web.organisations.models import Membership, Organisation
    from jixiao.web.reviews.demo import load_demo
    from jixiao.web.targets.models import TargetTable

    samples = sorted((Path(jixiao.__file__).parent / "samples").glob("*.txt"))
    documents = {p: parse_file(p).document for p in samples}
    made = load_demo(samples, year=2024, parse=lambda p: documents[p])
    bureaus = Organisation.objects.filter(kind="finance")
    assert {b.name for b in bureaus} == {"天津市滨海新区财政局", "卢龙县财政局", "六安市财政局", "重庆市长寿区财政局"}
    # each region's bureau stores its printed layout; the units below inherit it
    assert {b.name: b.layout for b in bureaus} == {
        "天津市滨海新区财政局": "tianjin", "卢龙县财政局": "lulong", "六安市财政局": "luan", "重庆市长寿区财政局": "chongqing",
    }  # fmt: skip
    assert Organisation.objects.get(code="450003").effective_layout() == "lulong"
    for unit in Organisation.objects.filter(kind="unit"):
        assert unit.parent.kind == "department" and unit.parent.parent.kind == "finance"
    assert TargetTable.objects.count() == sum(len(d.tables) for d in documents.values())
    assert Organisation.objects.get(code="450003").name == "卢龙县医疗保险基金管理中心"
    roles = {u.role for u in made}
    assert roles == {"filer", "approver", "department_reviewer", "reviewer", "analyst", "admin"}
    assert all(len(u.password) >= 12 for u in made)
    assert Membership.objects.filter(role="reviewer").count() == 4
    # every department has its reviewer, so every table can climb every level of its tree
    for department in Organisation.objects.filter(kind="department"):
        assert Membership.objects.filter(role="department_reviewer", organisation=department).exists()
    assert load_demo(samples, year=2024, parse=lambda p: documents[p]) == []  # idempotent, no passwords reprinted
    assert TargetTable.objects.count() == sum(len(d.tables) for d in documents.values())


def test_jixiao_serve_runs_gunicorn(tmp_path: Path) -> None:
    """``jixiao serve`` starts gunicorn with the application; it answers, then stops cleanly."""
    import http.client
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(
        os.environ,
        JIXIAO_DATA_DIR=str(tmp_path),
        JIXIAO_INSECURE_DEV_KEY="1",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    env.pop("DEBUG", None)
    jixiao = Path(sys.executable).parent / "jixiao"
    server = subprocess.Popen(
        [str(jixiao), "serve", "--bind", f"127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline, answers = time.time() + 60, {}
        while time.time() < deadline and not answers:
            try:
                for path in ("/healthz", "/accounts/login/", "/static/jixiao/app.css"):
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", path)
                    response = conn.getresponse()
                    answers[path] = (response.status, response.read())
            except OSError:
                answers = {}
                time.sleep(0.3)
        assert answers["/healthz"][0] == 200 and answers["/accounts/login/"][0] == 200
        assert "登录".encode() in answers["/accounts/login/"][1] and answers["/static/jixiao/app.css"][0] == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "2 workers" in output or "Booting worker" in output
