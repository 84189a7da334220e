"""The fixtures' world is what the other tests assume (statuses, scopes), on every database."""

from __future__ import annotations

from typing import Any


def test_world_has_every_status(world: Any) -> None:
    statuses = {key: t.status for key, t in world.tables.items()}
    assert statuses == {
        "draft": "draft",
        "submitted": "submitted",
        "approved": "approved",
        "published": "published",
        "a2_draft": "draft",
        "b_draft": "draft",
        "returned": "returned",
    }
    assert all(t.is_current and t.version == 1 for t in world.tables.values())
    assert world.tables["draft"].indicators.count() == 7


def test_organisation_paths_nest(world: Any) -> None:
    a1 = world.orgs["unit_a1"]
    a1.refresh_from_db()
    bureau = world.orgs["bureau_a"]
    bureau.refresh_from_db()
    assert a1.path.startswith(bureau.path) and a1.path.count("/") == 4
    assert [o.name for o in a1.ancestors()] == ["卢龙县财政局", "卢龙县医疗保障局", "卢龙县医疗保障局本级"]
