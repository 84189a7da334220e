"""``docs/layouts.md`` is generated from the layouts and names what each one carries and cannot carry."""

from __future__ import annotations

from pathlib import Path

from jixiao.writers import LAYOUTS
from jixiao.writers.layouts import layouts_markdown

DOC = Path(__file__).parents[2] / "docs" / "layouts.md"


def test_layouts_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == layouts_markdown(), "regenerate docs/layouts.md (see its head)"


def test_every_layout_has_a_section_with_carried_and_missing_fields() -> None:
    text = layouts_markdown()
    for name, layout in LAYOUTS.items():
        section = text.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        assert "- Carries, table:" in section and "- Cannot carry:" in section
        for field, why in layout.not_carried.items():
            assert f"`{field}`" in section and why in section
        assert all(f"`{f}`" in section for f in layout.carries if "." not in f and f != "department_plans")
