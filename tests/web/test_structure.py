"""The web app's layers: ``core`` knows no app built on it; the workflow calls the table services, not back."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "web"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _offenders(files: list[Path], forbidden: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(WEB)), name)
        for path in files
        for name in sorted(_imports(path))
        if name.startswith(forbidden)
    ]


def test_core_imports_nothing_from_the_apps_built_on_it() -> None:
    files = sorted((WEB / "core").rglob("*.py"))
    assert files
    assert not _offenders(files, ("jixiao.web.targets", "jixiao.web.reviews"))


def test_the_table_services_do_not_call_the_workflow() -> None:
    files = [WEB / "targets" / name for name in ("services.py", "models.py", "convert.py", "fields.py", "diffing.py")]
    assert not _offenders(files, ("jixiao.web.reviews",))
    assert "jixiao.web.targets.services" in _imports(WEB / "reviews" / "workflow.py")
