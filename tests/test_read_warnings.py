"""Every warning the readers and the interpreter emit is a catalogued code worded in English and in Chinese."""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

import jixiao
from jixiao.grid import Cell, Grid, Paragraph, SourceDocument
from jixiao.interpret import interpret
from jixiao.read_warnings import CATALOGUE, ReadWarning

PACKAGE = Path(jixiao.__file__).parent
# the label text a Chinese warning quotes as printed; anything else in Latin letters is English left untranslated
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
CLOSING = [["效益指标", "社会效益指标", "便利度", "显著提升"], ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"]]


def grid(*rows: list[str]) -> Grid:
    return Grid(rows=[[Cell(text, r, c) for c, text in enumerate(row)] for r, row in enumerate(rows)])


def arguments(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_warning_kind_has_chinese_text_over_the_same_arguments(code: str) -> None:
    wording = CATALOGUE[code]
    chinese = "".join(text for text, *_ in string.Formatter().parse(wording.zh))
    # Chinese words, or at least Chinese punctuation where the wording only joins its arguments (表[0]：…)
    assert wording.zh != wording.en and re.search(r"[^\x00-\x7f]", chinese), f"{code}: no Chinese wording"
    assert not ENGLISH_WORD.findall(chinese), f"{code}: English in the Chinese wording"
    assert arguments(wording.zh) == arguments(wording.en), f"{code}: the wordings take different arguments"


def _emitted_codes_and_plain_strings() -> tuple[set[str], list[str]]:
    """The codes the readers and the interpreter pass to ``ReadWarning``, and any warning or note they still emit
    as a bare string."""
    codes: set[str] = set()
    plain: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        # where documents are read (the CLI and the web app only pass the warnings on, or word them themselves)
        if relative.parts[0] not in ("readers", "interpret", "grid.py", "parsing.py", "batch.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == "ReadWarning":
                code = node.args[0]
                assert isinstance(code, ast.Constant) and isinstance(code.value, str), (
                    f"{relative}:{node.lineno}: a warning's code is a literal"
                )
                codes.add(code.value)
                continue
            # ``warnings.append(…)``, ``document.warnings.extend(…)``, ``segment.notes.append(…)``
            func = node.func
            if not (isinstance(func, ast.Attribute) and func.attr in ("append", "extend", "insert")):
                continue
            target = func.value
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name not in ("warnings", "notes"):
                continue
            for argument in node.args:
                element = argument.elt if isinstance(argument, ast.GeneratorExp | ast.ListComp) else argument
                if isinstance(element, ast.Constant | ast.JoinedStr | ast.BinOp):
                    plain.append(f"{relative}:{node.lineno}")
    return codes, plain


def test_the_core_emits_warnings_only_from_the_catalogue() -> None:
    codes, plain = _emitted_codes_and_plain_strings()
    assert not plain, f"warnings emitted as bare English strings (give them a code in jixiao.read_warnings): {plain}"
    assert codes <= set(CATALOGUE), f"codes without wordings: {codes - set(CATALOGUE)}"
    assert set(CATALOGUE) <= codes, f"catalogued but never emitted: {set(CATALOGUE) - codes}"


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError):
        ReadWarning("no_such_warning")


@pytest.mark.parametrize(
    ("blocks", "english", "chinese"),
    [
        (
            [grid(["项目名称", "甲"], HEADER, ["产出指标", "数量指标", "培训人次", "≥50人次"], *CLOSING),
             Paragraph("2.乙项目绩效目标表")],
            "table [1] (2.乙项目绩效目标表) is incomplete and left out: no indicator table (一级指标/二级指标/三级指标 …) "
            "follows",
            "表[1]（2.乙项目绩效目标表）不完整，未读入：其后没有指标表（一级指标/二级指标/三级指标……）",
        ),
        (
            [grid(["项目名称", "某经费"], HEADER, ["", "", "无归属", "5项"], ["产出指标", "数量指标", "培训人次", ""],
                  *CLOSING)],
            "table [0]: 1 indicator(s) without 一级指标, first '无归属'",
            "表[0]：1个指标没有一级指标，第一个是「无归属」",
        ),
    ],
    ids=["left-out", "oddity"],
)  # fmt: skip
def test_the_interpreters_warnings_read_in_either_language(
    blocks: list[Grid | Paragraph], english: str, chinese: str
) -> None:
    warnings = interpret(SourceDocument(name="t", format="docx", blocks=blocks)).warnings
    assert english in warnings
    found = next(w for w in warnings if w == english)
    assert isinstance(found, ReadWarning) and found.render("zh-hans") == chinese
    assert all(isinstance(w, ReadWarning) and not ENGLISH_WORD.findall(w.render("zh-hans")) for w in warnings)


def test_a_warning_survives_pickling_with_its_code_and_arguments() -> None:
    """The batch runner's worker processes send their warnings back pickled."""
    warning = ReadWarning("table_note", table=ReadWarning("table", index=2), note=ReadWarning("score_summary_unread"))
    back = pickle.loads(pickle.dumps(warning))
    assert (back, back.code, back.render("zh")) == (warning, "table_note", warning.render("zh-hans"))
    assert back.render("zh-hans") == "表[2]：指标下方的分值汇总（一级指标 | 分值 | 得分）不作为指标读取"


def test_english_is_the_text_and_the_fallback() -> None:
    warning = ReadWarning("pdf_page_count", declared=1000, held=1200)
    assert warning == warning.render("en") == warning.render(None) == warning.render("fr")
    assert warning.startswith("the page tree declares 1,000 pages")
    assert (
        ReadWarning("indicators_without_value", count=1, first=None).render("zh-hans")
        == "1个指标没有指标值，第一个是「」"
    )
