"""HTML output: a printable page in the layout (A4, the header row repeated by the browser when printing).

The templates live in ``jixiao/writers/templates``: ``document.html`` is the whole printable page,
``jixiao_pages.html`` the document's pages without it (what the web app's table page embeds, with the
styles of ``jixiao_print.css``), and ``jixiao_block.html`` one paragraph or table. Jinja2 escapes every
text. A web app calls :func:`jixiao.writers.html_fragment` (or :func:`render_html` with ``fragment=True``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jixiao.writers._blocks import Page, Para, Table

__all__ = ["block_context", "render_html", "stylesheet", "template_dir"]


def template_dir() -> Path:
    """The directory of the HTML templates (for a web app's template loader)."""
    return Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2  # lazy

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def block_context(block: Para | Table) -> dict[str, Any]:
    """What ``jixiao_block.html`` needs for one block: rows of the cells that start in each row."""
    if isinstance(block, Para):
        return {"kind": "para", "style": block.style, "text": block.text}
    total = sum(block.widths) or 1.0
    rows: list[list[Any]] = [[] for _ in range(block.n_rows)]
    for cell in sorted(block.cells, key=lambda c: (c.row, c.col)):
        rows[cell.row].append(cell)
    return {
        "kind": "table",
        "widths": [round(100 * w / total, 2) for w in block.widths],
        "head": rows[: block.header_rows],
        "body": rows[block.header_rows :],
    }


def render_html(pages: Sequence[Page], *, title: str = "", fragment: bool = False) -> bytes:
    """The whole printable page, or with ``fragment`` only the ``<div class="jx-document">`` of the pages."""
    template = _environment().get_template("jixiao_pages.html" if fragment else "document.html")
    context = [{"landscape": page.landscape, "blocks": [block_context(b) for b in page.blocks]} for page in pages]
    return template.render(pages=context, title=title).encode("utf-8")


def stylesheet() -> str:
    """The CSS of the printable page (``jixiao_print.css``), for a web page that embeds a fragment."""
    return (template_dir() / "jixiao_print.css").read_text(encoding="utf-8")
