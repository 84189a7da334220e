"""The one atomic writer (``jixiao._atomic``) and the outputs that go through it: writers, CLI, batch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao._atomic import atomic_output, write_atomic
from jixiao.cli import app
from jixiao.errors import WriteError

SEED = sorted((Path(__file__).parent / "data" / "seeds").glob("003_*.txt"))[0]


def _usual_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def test_text_and_bytes_are_written_whole_synced_with_the_usual_mode_and_no_temporary_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr("jixiao._atomic.os.fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    text, data = tmp_path / "a.json", tmp_path / "b.bin"
    assert write_atomic(text, "绩效\n") == text
    assert write_atomic(data, b"\x00\x01") == data
    assert text.read_text(encoding="utf-8") == "绩效\n" and data.read_bytes() == b"\x00\x01"
    assert len(synced) == 2
    assert {p.stat().st_mode & 0o777 for p in (text, data)} == {_usual_mode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.bin"]


def test_an_interrupted_stream_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_output(target, text=True) as stream:
        stream.write("new, half")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_missing_folders_are_made_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="directory does not exist") as info:
        write_atomic(tmp_path / "no" / "x.json", "{}")
    assert info.value.path == str(tmp_path / "no" / "x.json")
    assert write_atomic(tmp_path / "made" / "x.json", "{}", parents=True).read_text(encoding="utf-8") == "{}"
    with pytest.raises(WriteError, match="is a directory"):
        write_atomic(tmp_path / "made", "{}")


@pytest.mark.parametrize(
    "command",
    [
        ["parse", str(SEED), "-o", "{out}"],
        ["parse", str(SEED), "--jobs", "1", "-o", "{out}"],
        ["schema", "-o", "{out}"],
        ["check", str(SEED), "--format", "json", "-o", "{out}"],
    ],
    ids=["parse", "batch", "schema", "check"],
)
def test_every_cli_output_goes_through_the_atomic_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """A failing rename (disk full) leaves the old output and no temporary file, whichever command wrote."""
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jixiao._atomic.os.replace", broken_replace)
    result = CliRunner().invoke(app, [part.format(out=target) for part in command])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_cli_outputs_are_whole_files_after_a_successful_write(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out.json"
    result = CliRunner().invoke(app, ["parse", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "jixiao/1"
    assert [p.name for p in out.parent.iterdir()] == ["out.json"]
