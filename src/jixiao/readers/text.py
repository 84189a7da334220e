"""The text reader: plain-text exports of Word and PDF files (the seeds).

Two table notations are met, sometimes in one file:

- *cell per line* (Word's "save as text"): every cell on its own line starting with a TAB, a blank
  line between rows, merged cells left blank, a cell's further paragraphs on following lines without
  a TAB, and a line starting with a space (or holding only spaces) where a table ends;
- *row per line* (PDF text exports): the cells of a row on one line separated by TABs.

Text copied from web pages prints ``|`` where these print TABs: a cell per line ending `` |`` (rows between
blank lines), or a row per line ``a | b | c |||``. Such lines are rewritten into the TAB notations first
(:func:`pipes_to_tabs`), line for line, so refs stay the same.

A run of non-blank lines is read in the second notation as soon as one of its lines holds a TAB
anywhere but at its very start. Everything that is not a table row is a paragraph; the lines of one
paragraph (up to a blank line) stay together, joined by ``\\n``. Every cell and paragraph keeps a
``ref`` such as ``line 12``; a grid's ref is ``lines 10-58``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import Block, Cell, Grid, Paragraph, SourceDocument
from jixiao.readers.limits import DEFAULT_LIMITS, Limits

__all__ = ["decode_text", "pipes_to_tabs", "read_text"]

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
# a row-per-line row: a TAB after a cell's text, or several TABs before one
_ROW_LINE = re.compile(r"^\t*[^\t\n]+\t|^\t\t+[^\t\n]", re.MULTILINE)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # control characters other than tab and line ends
# private-use and surrogate code points, the replacement character, and the byte-salad of bytes
# decoded under the wrong code page: signs that the text was not decoded as what it is
_ODD = re.compile("[\ue000-\uf8ff\ud800-\udfff\ufffd\U000f0000-\U0010ffff]")
# either of the two above: one scan of the text finds that it has neither, the common case (for speed)
_SUSPECT = re.compile(f"[{_CONTROL.pattern[1:-1]}{_ODD.pattern[1:-1]}]")
_MAX_CONTROL_SHARE = 0.01  # more stray control characters than this and the file is not text


def read_text(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    """Read a text export into paragraphs and grids."""
    text = decode_text(data, name)
    if "|\n" in text or text.rstrip().endswith("|"):  # for speed: only text copied from web pages has these
        text = pipes_to_tabs(text)
    if not text.strip():
        raise ReadError("no text in the file", path=name)
    count = text.count("\n") + 1
    if count > limits.max_rows:
        raise LimitExceeded(f"{count:,} lines, more than the limit of {limits.max_rows:,}", path=name)
    builder = _Builder(name, limits)
    for start, body, run in _runs(text):
        if _ROW_LINE.search(body):
            builder.rows_run(start, run)
        else:
            builder.cells_run(start, run, body)
    builder.close_grid()
    if not builder.blocks:
        raise ReadError("no text in the file", path=name)
    return SourceDocument(name=name, format="text", blocks=builder.blocks)


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM or evident), GB18030/GBK; normalise line ends."""
    text = _decode(data, name)
    if "\r" in text or "\f" in text or "\v" in text:  # for speed: ``in`` is a fraction of a regex scan
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.replace("\x00", "")
    if not _SUSPECT.search(text):
        return text
    allowed = max(2, len(text) * _MAX_CONTROL_SHARE)
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > allowed:
        raise ReadError("binary data, not text (control bytes throughout)", path=name)
    if _ODD.search(text) and len(_ODD.findall(text)) > allowed:
        raise ReadError("not decodable as text (UTF-8, UTF-16 or GB18030)", path=name)
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 without a BOM: the zero bytes of ASCII characters (tabs, digits, line ends) all sit
        # on one side of each code unit; in binary data they fall anywhere
        even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
        dominant, other = max(even_zeros, odd_zeros), min(even_zeros, odd_zeros)
        if len(data) % 2 == 0 and dominant * 20 >= len(sample) and other * 8 <= dominant:
            return _strict(data, "utf-16-be" if even_zeros > odd_zeros else "utf-16-le", name)
        raise ReadError("binary data, not text (NUL bytes)", path=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not decodable as text (UTF-8, UTF-16 or GB18030): bad bytes at offset {exc.start}", path=name
        ) from exc


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid {encoding.upper()}: bad bytes at offset {exc.start}", path=name) from exc


def pipes_to_tabs(text: str) -> str:
    """``|``-separated lines as the TAB notations: a run holding a row ``a | b | c |||`` is read row per
    line (a one-cell line ``x |`` is then a row of one cell); otherwise each ``x |`` line is a cell."""
    out: list[str] = []
    for chunk in text.split("\n\n"):
        lines = chunk.split("\n")
        split = [_pipe_cells(line) for line in lines]
        by_rows = any(cells is not None and len(cells) > 1 for cells in split)
        for line, cells in zip(lines, split, strict=True):
            if cells is None:
                out.append(line)
            elif by_rows:
                out.append("\t".join(cells) if len(cells) > 1 else f"{cells[0]}\t")
            else:
                out.append(f"\t{cells[0]}")
        out.append("")
    return "\n".join(out[:-1])


def _pipe_cells(line: str) -> list[str] | None:
    """The cells of a line ending in ``|`` (its last separator closes the last cell), else None."""
    stripped = line.rstrip()
    if not stripped.endswith("|"):
        return None
    cells = [cell.strip() for cell in stripped[:-1].split("|")]
    while len(cells) > 1 and not cells[-1]:  # ``|||``: trailing empty cells carry nothing
        cells.pop()
    return cells


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\u3000") and "\t" not in line


def _runs(text: str) -> list[tuple[int, str, list[str]]]:
    """Maximal runs of non-empty lines: the 1-based number of each run's first line, the run as one string
    (its lines joined, kept so that no reader of the run joins them again) and its lines."""
    runs: list[tuple[int, str, list[str]]] = []
    number = 1
    for chunk in text.split("\n\n"):
        body = chunk.strip("\n")
        if body:
            runs.append((number + len(chunk) - len(chunk.lstrip("\n")), body, body.split("\n")))
        number += chunk.count("\n") + 2
    return runs


def _clean_line(line: str) -> str:
    return _BOOKMARK.sub("", line) if "[bookmark:" in line else line


_LINE_REFS: list[str] = ["line 0"]


def _line_refs(last: int) -> list[str]:
    """``line N`` for N up to ``last``: the same strings for every file, so made once."""
    if len(_LINE_REFS) <= last:
        _LINE_REFS.extend(f"line {n}" for n in range(len(_LINE_REFS), last + 1))
    return _LINE_REFS


class _Builder:
    """Collects blocks; a grid stays open across blank lines until a paragraph or a table-end line."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.blocks: list[Block] = []
        self.rows: list[list[Cell]] = []
        self.first_line = 0
        self.last_line = 0
        self.cell_count = 0

    # -- grids ---------------------------------------------------------------------------------
    def add_row(self, texts: list[str], numbers: Sequence[int], last_line: int) -> None:
        """One table row: each cell's text and the number of the line it starts on."""
        if not texts:
            return
        if not self.rows:
            self.first_line = numbers[0]
        refs = _line_refs(last_line)
        r = len(self.rows)
        self.rows.append([Cell(text, r, c, 1, 1, refs[numbers[c]]) for c, text in enumerate(texts)])
        self.last_line = last_line
        self.cell_count += len(texts)
        if self.cell_count > self.limits.max_cells:
            raise LimitExceeded(
                f"more than the limit of {self.limits.max_cells:,} table cells",
                path=self.name,
                place=f"line {last_line}",
            )

    def close_grid(self) -> None:
        if not self.rows:
            return
        ref = (
            f"line {self.first_line}"
            if self.first_line == self.last_line
            else f"lines {self.first_line}-{self.last_line}"
        )
        self.blocks.append(Grid(rows=self.rows, ref=ref))
        self.rows = []

    # -- paragraphs ----------------------------------------------------------------------------
    def paragraph(self, lines: list[str], first: int) -> None:
        text = "\n".join(lines).strip("\n")
        if not text.strip():
            self.close_grid()
            return
        self.close_grid()
        last = first + len(lines) - 1
        ref = f"line {first}" if last == first else f"lines {first}-{last}"
        self.blocks.append(Paragraph(text=text, ref=ref))

    # -- the two notations ---------------------------------------------------------------------
    def rows_run(self, start: int, run: list[str]) -> None:
        pending: list[str] = []
        pending_start = start
        for offset, raw in enumerate(run):
            number = start + offset
            line = _clean_line(raw)
            if "\t" in line:
                if pending:
                    self.paragraph(pending, pending_start)
                    pending = []
                cells = line.split("\t")
                while len(cells) > 1 and not cells[-1].strip():  # trailing separators carry nothing
                    cells.pop()
                self.add_row(cells, [number] * len(cells), number)
            elif _is_blank(line):
                if pending:
                    self.paragraph(pending, pending_start)
                    pending = []
                self.close_grid()
            else:
                if not pending:
                    pending_start = number
                pending.append(line)
        if pending:
            self.paragraph(pending, pending_start)

    def cells_run(self, start: int, run: list[str], joined: str) -> None:
        if joined.startswith("\t") and joined.count("\n\t") == len(run) - 1 and "[bookmark:" not in joined:
            # the common case: one row, every line a cell
            self.add_row([line[1:] for line in run], range(start, start + len(run)), start + len(run) - 1)
            return
        row = _CellRow()
        pending: list[str] = []
        pending_start = start
        last_cell_line = start
        for offset, raw in enumerate(run):
            number = start + offset
            line = _clean_line(raw)
            if line.startswith("\t"):
                if pending:
                    self.paragraph(pending, pending_start)
                    pending = []
                row.start(line[1:], number)
                last_cell_line = number
            elif row.lines and not pending and not line[:1].isspace():
                row.lines[-1].append(line)  # a further paragraph of the same cell
                last_cell_line = number
            else:
                if row.lines:  # a line starting with a space ends the table
                    self.add_row(row.texts(), row.numbers, last_cell_line)
                    row = _CellRow()
                    self.close_grid()
                if _is_blank(line):
                    if pending:
                        self.paragraph(pending, pending_start)
                        pending = []
                    self.close_grid()
                    continue
                if not pending:
                    pending_start = number
                pending.append(line)
        if pending:
            self.paragraph(pending, pending_start)
        self.add_row(row.texts(), row.numbers, last_cell_line)


@dataclass
class _CellRow:
    """A row being read in the cell-per-line notation: each cell's lines and first line number."""

    lines: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    def start(self, text: str, number: int) -> None:
        self.lines.append([text])
        self.numbers.append(number)

    def texts(self) -> list[str]:
        return ["\n".join(cell) for cell in self.lines]
