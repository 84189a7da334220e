"""Ruling segments → ruled tables: the cells a page prints, with their merges.

1. Collinear segments are merged into rules (pieces on one line that touch or overlap become one rule).
2. Rules that cross or touch form a table region (connected components of the crossing graph).
3. A region's column edges are its vertical rules' x-positions, and its row edges its horizontal rules'
   y-positions; where the horizontal rules run past the outermost vertical rule (a table printed without
   its side borders) or the vertical rules run past the last horizontal one (a table cut by the page
   bottom without a closing rule), their ends are edges too. So a column region without a horizontal rule
   down to the table's bottom is one *open* cell reaching the bottom edge.
4. Neighbouring elementary cells with no rule between them are one merged cell (rowspan/colspan). A merged
   area is kept as a cell when a rule bounds it above or below *and* left or right; what lies outside every
   cell (beside a narrower part of the region) stays page text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from jixiao.readers.pdf_page import Segment

__all__ = ["RuledCell", "RuledTable", "find_ruled_tables"]

_SNAP = 2.0  # points: rules closer than this across their direction are one line
_JOIN = 2.5  # points: collinear pieces with a gap up to this are one rule
_TOUCH = 2.5  # points: a rule reaching this close to another crosses it
_OVERHANG = 6.0  # points: rule ends past the outermost crossing rule that make an edge of their own
_COVER = 0.5  # a cell side is ruled when rules cover this share of it


@dataclass(slots=True)
class RuledCell:
    x0: float
    top: float
    x1: float
    bottom: float
    open_top: bool = False  # no rule above it (it may continue a cell of the page before)
    open_bottom: bool = False  # no rule below it (it continues on the next page)


@dataclass(slots=True)
class RuledTable:
    bbox: tuple[float, float, float, float]
    cells: list[RuledCell] = field(default_factory=list)


@dataclass(slots=True)
class _Rule:
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


def find_ruled_tables(segments: list[Segment]) -> list[RuledTable]:
    """The ruled tables on a page, top to bottom; regions of fewer than two cells are not tables."""
    horizontal = _merge([_Rule(s.top, s.x0, s.x1) for s in segments if s.horizontal])
    vertical = _merge([_Rule(s.x0, s.top, s.bottom) for s in segments if not s.horizontal])
    tables = []
    for hs, vs in _regions(horizontal, vertical):
        table = _table(hs, vs)
        if table is not None and len(table.cells) >= 2:
            tables.append(table)
    tables.sort(key=lambda table: (table.bbox[1], table.bbox[0]))
    return tables


def _merge(rules: list[_Rule]) -> list[_Rule]:
    """Collinear pieces joined: lines within ``_SNAP`` of each other, pieces that overlap or nearly touch."""
    merged: list[_Rule] = []
    rules = sorted(rules, key=lambda rule: rule.at)
    lines: list[list[_Rule]] = []
    for rule in rules:
        if lines and rule.at - lines[-1][0].at <= _SNAP:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    for line in lines:
        at = sum(rule.at for rule in line) / len(line)
        line.sort(key=lambda rule: rule.start)
        current = _Rule(at, line[0].start, line[0].end)
        for rule in line[1:]:
            if rule.start <= current.end + _JOIN:
                current.end = max(current.end, rule.end)
            else:
                merged.append(current)
                current = _Rule(at, rule.start, rule.end)
        merged.append(current)
    return merged


def _crosses(h: _Rule, v: _Rule) -> bool:
    return h.start - _TOUCH <= v.at <= h.end + _TOUCH and v.start - _TOUCH <= h.at <= v.end + _TOUCH


def _regions(horizontal: list[_Rule], vertical: list[_Rule]) -> list[tuple[list[_Rule], list[_Rule]]]:
    """Connected groups of crossing rules, each with at least two rules of each direction."""
    parent = list(range(len(horizontal) + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_x = sorted(range(len(vertical)), key=lambda j: vertical[j].at)
    xs = [vertical[j].at for j in by_x]
    for i, h in enumerate(horizontal):
        lo = bisect_right(xs, h.start - _TOUCH - 1e-9)
        hi = bisect_right(xs, h.end + _TOUCH)
        for k in range(lo, hi):
            j = by_x[k]
            if _crosses(h, vertical[j]):
                a, b = find(i), find(len(horizontal) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(len(horizontal) + j), ([], []))[1].append(v)
    return [(hs, vs) for hs, vs in groups.values() if hs and vs and len(hs) + len(vs) >= 3]


def _edges(positions: list[float], low: float, high: float) -> list[float]:
    edges: list[float] = []
    for value in sorted(positions):
        if edges and value - edges[-1] <= _SNAP:
            continue
        edges.append(value)
    if edges and low < edges[0] - _OVERHANG:
        edges.insert(0, low)
    if edges and high > edges[-1] + _OVERHANG:
        edges.append(high)
    return edges


def _covered(rules: list[_Rule], start: float, end: float) -> bool:
    """Rules (on one line) cover at least half of ``start``–``end``."""
    length = end - start
    if length <= 0:
        return False
    covered = 0.0
    for rule in rules:
        if rule.end > start and rule.start < end:
            covered += min(rule.end, end) - max(rule.start, start)
    return covered >= _COVER * length


def _on_line(rules: list[_Rule], at: float) -> list[_Rule]:
    return [rule for rule in rules if abs(rule.at - at) <= _SNAP]


def _table(horizontal: list[_Rule], vertical: list[_Rule]) -> RuledTable | None:
    xs = _edges([v.at for v in vertical], min(h.start for h in horizontal), max(h.end for h in horizontal))
    ys = _edges([h.at for h in horizontal], min(v.start for v in vertical), max(v.end for v in vertical))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return None
    # which sides of each elementary cell are ruled
    columns = [_on_line(vertical, x) for x in xs]  # the rules on each column edge
    rows = [_on_line(horizontal, y) for y in ys]
    # ruled[r][c]: the left side of cell (r, c) (c == n_cols: the right side of the last cell)
    ruled = [[_covered(columns[c], ys[r], ys[r + 1]) for c in range(n_cols + 1)] for r in range(n_rows)]
    # floor[r][c]: the top side of cell (r, c) (r == n_rows: the bottom of the last row)
    floor = [[_covered(rows[r], xs[c], xs[c + 1]) for c in range(n_cols)] for r in range(n_rows + 1)]
    left = [line[:-1] for line in ruled]
    right = [line[1:] for line in ruled]
    above = floor[:-1]
    below = floor[1:]
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and not right[r][c]:
                parent[find(here)] = find(here + 1)
            if r + 1 < n_rows and not below[r][c]:
                parent[find(here)] = find(here + n_cols)
    areas: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            areas.setdefault(find(r * n_cols + c), []).append((r, c))
    owned: set[tuple[int, int]] = set()
    cells: list[RuledCell] = []
    for members in sorted(areas.values(), key=lambda m: m[0]):
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members) + 1
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members) + 1
        top_ruled = any(above[r0][c] for c in range(c0, c1))
        bottom_ruled = any(below[r1 - 1][c] for c in range(c0, c1))
        side_ruled = any(left[r][c0] or right[r][c1 - 1] for r in range(r0, r1))
        if not (top_ruled or bottom_ruled) or not side_ruled:
            continue  # outside the table: beside a narrower part of the region
        box = {(r, c) for r in range(r0, r1) for c in range(c0, c1)}
        if box & owned:
            continue
        owned |= box
        cells.append(RuledCell(xs[c0], ys[r0], xs[c1], ys[r1], open_top=not top_ruled, open_bottom=not bottom_ruled))
    if not cells:
        return None
    bbox = (
        min(cell.x0 for cell in cells),
        min(cell.top for cell in cells),
        max(cell.x1 for cell in cells),
        max(cell.bottom for cell in cells),
    )
    return RuledTable(bbox, cells)
