"""Users and roles managed in the app by administrators, in Chinese; everyone else is refused."""

from __future__ import annotations

from typing import Any

from django.test import Client
from web_helpers import World, make_user


def test_an_administrator_creates_a_user_gives_a_role_and_the_user_can_work(world: World) -> None:
    from django.contrib.auth import get_user_model

    from jixiao.web.organisations.models import Membership

    admin = world.client("admin")
    page = admin.get("/accounts/users/").content.decode()
    assert "新建用户" in page and "filer_a1" in page and "填报人（卢龙县医疗保障局本级）" in page
    weak = admin.post("/accounts/users/", {"username": "new_filer", "full_name": "张三", "password": "123"})
    assert weak.status_code == 400 and "密码" in weak.content.decode()
    assert admin.post("/accounts/users/", {"username": "filer_a1", "password": "Xq7-绩效-2024!"}).status_code == 400
    made = admin.post("/accounts/users/", {"username": "new_filer", "full_name": "张三", "password": "Xq7-绩效-2024!"})
    user = get_user_model().objects.get(username="new_filer")
    assert made.status_code == 302 and made["Location"] == f"/accounts/users/{user.pk}/"
    given = admin.post(
        f"/accounts/users/{user.pk}/", {"form": "role", "organisation": world.orgs["unit_a2"].pk, "role": "filer"}
    )
    assert given.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.history.first().history_user == world.users["admin"]  # on record, with who did it
    client = Client()
    assert client.login(username="new_filer", password="Xq7-绩效-2024!")
    assert client.get(f"/tables/{world.tables['a2_draft'].pk}/edit/").status_code == 200
    page = admin.get(f"/accounts/users/{user.pk}/").content.decode()
    assert "填报人（卢龙县医疗保险基金管理中心）" in page
    removed = admin.post(f"/accounts/users/{user.pk}/roles/{membership.pk}/remove/")
    assert removed.status_code == 302 and not Membership.objects.filter(user=user).exists()
    assert client.get(f"/tables/{world.tables['a2_draft'].pk}/edit/").status_code == 404


def test_an_administrator_locks_an_account_and_sets_a_password(world: World) -> None:
    admin = world.client("admin")
    target = world.users["filer_a2"]
    working = world.client("filer_a2")
    assert working.get("/").status_code == 200
    assert (
        admin.post(f"/accounts/users/{target.pk}/", {"form": "password", "password": "Nw8-新密码-2024"}).status_code
        == 302
    )
    assert working.get("/").status_code == 302  # the old session ended with the old password
    assert Client().login(username="filer_a2", password="Nw8-新密码-2024")
    assert admin.post(f"/accounts/users/{target.pk}/", {"form": "profile", "full_name": "李四"}).status_code == 302
    target.refresh_from_db()
    assert not target.is_active and target.first_name == "李四"
    assert not Client().login(username="filer_a2", password="Nw8-新密码-2024")
    me = world.users["admin"]
    refused = admin.post(f"/accounts/users/{me.pk}/", {"form": "profile", "full_name": "", "is_active": ""})
    assert refused.status_code == 400 and "不能禁止自己登录" in refused.content.decode()


def test_an_administrator_of_one_bureau_manages_only_its_part_of_the_tree(world: World) -> None:
    client = Client()
    client.force_login(make_user("admin_b", "admin", world.orgs["bureau_b"]))

    page = client.get("/accounts/users/").content.decode()
    assert "filer_b1" in page and "filer_a1" not in page and ">admin<" not in page
    assert client.get(f"/accounts/users/{world.users['filer_a1'].pk}/").status_code == 404
    assert client.get(f"/accounts/users/{world.users['admin'].pk}/").status_code == 404  # a superuser
    target = world.users["filer_b1"]
    outside = client.post(
        f"/accounts/users/{target.pk}/", {"form": "role", "organisation": world.orgs["unit_a1"].pk, "role": "reviewer"}
    )
    assert outside.status_code == 400
    assert not target.memberships.filter(organisation=world.orgs["unit_a1"]).exists()


def test_everyone_else_is_refused(world: World) -> None:
    pk: Any = world.users["filer_a2"].pk
    for role in ("filer_a1", "approver_a1", "reviewer_a", "analyst_a"):
        client = world.client(role)
        assert client.get("/accounts/users/").status_code == 403, role
        assert client.post("/accounts/users/", {"username": "x", "password": "Xq7-绩效-2024!"}).status_code == 403
        assert client.post(f"/accounts/users/{pk}/", {"form": "profile", "is_active": ""}).status_code == 403
    assert world.users["filer_a2"].is_active
    assert "用户</a>" not in world.client("filer_a1").get("/").content.decode()
    assert 'href="/accounts/users/"' in world.client("admin").get("/").content.decode()
