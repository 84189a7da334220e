"""``docs/layouts.md``, generated from the registered layouts."""

from __future__ import annotations

from collections import defaultdict

from jixiao.writers._fields import INDICATOR_FIELDS, TABLE_FIELDS
from jixiao.writers._layout import Layout

__all__ = ["layouts_markdown"]

_DOC_HEAD = """# Layouts of the official documents

`jixiao export FILE --to docx|xlsx|pdf|html --layout L` and `jixiao.writers.write(document, path, to=…,
layout=L)` print a `jixiao/1` document in one printed form. Each layout is one module of
`src/jixiao/writers/layouts/` declaring `LAYOUT = Layout(…)`: its name, its Chinese and English labels, the
tables it prints (their `kind` and `subject`), what it carries and why it cannot carry the rest, and the
composer of one table beneath its title. The registry (`jixiao.writers.layouts.registered()`) finds every
such module; the CLI's `--layout` choices, the web app's list and this page derive from it. This page is
generated (`.venv/bin/python -c "from jixiao.writers.layouts import layouts_markdown as m; print(m(),
end='')" > docs/layouts.md`), and `tests/writers/test_docs.py` fails when it is stale.

A document written in a layout prints each table in that layout when the layout prints tables of its kind
and subject, else in the first registered layout that does: a self-evaluation table exported with
`--layout tianjin` comes out as a 项目支出绩效自评表, a monitoring table as a 项目支出绩效目标执行监控表.

**Carries** lists the fields that come back unchanged when the output is read again
(`parse(export(doc))`, checked for .docx, .xlsx, .html and .pdf on the gold documents by
`tests/writers/test_roundtrip.py`, `tests/writers/test_selfeval.py` and `tests/writers/test_monitoring.py`).
Fields are those of `jixiao.model` (nested ones dotted: `funds.total`, `execution.rate`);
`tests/writers/test_fields.py` fails when the model gains a field that a layout neither carries nor lists as not carried. Every layout prints
the title, 一级/二级 indicator cells merged over their runs, the indicator header repeated on every page, A4
pages (landscape where the table is wide), 宋体 text and 黑体 titles, page numbers. In every layout a field
printed as an empty cell reads back as `""`, not `null`; `op`/`number`/`unit` (and `actual_number` /
`actual_unit`) are read again from the printed value. .csv and .json ignore the layout: .csv is the
analysts' flat form (one row per indicator, the table's fields repeated), .json the document itself. An
.xlsx ends with the same flat form as an extra sheet, 指标明细 (leave it out with `--no-flat-sheet`,
`flat_sheet=False`); reading the workbook back skips that sheet, since it repeats the tables.

**PDF** is made by LibreOffice from the .docx (`write_pdfs` converts any number of documents with one
LibreOffice start; each call has its own profile, a time limit after which LibreOffice is killed, and a
check that every PDF exists). Fonts: `FONTCONFIG_FILE` points LibreOffice at a generated fontconfig file
that loads the system's configuration plus `src/jixiao/writers/fonts/65-jixiao-cn-aliases.conf`, which
maps 宋体/仿宋/楷体 (and SimSun, FangSong_GB2312 …) to Noto Serif CJK SC and 黑体/微软雅黑 to Noto Sans CJK
SC; without it fontconfig picks DejaVu and then Noto CJK **JP** glyphs. Needs `fonts-noto-cjk`; a site that
owns the Windows fonts installs them and they are used instead. The same alias file may be copied to
`/etc/fonts/conf.d/` for other programs.

**HTML** is a printable page (A4, header rows repeated when printed); `jixiao.writers.html_fragment`
gives the same pages without the page around them, for the web app's table page.
"""


def _sorts(layout: Layout) -> str:
    return ", ".join(f"`{kind}`" + (f" / `{subject}`" if subject else "") for kind, subject in layout.prints)


def layouts_markdown(layouts: dict[str, Layout] | None = None) -> str:
    """``docs/layouts.md``: per layout the fields it carries and those it cannot carry, and why."""
    from jixiao.writers.layouts import registered

    out = [_DOC_HEAD]
    for layout in (layouts if layouts is not None else registered()).values():
        table_fields = [f for f in TABLE_FIELDS if f in layout.carries]
        indicator_fields = [f for f in INDICATOR_FIELDS if f in layout.carries]
        out.append(f"\n## `{layout.name}`: {layout.label} ({layout.label_en})\n\n{layout.description}\n")
        out.append(f"- Prints: {_sorts(layout)}.")
        out.append(f"- Page: A4 {'landscape' if layout.landscape else 'portrait'}; title "
                   f"{'numbered (`1.` …)' if layout.numbered_title else 'not numbered'}"
                   f"{'; 大写 amount' if layout.amount_in_words else ''}"
                   f"{'; 第一部分 部门整体绩效目标 before the tables' if layout.narrative else ''}.")  # fmt: skip
        if layout.columns:
            columns = " | ".join(c.label or c.fill for c in layout.columns)
            out.append(f"- Indicator columns: {columns}"
                       + (" (a column is printed only when some indicator of the table has that field)"
                          if any(c.only_if for c in layout.columns) else "") + ".")  # fmt: skip
        out.append(f"- Carries, table: {', '.join(f'`{f}`' for f in table_fields)}"
                   + (", `department_plans` (headings and text)" if "department_plans" in layout.carries else "")
                   + ".")  # fmt: skip
        out.append(f"- Carries, indicators: {', '.join(f'`{f}`' for f in indicator_fields)}.")
        out.append("- Cannot carry:")
        by_reason: dict[str, list[str]] = defaultdict(list)
        for name, reason in layout.not_carried.items():
            by_reason[reason].append(name)
        for reason, names in by_reason.items():
            out.append(f"  - {', '.join(f'`{n}`' for n in names)}: {reason}.")
        for note in layout.notes:
            out.append(f"  - {note}.")
    return "\n".join(out) + "\n"
