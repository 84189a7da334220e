"""``jixiao --debug``: the traceback that the one-line error hides, above that same line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import _app, main


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=120)


def test_debug_shows_the_traceback_above_the_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    plain, debug = _run("parse", str(path)), _run("--debug", "parse", str(path))
    assert plain.returncode == debug.returncode == 2
    assert "Traceback" not in plain.stderr
    assert debug.stderr.startswith("Traceback (most recent call last):")
    assert "jixiao.errors" in debug.stderr or "Error:" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1] == plain.stderr.strip()


def test_debug_shows_where_an_internal_error_happened(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("jixiao.parsing.parse_file", broken)
    monkeypatch.setattr(_app._Options, "debug", False)
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["jixiao", "--debug", "parse", str(path)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "in broken" in err and 'RuntimeError("a bug")' in err
    assert err.strip().splitlines()[-1] == "internal error: RuntimeError: a bug"


def test_the_environment_variable_turns_debug_on(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "jixiao", "parse", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "JIXIAO_DEBUG": "1"},
    )
    assert done.returncode == 2 and done.stderr.startswith("Traceback")
