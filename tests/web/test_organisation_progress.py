"""The organisation tree: each unit links to its tables, and every node shows 已报 / 未报 / 被退回 for a year."""

from __future__ import annotations

import re

from web_helpers import World, make_org


def progress(page: str, org_pk: int) -> tuple[str, str, str]:
    row = re.search(rf'<tr data-org="{org_pk}">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r'<td class="num progress-\w+">([^<]*)</td>', row)
    return tuple(c.strip() for c in cells)  # type: ignore[return-value]


def test_progress_per_unit_and_summed_up_the_tree(world: World) -> None:
    empty = make_org("卢龙县医疗保障局信息中心", "unit", world.orgs["dept_a"], "450009")
    page = world.client("reviewer_a").get("/organisations/").content.decode()
    assert "已报" in page and "未报" in page and "被退回" in page
    # unit A1: submitted, approved, published sent; draft not sent; one returned
    assert progress(page, world.orgs["unit_a1"].pk) == ("3", "1", "1")
    assert progress(page, world.orgs["unit_a2"].pk) == ("0", "1", "0")
    assert progress(page, empty.pk) == ("0", "无表", "0")
    assert progress(page, world.orgs["dept_a"].pk) == ("3", "2", "1")
    assert progress(page, world.orgs["bureau_a"].pk) == ("3", "2", "1")
    unit = world.orgs["unit_a1"].pk
    assert f'href="/tables/?unit={unit}&amp;year=2024"' in page
    listing = world.client("reviewer_a").get(f"/tables/?unit={unit}&year=2024").content.decode()
    assert "送审项目" in listing and "另一单位项目" not in listing


def test_progress_counts_only_what_the_user_may_see(world: World) -> None:
    page = world.client("filer_a1").get("/organisations/").content.decode()
    assert str(world.orgs["unit_a2"].pk) not in re.findall(r'data-org="(\d+)"', page)
    assert progress(page, world.orgs["dept_a"].pk) == ("3", "1", "1")  # unit A2's draft is not filer A1's to see


def test_another_year_has_its_own_progress(world: World) -> None:
    page = world.client("reviewer_a").get("/organisations/?year=2023").content.decode()
    assert progress(page, world.orgs["unit_a1"].pk) == ("0", "无表", "0")
