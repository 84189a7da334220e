"""The list and edit pages on a 390 px phone in Debian's chromium: nothing widens the page beyond the screen,
the save button is reachable, and no page breaks the Content-Security-Policy. Screenshots in
``tests/artifacts/browser/phone-*.png``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import ARTIFACTS, make_org, make_user, small_table

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
SHOTS = ARTIFACTS / "browser"
WIDTH = 390

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
            from django.db import connections

            connections.close_all()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def page_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_list_and_edit_pages_fit_a_390_px_phone(transactional_db: Any, live_server: Any, browser: Any) -> None:
    from jixiao.web.targets.services import create_version

    bureau = make_org("卢龙县财政局", "finance")
    department = make_org("卢龙县医疗保障局", "department", bureau, "450")
    unit = make_org("卢龙县医疗保障局本级", "unit", department, "450001")
    user = make_user("filer", "filer", unit)
    tables = [
        create_version(
            core=small_table(f"医疗保障服务能力提升补助资金项目{i}", code=f"P-{i}"), unit=unit, year=2024, user=user
        )
        for i in range(3)
    ]
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    assert page_width(page) <= WIDTH
    page.fill("#id_username", "filer")
    page.fill("#id_password", "pw-filer")
    page.click("form button[type=submit].primary")
    page.wait_for_url(f"{base}/")
    page.screenshot(path=str(SHOTS / "phone-dashboard.png"), full_page=True)
    assert page_width(page) <= WIDTH

    page.goto(f"{base}/tables/")
    page.wait_for_selector("#table-list")
    page.screenshot(path=str(SHOTS / "phone-list.png"), full_page=True)
    assert page_width(page) <= WIDTH, "the list widens the page"
    link = page.locator(f"a[href='/tables/{tables[0].pk}/']").first
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0

    page.goto(f"{base}/tables/{tables[0].pk}/edit/")
    page.wait_for_selector("#edit-form")
    page.screenshot(path=str(SHOTS / "phone-edit.png"), full_page=True)
    assert page_width(page) <= WIDTH, "the edit page widens the page"
    save = page.locator("#save-button")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    page.fill("#id_reason", "手机上修改")
    page.fill("#id_project_name", "手机上改过的项目名称")
    save.click()
    page.wait_for_selector(".messages .success")
    assert page_width(page) <= WIDTH
    # the API docs (Swagger UI from the package's own files) work under the same policy
    page.goto(f"{base}/api/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "/accounts/me/" in page.inner_text(".swagger-ui .info")
    page.screenshot(path=str(SHOTS / "phone-api-docs.png"))
    assert not violations, violations
    context.close()
