"""What PDFium hands over for one page: its characters with their boxes and its ruling segments.

Coordinates are turned into the reader's convention: points from the top-left corner of the page as it is
displayed (``/Rotate`` applied), ``top`` < ``bottom``. A character is a small dict (``text``, ``x0``, ``x1``,
``top``, ``bottom``, ``size``) so that the line and cell code needs no PDFium type. A ruling segment is an
axis-parallel straight piece of a path object (a drawn line, a rectangle's edge, a thin filled bar).
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from jixiao.errors import ReadError

__all__ = ["Char", "PageContent", "Segment", "open_document", "read_page"]

Char = dict[str, Any]

_AXIS = 1.0  # points: a segment whose ends differ by less than this across its direction is axis-parallel
_MIN_LENGTH = 2.0  # points: shorter pieces are dots and hatching, not rules
_BAR = 2.5  # points: a path (or filled rectangle) at most this thick is one rule
_UPRIGHT = 0.05  # radians: characters turned more than this are stamps or vertical text, not cell text
_ASCENT = 0.86  # share of the font size above the baseline in a character's box (CJK fonts: 0.85-0.88)
_PUNCTUATION_GAP = 0.2  # em: a printed space after punctuation or between Latin words is at least this wide
_SPACE_GAP = 0.24  # em: a printed space is at least this wide
_BREAK_GAP = 0.4  # em: a gap at a word break PDFium guessed between two text objects is a space from here
_FULL_TURN = 6.283185307179586
_PAGE_CLIP = 0.8  # share of the page's width and height: a clip as large holds the page's text
_CLIP_TOUCH = 0.5  # points: a text object this little inside its clipping path is wholly clipped out
_MAX_FORM_DEPTH = 8  # nested form XObjects are followed this deep (a hostile file may nest them endlessly)


@dataclass(slots=True, frozen=True)
class Segment:
    """A horizontal (``x0 < x1``, ``top == bottom``) or vertical (``x0 == x1``, ``top < bottom``) ruling."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top < self.x1 - self.x0


@dataclass(slots=True)
class PageContent:
    width: float
    height: float
    chars: list[Char]
    segments: list[Segment]


def open_document(data: bytes, name: str) -> Any:
    """A ``pypdfium2.PdfDocument``; an encrypted file opens when its user password is empty."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - declared in the formats extra
        raise ReadError("reading PDF needs pypdfium2 (pip install 'jixiao[formats]')", path=name) from exc
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower() or "security" in str(exc).lower():
            raise ReadError(
                "encrypted PDF: it needs a password to open; provide an unprotected copy", path=name
            ) from exc
        raise ReadError(f"not a readable PDF ({exc})", path=name) from exc


def read_page(page: Any) -> PageContent:
    """Characters and ruling segments of one ``pypdfium2.PdfPage``."""
    import pypdfium2.raw as pdfium_c

    width, height = (float(v) for v in page.get_size())
    left, bottom, right, top = (float(v) for v in page.get_cropbox())
    rotation = pdfium_c.FPDFPage_GetRotation(page.raw) % 4
    transform = _Display(left, bottom, right, top, rotation)
    segments: list[Segment] = []
    clips = _Clips(pdfium_c, transform, width, height)
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        _collect_segments(pdfium_c, obj, _IDENTITY, transform, segments, 0, clips)
    textpage = pdfium_c.FPDFText_LoadPage(page.raw)
    try:
        chars = _chars(pdfium_c, textpage, transform, clips.hidden)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    return PageContent(width, height, chars, segments)


# ---------------------------------------------------------------------------------------------------------
# coordinates


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


@dataclass(slots=True, frozen=True)
class _Display:
    """PDF user space (y up, crop box, unrotated) → display space (y down from the top-left, rotated)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int  # quarter turns clockwise

    def point(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = x - self.left, self.top - y  # from the top-left corner, y down
        if not self.rotation:
            return dx, dy
        w, h = self.right - self.left, self.top - self.bottom
        if self.rotation == 1:
            return h - dy, dx
        if self.rotation == 2:
            return w - dx, h - dy
        if self.rotation == 3:
            return dy, w - dx
        return dx, dy

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


# ---------------------------------------------------------------------------------------------------------
# characters


def _chars(
    pdfium_c: Any, textpage: Any, transform: _Display, clipped: dict[int, tuple[float, float, float, float]]
) -> list[Char]:
    # the PDFium calls of the loop bound to local names: this loop runs once per character of the document
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_matrix = pdfium_c.FPDFText_GetMatrix
    get_font_size = pdfium_c.FPDFText_GetFontSize
    get_loose_box = pdfium_c.FPDFText_GetLooseCharBox
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    chars: list[Char] = []
    quarter = transform.rotation * _FULL_TURN / 4  # a rotated page turns its upright text too
    upright_page, page_left, page_top = transform.rotation == 0, transform.left, transform.top
    space_after: Any = None  # text object of the character before a space PDFium reported
    line_end = False  # PDFium reported a line end after the last character kept
    convention = _CommaSpacing()
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = get_unicode(textpage, index)
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        if is_generated(textpage, index) == 1:
            # PDFium's own line ends and spaces, at made-up places; it reports a space the file prints
            # the same way, told apart below by the text object around it
            if code == 0x20 and chars and index > 0:
                space_after = _object_of(pdfium_c, textpage, index - 1)
            elif code in (0x0A, 0x0D) and chars:
                line_end = True
            continue
        if not get_matrix(textpage, index, matrix):
            continue
        # the direction of the text from its matrix: turned characters are stamps or vertical text
        if (matrix.b or matrix.c or matrix.a <= 0) and not _upright(matrix, quarter):
            continue
        if not get_loose_box(textpage, index, rect) or not get_origin(textpage, index, origin_x, origin_y):
            continue
        if upright_page:
            x0, x1 = rect.left - page_left, rect.right - page_left
            baseline = page_top - origin_y.value
        else:
            x0, _, x1, _ = transform.box(rect.left, rect.bottom, rect.right, rect.top)
            _, baseline = transform.point(origin_x.value, origin_y.value)
        # the loose box's height comes from the font's ascent and descent, which some embedded fonts state
        # wildly (digits 2.4 times as tall as the CJK beside them): the box is set from the baseline and
        # the font size instead, so that lines group alike whatever font a character is in
        size = get_font_size(textpage, index) * math.hypot(matrix.c, matrix.d) or abs(rect.top - rect.bottom)
        if size <= 0:
            continue
        text = chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"
        top = baseline - _ASCENT * size
        clip = clipped.get(_object_of(pdfium_c, textpage, index) or 0) if clipped else None
        if clip is not None and _outside(clip, x0, top, x1, baseline + (1 - _ASCENT) * size):
            continue  # printed where its clipping path hides it
        if space_after is not None:
            previous = chars[-1]
            if abs(top - previous["top"]) <= 0.3 * size and _printed_space(
                previous, text, x0 - previous["x1"], size, space_after == _object_of(pdfium_c, textpage, index)
            ):
                chars.append({**previous, "text": " ", "x0": previous["x1"], "x1": x0})
            space_after = None
        if chars and chars[-1]["text"] in _ASCII_BREAKS and not text.isspace():
            convention.count(chars[-1], line_end or abs(top - chars[-1]["top"]) > 0.3 * size)
        line_end = False
        chars.append(
            {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": baseline + (1 - _ASCENT) * size, "size": size}
        )
    return convention.apply(chars)


_ASCII_BREAKS = {",", ";", "，", "；"}  # marks after which a page may set a space


class _CommaSpacing:
    """Whether this page sets a space after an ASCII ``,`` or ``;`` (``实施, 完成``) or not (``2026年,全市``).

    At the end of a line PDFium drops a printed space, and LibreOffice wraps after ``, ``: where the page's
    own lines show the space after such a mark more often than not, a mark ending a line is given its space
    back (so that the wrapped lines join as ``标准, 探索``); elsewhere nothing is added."""

    def __init__(self) -> None:
        self.at_line_end: set[int] = set()

    def count(self, mark: Char, line_end: bool) -> None:
        if line_end:
            self.at_line_end.add(id(mark))

    def apply(self, chars: list[Char]) -> list[Char]:
        if not self.at_line_end:
            return chars
        spaced: Counter[str] = Counter()  # per mark: how often the page's lines set a space after it
        tight: Counter[str] = Counter()
        for mark, following in pairwise(chars):
            if mark["text"] in _ASCII_BREAKS and id(mark) not in self.at_line_end:
                if following["text"] == " ":
                    spaced[mark["text"]] += 1
                elif not following["text"].isdigit():  # 37,000: a number, no sign of the convention
                    tight[mark["text"]] += 1
        out: list[Char] = []
        for char in chars:
            out.append(char)
            if id(char) in self.at_line_end and spaced[char["text"]] > tight[char["text"]]:
                out.append({**char, "text": " ", "x0": char["x1"], "x1": char["x1"]})
        return out


def _upright(matrix: Any, quarter: float) -> bool:
    angle = math.atan2(matrix.b, matrix.a)
    return any(_near_angle(angle, turn) for turn in (quarter, -quarter))


def _printed_space(previous: Char, following: str, gap: float, size: float, same_object: bool) -> bool:
    """Whether a word break PDFium reports between ``previous`` and ``following`` is a printed space.

    PDFium reports a printed space (which it cannot tell from its own guesses) and its guesses alike. A
    space inside one text object, next to punctuation (``实施, 完成``, ``90%； 住院``, ``局 (本级)``), or
    between Latin words, or between two CJK characters, is printed where the gap is a space wide. Between CJK and
    Latin or digits in two objects the
    gap is often the spacing word processors add there themselves (``2024年``, ``人口10140人``): a space
    only where the gap is as wide as a space of CJK text (``[292] 国家信访局``, ``水平 。``)."""
    if gap < _PUNCTUATION_GAP * size:
        return False
    last, first = previous["text"][-1:], following[:1]
    if (
        unicodedata.category(last).startswith("P")
        or unicodedata.category(first).startswith("P")  # before a mark: ``局 (本级)``, ``水平 。``
        or (_is_latin(last) and _is_latin(first))
    ):
        return True
    # word processors add their own spacing only where CJK meets Latin or digits: between two CJK
    # characters a gap a space wide is a printed space (``参保缴费工作 与税务``), in one object or two
    return gap >= (_SPACE_GAP if same_object or not (_is_latin(last) or _is_latin(first)) else _BREAK_GAP) * size


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _object_of(pdfium_c: Any, textpage: Any, index: int) -> int | None:
    """An identity of the text object character ``index`` was printed by."""
    obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
    return ctypes.cast(obj, ctypes.c_void_p).value if obj else None


def _near_angle(angle: float, target: float) -> bool:
    turn = (angle - target) % _FULL_TURN
    return min(turn, _FULL_TURN - turn) <= _UPRIGHT


# ---------------------------------------------------------------------------------------------------------
# rulings


def _collect_segments(
    pdfium_c: Any,
    obj: Any,
    outer: Matrix,
    transform: _Display,
    out: list[Segment],
    depth: int,
    clips: _Clips,
) -> None:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        if depth == 0:
            clips.check(pdfium_c, obj)
        return
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        if depth >= _MAX_FORM_DEPTH:
            return
        matrix = _multiply(_matrix(pdfium_c, obj), outer)
        for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            inner = pdfium_c.FPDFFormObj_GetObject(obj, index)
            _collect_segments(pdfium_c, inner, matrix, transform, out, depth + 1, clips)
        return
    if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not fill.value and not stroke.value:
        return  # a clipping path or an invisible one
    if (not fill.value or _is_white(pdfium_c.FPDFPageObj_GetFillColor, obj)) and (
        not stroke.value or _is_white(pdfium_c.FPDFPageObj_GetStrokeColor, obj)
    ):
        return  # white on white (a background, a grid line hidden inside a merged cell): no rule anyone sees
    if depth == 0:  # bounds are in page space only for objects outside form XObjects
        rule = _thin_bounds(pdfium_c, obj, transform)
        if rule is not None:  # a drawn line or a thin bar: one rule, without walking its points
            out.append(rule)
            return
    matrix = _multiply(_matrix(pdfium_c, obj), outer)
    points = _path_points(pdfium_c, obj, matrix)
    pieces = [_segment(transform, a, b) for a, b in points]
    found = [piece for piece in pieces if piece is not None]
    if fill.value and not stroke.value:
        bar = _thin_bar(found)
        if bar is not None:  # a thin filled rectangle drawn as a rule: its centre line
            out.append(bar)
            return
    out.extend(found)


class _Clips:
    """Text objects printed wholly outside their clipping path, with the box of that path (display
    coordinates): Calc prints a merged cell's text at the middle of the whole merged range on every page the
    range spans, clipped to the part on the page, and the text layer keeps the text no one sees (over the
    repeated header rows of the next page). Their characters are then tested by their full line height, as
    a comma below the clip on a line whose ideographs show their upper half is part of that line.

    This runs for every text object of the document, most of which have a clip (the page's, a cell's)
    shared with the objects around them: a clip's box is read once a page, kept by the address of its
    points, and a clip about the size of the page hides nothing worth the object's bounds."""

    __slots__ = ("_boxes", "_count_paths", "_first_segment", "_floats", "_get_clip", "_page", "_transform", "hidden")

    def __init__(self, pdfium_c: Any, transform: _Display, width: float, height: float) -> None:
        self._get_clip, self._count_paths, self._first_segment = _clip_calls(pdfium_c)
        self._transform = transform
        self._page = (width * _PAGE_CLIP, height * _PAGE_CLIP)
        # by the address of a clip's points: its box in PDF space (x0, y0, x1, y1) and on the displayed page
        self._boxes: dict[int, tuple[tuple[float, float, float, float], tuple[float, float, float, float]] | None] = {}
        self._floats = tuple(ctypes.c_float() for _ in range(4))
        self.hidden: dict[int, tuple[float, float, float, float]] = {}

    def check(self, pdfium_c: Any, obj: Any) -> None:
        clip = self._get_clip(obj)
        key = self._first_segment(clip, 0, 0) if clip else None  # None: no clip, or one without a path
        if key is None:
            return
        if key in self._boxes:
            box = self._boxes[key]
        else:
            box = self._boxes[key] = self._box(pdfium_c, clip, self._count_paths(clip))
        if box is None:
            return
        left, bottom, right, top = self._floats
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return
        # compared in PDF space (y up), the cheaper test run for every object under a clip
        (x0, y0, x1, y1), shown = box
        if (
            bottom.value >= y1 - _CLIP_TOUCH
            or top.value <= y0 + _CLIP_TOUCH
            or left.value >= x1 - _CLIP_TOUCH
            or right.value <= x0 + _CLIP_TOUCH
        ):
            self.hidden[ctypes.cast(obj, ctypes.c_void_p).value or 0] = shown

    def _box(
        self, pdfium_c: Any, clip: int, paths: int
    ) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]] | None:
        xs: list[float] = []
        ys: list[float] = []
        x, y = ctypes.c_float(), ctypes.c_float()
        handle = ctypes.cast(clip, pdfium_c.FPDF_CLIPPATH)
        for path in range(paths):
            for index in range(pdfium_c.FPDFClipPath_CountPathSegments(handle, path)):
                segment = pdfium_c.FPDFClipPath_GetPathSegment(handle, path, index)
                if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                    xs.append(x.value)
                    ys.append(y.value)
        if not xs:
            return None
        pdf_box = (min(xs), min(ys), max(xs), max(ys))
        shown = self._transform.box(*pdf_box)
        if shown[2] - shown[0] >= self._page[0] and shown[3] - shown[1] >= self._page[1]:
            return None
        return pdf_box, shown


@lru_cache(maxsize=1)
def _clip_calls(pdfium_c: Any) -> tuple[Any, Any, Any]:
    """PDFium's clip-path getters typed to hand back addresses as plain ints: no pointer object to build
    and cast for each of the document's text objects."""

    def address(function: Any) -> int:
        return ctypes.cast(function, ctypes.c_void_p).value or 0

    get_clip = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)(address(pdfium_c.FPDFPageObj_GetClipPath))
    count_paths = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)(address(pdfium_c.FPDFClipPath_CountPaths))
    first_segment = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_int)(
        address(pdfium_c.FPDFClipPath_GetPathSegment)
    )
    return get_clip, count_paths, first_segment


def _outside(clip: tuple[float, float, float, float], x0: float, top: float, x1: float, bottom: float) -> bool:
    """The box (x0, top)-(x1, bottom) and the clip's share no more than a touching edge."""
    left, clip_top, right, clip_bottom = clip
    return (
        top >= clip_bottom - _CLIP_TOUCH
        or bottom <= clip_top + _CLIP_TOUCH
        or x0 >= right - _CLIP_TOUCH
        or x1 <= left + _CLIP_TOUCH
    )


def _thin_bounds(pdfium_c: Any, obj: Any, transform: _Display) -> Segment | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    x0, y0, x1, y1 = transform.box(left.value, bottom.value, right.value, top.value)
    if y1 - y0 <= _BAR and x1 - x0 >= _MIN_LENGTH:
        return Segment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2)
    if x1 - x0 <= _BAR and y1 - y0 >= _MIN_LENGTH:
        return Segment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)
    return None


def _matrix(pdfium_c: Any, obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _is_white(get_color: Any, obj: Any) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not get_color(obj, r, g, b, a):
        return False
    return min(r.value, g.value, b.value) >= 250 or a.value == 0


def _path_points(pdfium_c: Any, obj: Any, matrix: Matrix) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of a path, in PDF user space."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    lines: list[tuple[tuple[float, float], tuple[float, float]]] = []
    start: tuple[float, float] | None = None
    current: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = current = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            lines.append((current, point))
            current = point
        else:  # a curve piece: no rule, but the pen moves on
            current = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and current is not None and start is not None:
            if current != start:
                lines.append((current, start))
            current = start
    return lines


def _segment(transform: _Display, a: tuple[float, float], b: tuple[float, float]) -> Segment | None:
    x0, top, x1, bottom = transform.box(a[0], a[1], b[0], b[1])
    if bottom - top < _AXIS and x1 - x0 >= _MIN_LENGTH:
        middle = (top + bottom) / 2
        return Segment(x0, middle, x1, middle)
    if x1 - x0 < _AXIS and bottom - top >= _MIN_LENGTH:
        middle = (x0 + x1) / 2
        return Segment(middle, top, middle, bottom)
    return None


def _thin_bar(pieces: list[Segment]) -> Segment | None:
    """A filled rectangle less than 2.5 points thick is a rule drawn as a bar: its centre line."""
    if len(pieces) < 2:
        return None
    x0 = min(p.x0 for p in pieces)
    x1 = max(p.x1 for p in pieces)
    top = min(p.top for p in pieces)
    bottom = max(p.bottom for p in pieces)
    if bottom - top <= _BAR and x1 - x0 > bottom - top:
        return Segment(x0, (top + bottom) / 2, x1, (top + bottom) / 2)
    if x1 - x0 <= _BAR and bottom - top > x1 - x0:
        return Segment((x0 + x1) / 2, top, (x0 + x1) / 2, bottom)
    return None
