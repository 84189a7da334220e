"""Error pages in the user's language with navigation, the security headers, and a form kept across a lost session."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from web_helpers import World, edit_form_data


def test_404_and_403_are_chinese_pages_with_navigation(world: World) -> None:
    client = world.client("filer_a1")
    missing = client.get("/tables/999999/")
    assert missing.status_code == 404
    page = missing.content.decode()
    assert "页面不存在" in page and 'id="error-nav"' in page and 'href="/tables/"' in page and "Not Found" not in page
    refused = client.get(f"/tables/{world.tables['submitted'].pk}/edit/")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "无权操作" in page and 'id="error-nav"' in page and "Forbidden" not in page


def test_error_pages_in_english_for_the_english_ui(world: World) -> None:
    client = world.client("filer_a1", headers={"Accept-Language": "en"})
    assert "Page not found" in client.get("/tables/999999/").content.decode()
    assert "Not allowed" in client.get(f"/tables/{world.tables['submitted'].pk}/edit/").content.decode()


def test_csrf_failure_is_a_chinese_page(world: World) -> None:
    client = world.client("filer_a1", enforce_csrf_checks=True)
    response = client.post(f"/tables/{world.tables['draft'].pk}/do/submit/", {})
    assert response.status_code == 403
    page = response.content.decode()
    assert "表单未被接受" in page and "刷新页面" in page and "CSRF verification failed" not in page


def test_500_is_a_chinese_page(world: World, settings: Any) -> None:
    from django.urls import path

    def boom(request: Any) -> Any:
        raise RuntimeError("boom")

    import jixiao.web.urls as root

    settings.ROOT_URLCONF = type("Urls", (), {"urlpatterns": [*root.urlpatterns, path("boom/", boom)]})
    client = world.client("filer_a1", raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器错误" in page and 'id="error-nav"' in page and "boom" not in page and "Traceback" not in page


def test_security_headers_on_every_page(world: World) -> None:
    response = world.client("filer_a1").get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    page = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page), "inline script"
    assert not re.search(r"\son[a-z]+=", page), "inline event handler"


def test_sessions_end_after_the_idle_timeout(world: World, settings: Any) -> None:
    client = world.client("filer_a1")
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_COOKIE_NAME not in client.get("/").cookies  # within a minute of the login: no write
    session = client.session
    session["_jixiao_seen"] -= 120  # two minutes later the next page pushes the expiry on again
    session.save()
    later = client.get("/")
    assert int(later.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == settings.SESSION_COOKIE_AGE
    from django.contrib.sessions.models import Session

    stored = Session.objects.get(session_key=client.session.session_key)
    from django.utils import timezone

    assert (stored.expire_date - timezone.now()).total_seconds() > settings.SESSION_COOKIE_AGE - 60


def test_a_save_after_the_session_ended_is_kept_and_sent_again_after_login(world: World, reload: Any) -> None:
    table = world.tables["draft"]
    data = edit_form_data(table, header={"project_name": "会话过期后的名称"})
    client = world.client("filer_a1")
    client.get("/")
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()  # the session ended while the user typed; the browser still sends its cookie
    from django.core.cache import cache

    cache.clear()
    response = client.post(f"/tables/{table.pk}/edit/", data)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    login_page = client.get(response["Location"]).content.decode()
    assert "内容已保留" in login_page
    next_url = re.search(r'name="next" value="([^"]+)"', login_page).group(1)
    logged_in = client.post("/accounts/login/", {"username": "filer_a1", "password": "pw-filer_a1", "next": next_url})
    assert logged_in.status_code == 302 and logged_in["Location"] == "/accounts/resubmit/"
    page = client.get("/accounts/resubmit/").content.decode()
    assert "会话过期后的名称" in page and f'action="/tables/{table.pk}/edit/"' in page
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    assert fields["project_name"] == "会话过期后的名称" and fields["lock_version"] == str(table.lock_version)
    sent = client.post(f"/tables/{table.pk}/edit/", {k: v for k, v in fields.items() if k != "csrfmiddlewaretoken"})
    assert sent.status_code == 302
    assert reload(table).project_name == "会话过期后的名称"
    assert client.get("/accounts/resubmit/").status_code == 302  # sent once: nothing kept any more


def test_a_strangers_post_without_a_session_is_not_kept(world: World) -> None:
    from django.contrib.sessions.models import Session

    response = Client().post(f"/tables/{world.tables['draft'].pk}/edit/", {"project_name": "x" * 1000})
    assert response.status_code == 302 and "resubmit" not in response["Location"]
    assert not Session.objects.exists()


def test_an_htmx_request_after_the_session_ended_sends_the_whole_page_to_login(world: World) -> None:
    response = Client().post(
        f"/tables/{world.tables['draft'].pk}/edit/", {"op": "add:0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 204 and response["HX-Redirect"].startswith("/accounts/login/")


def test_a_save_refused_because_the_table_left_draft_shows_the_conflict_page_with_what_was_typed(
    world: World, reload: Any
) -> None:
    from jixiao.web.reviews.workflow import apply

    table = world.tables["draft"]
    client = world.client("filer_a1")
    data = edit_form_data(table, header={"project_name": "送审后才保存的名称"}, rows={0: {"value": "≥99%"}})
    apply(table, "submit", world.users["filer_a1"])  # submitted while the filer was still typing
    response = client.post(f"/tables/{table.pk}/edit/", data)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="left-draft"' in page and "单位审核中" in page  # 送审 puts it in 单位审核
    assert "送审后才保存的名称" in page and "≥99%" in page
    assert reload(table).project_name != "送审后才保存的名称"
    # someone who could never edit it still gets the plain refusal
    assert world.client("approver_a1").post(f"/tables/{table.pk}/edit/", data).status_code == 403


@pytest.mark.parametrize(
    ("bind", "loopback"),
    [("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True), ("unix:/run/j.sock", True),
     ("0.0.0.0:8000", False), ("192.0.2.10:80", False), ("[::]:8000", False), ("jixiao.example:80", False)],
)  # fmt: skip
def test_serve_refuses_a_non_loopback_bind_with_the_development_key(bind: str, loopback: bool, settings: Any) -> None:
    from jixiao.cli.web import bind_problem, is_loopback_bind

    assert is_loopback_bind(bind) is loopback
    settings.JIXIAO_DEVELOPMENT_KEY, settings.DEBUG = True, False
    assert (bind_problem(bind) is None) is loopback
    if not loopback:
        assert "SECRET_KEY" in (bind_problem(bind) or "")
    settings.JIXIAO_DEVELOPMENT_KEY = False
    assert bind_problem(bind) is None


def test_the_development_key_is_generated_once_into_the_data_directory(tmp_path: Any) -> None:
    from jixiao.web.settings import TEST_SECRET_KEY, _development_key

    first = _development_key(tmp_path / "data")
    assert len(first) >= 50 and first != TEST_SECRET_KEY
    assert _development_key(tmp_path / "data") == first
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o077 == 0
    assert _development_key(tmp_path / "other") != first
