"""Accounts: login throttling (per account and per address, on record), password change, API tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from web_helpers import World


def login(client: Client, username: str, password: str, address: str = "10.0.0.1") -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_are_refused_from_the_sixth_on_and_the_right_one_until_the_lock_ends(
    world: World,
) -> None:
    from jixiao.web.accounts.models import LoginAttempt

    client = Client()
    answers = [login(client, "filer_a1", f"wrong-{i}").content.decode() for i in range(30)]
    assert all("请输入一个正确的" in page and "登录失败次数过多" not in page for page in answers[:5])
    assert all("登录失败次数过多" in page for page in answers[5:])
    refused = login(client, "filer_a1", "pw-filer_a1")
    assert refused.status_code == 200 and "登录失败次数过多" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    outcomes = list(
        LoginAttempt.objects.filter(username="filer_a1").order_by("at", "pk").values_list("outcome", flat=True)
    )
    assert outcomes == ["failure"] * 5 + ["locked"] * 26
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {"10.0.0.1"}
    # the lock ends 15 minutes after the fifth failure: move the record back instead of waiting
    LoginAttempt.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert login(client, "filer_a1", "pw-filer_a1").status_code == 302
    assert LoginAttempt.objects.filter(username="filer_a1").order_by("-at", "-pk").first().outcome == "success"


def test_an_address_trying_many_accounts_is_locked_out_of_all_of_them(world: World) -> None:
    client = Client()
    for i, name in enumerate(("filer_a1", "filer_a2", "reviewer_a", "analyst_a", "nobody")):
        login(client, name, f"wrong-{i}", address="10.9.9.9")
    page = login(client, "approver_a1", "pw-approver_a1", address="10.9.9.9").content.decode()
    assert "登录失败次数过多" in page
    # the same account from another address is not locked: only five failures per account lock it
    assert login(Client(), "approver_a1", "pw-approver_a1", address="10.1.1.1").status_code == 302


def test_a_success_clears_the_account_count(world: World) -> None:
    client = Client()
    for i in range(4):
        login(client, "filer_a2", f"wrong-{i}", address=f"10.0.1.{i}")
    assert login(Client(), "filer_a2", "pw-filer_a2", address="10.0.2.1").status_code == 302
    for i in range(4):
        login(client, "filer_a2", f"wrong-again-{i}", address=f"10.0.3.{i}")
    assert login(Client(), "filer_a2", "pw-filer_a2", address="10.0.4.1").status_code == 302


def test_english_ui_says_it_in_english(world: World) -> None:
    client = Client(headers={"Accept-Language": "en"})
    for i in range(6):
        page = login(client, "filer_a1", f"wrong-{i}").content.decode()
    assert "Too many failed logins" in page and "登录失败" not in page


def test_users_change_their_own_password(world: World) -> None:
    client = world.client("filer_a1")
    page = client.get("/accounts/password/").content.decode()
    assert "修改密码" in page
    wrong = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "Xq7-绩效-2024!", "new_password2": "Xq7-绩效-2024!"},
    )
    assert wrong.status_code == 200 and "旧密码不正确" in wrong.content.decode()
    weak = client.post(
        "/accounts/password/", {"old_password": "pw-filer_a1", "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200 and "这个密码" in weak.content.decode()
    done = client.post(
        "/accounts/password/",
        {"old_password": "pw-filer_a1", "new_password1": "Xq7-绩效-2024!", "new_password2": "Xq7-绩效-2024!"},
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/me/"
    assert client.get("/").status_code == 200  # the session stays valid after the change
    assert Client().login(username="filer_a1", password="Xq7-绩效-2024!")
    assert not Client().login(username="filer_a1", password="pw-filer_a1")


def test_tokens_are_issued_shown_once_used_and_revoked_by_their_owner(world: World) -> None:
    from jixiao.web.accounts.models import ApiToken

    client = world.client("filer_a1")
    page = client.post("/accounts/me/", {"name": "报表脚本", "days": 30})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    import re

    key = re.search(r'id="new-token-key">([^<]+)<', page.content.decode()).group(1)
    token = ApiToken.objects.get(user=world.users["filer_a1"])
    assert token.name == "报表脚本" and key not in token.digest
    assert timedelta(days=29) < token.expires - timezone.now() <= timedelta(days=30)
    assert key not in client.get("/accounts/me/").content.decode()  # shown once
    bearer = {"Authorization": f"Bearer {key}"}
    assert Client().get("/api/tables", headers=bearer).status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None
    listing = client.get("/accounts/me/").content.decode()
    assert "报表脚本" in listing and "有效" in listing
    # another user can neither see nor revoke it
    assert "报表脚本" not in world.client("filer_a2").get("/accounts/me/").content.decode()
    assert world.client("filer_a2").post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert Client().get("/api/tables", headers=bearer).status_code == 401
    assert "已吊销" in client.get("/accounts/me/").content.decode()


def test_an_expired_token_opens_nothing(world: World) -> None:
    from jixiao.web.accounts.models import ApiToken

    token, key = ApiToken.issue(world.users["filer_a1"], "旧", days=1)
    bearer = {"Authorization": f"Bearer {key}"}
    assert Client().get("/api/tables", headers=bearer).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    assert Client().get("/api/tables", headers=bearer).status_code == 401


@pytest.mark.parametrize("days", [0, 400, "x"])
def test_token_validity_outside_the_allowed_range_is_refused(world: World, days: Any) -> None:
    from jixiao.web.accounts.models import ApiToken

    response = world.client("filer_a1").post("/accounts/me/", {"name": "x", "days": days})
    assert response.status_code == 400 and not ApiToken.objects.exists()


def test_api_docs_say_how_to_get_a_token(world: World) -> None:
    schema = world.client("filer_a1").get("/api/openapi.json").json()
    assert "/accounts/me/" in schema["info"]["description"] and "Bearer" in schema["info"]["description"]


def test_behind_a_trusted_proxy_the_forwarded_client_address_is_counted(world: World, settings: Any) -> None:
    settings.JIXIAO_TRUSTED_PROXIES = frozenset({"10.0.0.254"})
    client = Client()
    for i in range(5):
        client.post(
            "/accounts/login/",
            {"username": f"nobody{i}", "password": "x"},
            REMOTE_ADDR="10.0.0.254",
            HTTP_X_FORWARDED_FOR=f"203.0.113.9, 198.51.100.{i}",  # the first is the client's claim, the last the proxy's
        )
    # five different clients failed once each: nobody is locked, the proxy's own address least of all
    ok = client.post("/accounts/login/", {"username": "filer_a1", "password": "pw-filer_a1"},
                     REMOTE_ADDR="10.0.0.254", HTTP_X_FORWARDED_FOR="198.51.100.77")  # fmt: skip
    assert ok.status_code == 302
    from jixiao.web.accounts.models import LoginAttempt

    assert set(LoginAttempt.objects.filter(outcome="failure").values_list("address", flat=True)) == {
        f"198.51.100.{i}" for i in range(5)
    }
    # an untrusted peer's header is ignored
    settings.JIXIAO_TRUSTED_PROXIES = frozenset()
    for _attempt in range(5):
        login(Client(), "ghost", "x", address="192.0.2.1")
    locked = Client().post("/accounts/login/", {"username": "filer_a2", "password": "pw-filer_a2"},
                           REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.200")  # fmt: skip
    assert "登录失败次数过多" in locked.content.decode()
