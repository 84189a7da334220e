"""Parse many files in worker processes: ``jixiao parse DIR --jobs N -o out.jsonl``.

Folders are walked in sorted order, skipping hidden entries; inside a folder only files with a supported
extension are taken (a file named on the command line is always taken, whatever its name). Every file is
parsed by :func:`jixiao.parsing.parse_file` in a worker process, so that a file that crashes a native
library or exhausts memory takes down one worker, not the run: the files of a broken pool are retried one
by one in fresh workers, and the one that breaks its worker again is reported as failed.

The output is one compact ``jixiao/1`` JSON document per line, in input order, written to a temporary file
beside ``out`` and renamed over it at the end (stdout when ``out`` is None). Each failed file is reported
with its reason as soon as it is known, and the run goes on; a summary closes the run.

Exit status: 0 every file parsed without warnings, 1 some file failed or warned, 2 nothing usable.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from jixiao._atomic import atomic_output
from jixiao.errors import JixiaoError, WriteError

__all__ = ["SUPPORTED_SUFFIXES", "FileOutcome", "collect_files", "parse_many"]

SUPPORTED_SUFFIXES = frozenset({".docx", ".doc", ".xlsx", ".xls", ".pdf", ".html", ".htm", ".txt"})
EXIT_OK, EXIT_WARNINGS, EXIT_UNUSABLE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What a worker sends back for one file (plain data: it crosses a process boundary)."""

    path: str
    json: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    tables: int = 0
    indicators: int = 0


def parse_one(path: str) -> FileOutcome:
    """Parse one file into its compact JSON line; every failure becomes an outcome, never an exception."""
    from jixiao.parsing import parse_file  # imported in the worker: readers pull in format libraries

    try:
        reading = parse_file(path)
    except JixiaoError as exc:
        # the file is named beside the reason when reported: keep the place and the problem
        return FileOutcome(path, error=": ".join(part for part in (exc.place, exc.message) if part))
    except Exception as exc:  # a reader bug must not end the batch: report it like a bad file
        return FileOutcome(path, error=f"internal error: {type(exc).__name__}: {exc}")
    document = reading.document
    return FileOutcome(
        path,
        json=document.to_json(indent=None),
        warnings=tuple(reading.warnings),
        tables=len(document.tables),
        indicators=sum(len(table.indicators) for table in document.tables),
    )


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], int]:
    """The files to parse, in order, and how many files inside folders were passed over (other types)."""
    files: list[Path] = []
    passed_over = 0
    for path in paths:
        if not path.is_dir():
            files.append(path)  # named explicitly: parsed whatever its name; a missing file is reported
            continue
        for found in _walk(path):
            if found.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(found)
            else:
                passed_over += 1
    return files, passed_over


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():  # a symlinked folder could loop back on itself
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


@dataclass
class _Summary:
    files: int = 0
    parsed: int = 0
    tables: int = 0
    indicators: int = 0
    warned: int = 0
    failures: list[FileOutcome] = field(default_factory=list)


def parse_many(paths: list[Path], *, jobs: int, out: Path | None, console: Console) -> int:
    """Parse every file under ``paths`` with ``jobs`` worker processes; returns the exit status."""
    # JSON goes to stdout when there is no output file: progress and messages then go to stderr.
    messages = console if out is not None else Console(stderr=True)
    if out is not None and out.is_dir():  # said before any work is done, not after it
        raise WriteError("is a folder: batch output is one JSON Lines file (e.g. -o parsed.jsonl)", path=str(out))
    files, passed_over = collect_files(paths)
    if not files:
        messages.print(Text("error: no files to parse", style="bold red"), soft_wrap=True)
        return EXIT_UNUSABLE
    summary = _Summary(files=len(files))
    with _JsonLines(out) as sink, _progress(messages) as progress:
        task = progress.add_task("parsing", total=len(files))
        waiting: dict[int, FileOutcome] = {}
        written = 0

        def record(index: int, outcome: FileOutcome) -> None:
            nonlocal written
            progress.advance(task)
            # lines go out in input order as soon as every earlier file is done: little is held in memory
            waiting[index] = outcome
            while written in waiting:
                line = waiting.pop(written).json
                if line is not None:
                    sink.write(line)
                written += 1
            name = _display(outcome.path)
            if outcome.error is not None:
                summary.failures.append(outcome)
                progress.console.print(Text(f"✗ {name}: {outcome.error}", style="red"), highlight=False, soft_wrap=True)
                return
            summary.parsed += 1
            summary.tables += outcome.tables
            summary.indicators += outcome.indicators
            if outcome.warnings:
                summary.warned += 1
                for warning in outcome.warnings:
                    progress.console.print(
                        Text(f"! {name}: {warning}", style="yellow"), highlight=False, soft_wrap=True
                    )

        _run(files, jobs, record)
    _print_summary(messages, summary, passed_over, out)
    if summary.parsed == 0:
        return EXIT_UNUSABLE
    return EXIT_WARNINGS if summary.failures or summary.warned else EXIT_OK


Record = Callable[[int, FileOutcome], None]
Worker = Callable[[str], FileOutcome]


def _run(files: list[Path], jobs: int, record: Record, worker: Worker = parse_one) -> None:
    """Parse every file with ``worker``; ``record(index, outcome)`` sees each outcome as it arrives."""
    if jobs <= 1:
        for index, path in enumerate(files):
            record(index, worker(str(path)))
        return
    broken = _pool_pass(list(enumerate(files)), jobs, record, worker)
    for index, path in broken:  # retry alone what was in flight when a worker died
        if _pool_pass([(index, path)], 1, record, worker):
            died = "the worker process died while reading this file (a crash or out of memory)"
            record(index, FileOutcome(str(path), error=died))


def _pool_pass(work: list[tuple[int, Path]], jobs: int, record: Record, worker: Worker) -> list[tuple[int, Path]]:
    """Run ``work`` in a pool; the items whose worker pool broke are returned, not recorded."""
    broken: list[tuple[int, Path]] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=_context()) as pool:
        futures: dict[Future[FileOutcome], tuple[int, Path]] = {
            pool.submit(worker, str(path)): (index, path) for index, path in work
        }
        for future in as_completed(futures):
            index, path = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                broken.append((index, path))
                continue
            record(index, outcome)
    return sorted(broken)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers do not inherit the progress bar's refresh thread (fork with threads can deadlock)
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _display(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _print_summary(console: Console, summary: _Summary, passed_over: int, out: Path | None) -> None:
    table = Table(title="jixiao parse", show_header=False, box=None)
    table.add_row("files", f"{summary.files:,}")
    table.add_row("parsed", f"{summary.parsed:,}")
    table.add_row("tables", f"{summary.tables:,}")
    table.add_row("indicators", f"{summary.indicators:,}")
    table.add_row("with warnings", f"{summary.warned:,}")
    table.add_row("failed", f"{len(summary.failures):,}")
    if passed_over:
        table.add_row("passed over (other file types)", f"{passed_over:,}")
    if out is not None:
        table.add_row("written to", str(out))
    console.print(table)
    for failure in summary.failures:
        console.print(Text(f"failed: {_display(failure.path)}: {failure.error}"), highlight=False, soft_wrap=True)


class _JsonLines:
    """One JSON document per line, to a file replaced atomically at the end (:mod:`jixiao._atomic`), or to
    stdout."""

    def __init__(self, out: Path | None) -> None:
        self.out = out
        self.output: AbstractContextManager[IO[str]] | None = None
        self.stream: IO[str] = sys.stdout

    def __enter__(self) -> _JsonLines:
        if self.out is not None:
            self.output = atomic_output(self.out, text=True, parents=True)
            self.stream = self.output.__enter__()
        return self

    def write(self, line: str) -> None:
        self.stream.write(line)
        self.stream.write("\n")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.output is None:
            self.stream.flush()
            return
        self.output.__exit__(kind, error, traceback)  # replaces the file, or removes the temporary one
