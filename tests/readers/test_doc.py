"""The .doc reader: LibreOffice conversion (own profile, timeout, missing tool) and the Lulong fixture."""

from __future__ import annotations

import json
import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Grid, SourceDocument
from jixiao.readers.doc import read_doc
from jixiao.readers.docx import read_docx
from jixiao.readers.limits import DEFAULT_LIMITS

FIXTURES = Path(__file__).parents[1] / "data" / "fixtures"
DOC = FIXTURES / "001_lulong.doc"


def cells(source: SourceDocument) -> list[list[tuple[int, int, int, int, str]]]:
    return [[(c.row, c.col, c.rowspan, c.colspan, c.text) for c in g.cells()] for g in source.grids()]


@pytest.fixture(scope="module")
def lulong_doc() -> SourceDocument:
    return read_doc(DOC.read_bytes(), DOC.name, DEFAULT_LIMITS)


@pytest.mark.libreoffice
def test_the_doc_fixture_reads_to_the_same_grids_as_its_docx_twin(lulong_doc: SourceDocument) -> None:
    twin = FIXTURES / "001_lulong.docx"
    docx_source = read_docx(twin.read_bytes(), twin.name, DEFAULT_LIMITS)
    assert lulong_doc.format == "doc"
    assert lulong_doc.name == "001_lulong.doc"
    assert len(list(lulong_doc.grids())) == 14
    assert cells(lulong_doc) == cells(docx_source)
    texts = [b.text for b in lulong_doc.blocks if not isinstance(b, Grid)]
    assert texts == [b.text for b in docx_source.blocks if not isinstance(b, Grid)]


@pytest.mark.libreoffice
def test_the_doc_fixture_parses_to_its_gold_reading(lulong_doc: SourceDocument) -> None:
    from jixiao.compare import compare
    from jixiao.interpret import interpret

    gold = json.loads(DOC.with_name(DOC.name + ".json").read_text(encoding="utf-8"))
    comparison = compare(gold, interpret(lulong_doc).document.to_dict())
    print(f"{DOC.name}: structure {comparison.structure}  parse {comparison.parse}")
    assert comparison.structure.f1 >= 0.99, comparison.structure.mismatches[:10]
    assert comparison.parse.f1 >= 0.99, comparison.parse.mismatches[:10]


@pytest.mark.libreoffice
def test_parallel_conversions_do_not_share_a_profile_and_all_succeed() -> None:
    data = DOC.read_bytes()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda i: read_doc(data, f"copy{i}.doc", DEFAULT_LIMITS), range(2)))
    assert [len(list(r.grids())) for r in results] == [14, 14]


@pytest.mark.libreoffice
def test_a_conversion_over_the_time_limit_is_killed_with_its_process_group(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[Any]] = []
    real_popen = subprocess.Popen

    def recording_popen(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        process = real_popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr("jixiao.readers.doc.subprocess.Popen", recording_popen)
    with pytest.raises(LimitExceeded, match=r"longer than the limit of 0\.2 s") as caught:
        read_doc(DOC.read_bytes(), DOC.name, DEFAULT_LIMITS.replace(max_seconds=0.2))
    assert caught.value.path == DOC.name
    assert started, "LibreOffice was never started"
    for process in started:
        assert process.returncode is not None
        assert group_is_gone(process.pid), "a process of the killed LibreOffice group is still running"


def group_is_gone(group: int, within: float = 5.0) -> bool:
    """True once no process of the group exists (killed grandchildren take a moment to be reaped)."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_without_libreoffice_the_error_names_the_debian_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReadError, match="libreoffice-writer-nogui") as caught:
        read_doc(DOC.read_bytes(), DOC.name, DEFAULT_LIMITS)
    assert caught.value.path == DOC.name


def test_bytes_that_are_not_an_ole2_file_are_refused_before_conversion() -> None:
    with pytest.raises(ReadError, match="not a Word 97-2003 document"):
        read_doc(b"{\\rtf1 hello}", "letter.doc", DEFAULT_LIMITS)
