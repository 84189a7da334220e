"""Render a spreadsheet cell value the way the sheet prints it, from its Excel number format.

Spreadsheets store ``37000000`` and print ``37,000,000.00``; they store ``0.25`` and print ``25%``. The
interchange keeps amounts *as printed*, so the xlsx and xls readers turn every value back into its printed
text with :func:`format_value`. It covers the formats met in budget tables: ``General``, fixed decimals,
thousands separators, percent, scaling commas, scientific notation, literal text and units (``0.00"万元"``),
sections (``pos;neg;zero;text``), colours and locale tags, and date/time formats (``yyyy"年"m"月"d"日"``).
Rounding is decimal half-up on the shortest decimal form of the stored float, as Excel displays it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from math import isfinite

__all__ = ["format_number", "format_value", "general"]

_BRACKET = re.compile(r"\[[^\]]*\]")
_DATE_CODES = re.compile(r"(?i)(yyyy|yy|e|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p)")


def general(value: float | int) -> str:
    """Excel's ``General`` format: integers without ``.0``, others in their shortest decimal form."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if not isfinite(value):  # NaN / inf cannot be stored; be safe
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}E{int(exponent):+03d}"
    return text


def _split_sections(fmt: str) -> list[str]:
    sections: list[str] = []
    current: list[str] = []
    quoted = False
    escaped = False
    for ch in fmt:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == '"':
            current.append(ch)
            quoted = not quoted
        elif ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
    sections.append("".join(current))
    return sections


def _tokens(section: str) -> list[tuple[str, str]]:
    """Split one section into ('lit', text) and ('code', text) tokens; drop padding, fills and colours."""
    out: list[tuple[str, str]] = []
    i = 0
    n = len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = n if end < 0 else end
            out.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\" and i + 1 < n:
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch in "_*" and i + 1 < n:  # padding to the width of a character / fill character: not printed text
            i += 2
        elif ch == "[":
            end = section.find("]", i)
            end = n if end < 0 else end
            tag = section[i + 1 : end]
            if tag.startswith("$"):  # [$¥-804] currency symbol, [$-804] locale only
                symbol = tag[1:].split("-", 1)[0]
                if symbol:
                    out.append(("lit", symbol))
            i = end + 1
        else:
            out.append(("code", ch))
            i += 1
    return out


def _is_date_format(section: str) -> bool:
    plain = "".join(text for kind, text in _tokens(section) if kind == "code")
    return bool(re.search(r"(?i)[ymdhs]", plain)) and not re.search(r"[0#?]", plain)


@lru_cache(maxsize=512)
def _choose(fmt: str, sign: int, is_text: bool) -> tuple[str, bool]:
    """The section that applies and whether the minus sign is written by the format itself."""
    sections = _split_sections(fmt)
    if is_text:
        return (sections[3] if len(sections) >= 4 else "@"), False
    if sign < 0 and len(sections) >= 2 and sections[1].strip():
        return sections[1], True
    if sign == 0 and len(sections) >= 3 and sections[2].strip():
        return sections[2], False
    return sections[0], False


def _round(number: Decimal, places: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ",".join(parts)


def _render_number(number: Decimal, section: str) -> str:
    tokens = _tokens(section)
    codes = "".join(text for kind, text in tokens if kind == "code")
    if "@" in codes and not re.search(r"[0#?]", codes):
        return "".join(
            text if kind == "lit" else (general_decimal(number) if text == "@" else text) for kind, text in tokens
        )
    if not re.search(r"[0#?]", codes):
        # no digit placeholder: pure literal format (e.g. "-" for zero)
        return "".join(text for kind, text in tokens)
    if "%" in codes:
        number *= 100
    # locate the numeric run: from the first to the last digit placeholder (with , . E+ inside)
    first = next(i for i, (k, t) in enumerate(tokens) if k == "code" and t in "0#?")
    last = max(i for i, (k, t) in enumerate(tokens) if k == "code" and t in "0#?")
    # trailing commas right after the last placeholder scale by 1000 each
    scale = 0
    j = last + 1
    while j < len(tokens) and tokens[j] == ("code", ","):
        scale += 1
        j += 1
    pattern = "".join(t for _, t in tokens[first : last + 1])
    prefix = "".join(t for k, t in tokens[:first] if not (k == "code" and t in "@"))
    suffix = "".join(t for k, t in tokens[j:])
    if scale:
        number /= Decimal(1000) ** scale
    upper = pattern.upper()
    if "E" in upper:
        mantissa_pattern = upper.split("E", 1)[0]
        places = len(mantissa_pattern.split(".", 1)[1]) if "." in mantissa_pattern else 0
        exp_digits = sum(1 for ch in upper.split("E", 1)[1] if ch in "0#")
        text = f"{abs(number):.{places}E}"
        mantissa, exponent = text.split("E")
        exp = int(exponent)
        body = f"{mantissa}E{'-' if exp < 0 else '+'}{abs(exp):0{max(exp_digits, 1)}d}"
    else:
        int_pattern, _, frac_pattern = pattern.partition(".")
        frac_places = sum(1 for ch in frac_pattern if ch in "0#?")
        frac_required = len(frac_pattern) - len(frac_pattern.lstrip("0"))
        rounded = _round(abs(number), frac_places)
        whole, _, frac = f"{rounded:f}".partition(".")
        frac = frac[:frac_places]
        while len(frac) > frac_required and frac.endswith("0"):
            frac = frac[:-1]
        min_int = int_pattern.count("0")
        if whole == "0" and min_int == 0:
            whole = ""
        whole = whole.zfill(min_int)
        if "," in int_pattern and whole:
            whole = _group(whole)
        body = f"{whole}.{frac}" if frac else whole
    return prefix + body + suffix


def general_decimal(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _render_date(value: dt.datetime | dt.date | dt.time, section: str) -> str:
    tokens = _tokens(section)
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1899, 12, 31), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    codes = "".join(t if k == "code" else "\x00" for k, t in tokens)
    has_ampm = bool(re.search(r"(?i)am/pm|a/p", codes))
    out: list[str] = []
    literal_iter = iter(t for k, t in tokens if k == "lit")
    parts = _DATE_CODES.split(codes)
    previous_code = ""
    for index, part in enumerate(parts):
        if index % 2 == 0:
            for ch in part:
                out.append(next(literal_iter, "") if ch == "\x00" else ch)
            continue
        low = part.lower()
        following = "".join(parts[index + 1 : index + 3]).lower()
        is_minute = low in ("m", "mm") and (previous_code in ("h", "hh") or following.lstrip(":").startswith("s"))
        if low in ("yyyy", "e"):
            out.append(f"{value.year:04d}")
        elif low == "yy":
            out.append(f"{value.year % 100:02d}")
        elif is_minute:
            out.append(f"{value.minute:02d}" if low == "mm" else str(value.minute))
        elif low == "m":
            out.append(str(value.month))
        elif low == "mm":
            out.append(f"{value.month:02d}")
        elif low == "mmm":
            out.append(value.strftime("%b"))
        elif low in ("mmmm", "mmmmm"):
            out.append(value.strftime("%B"))
        elif low == "d":
            out.append(str(value.day))
        elif low == "dd":
            out.append(f"{value.day:02d}")
        elif low == "ddd":
            out.append(value.strftime("%a"))
        elif low == "dddd":
            out.append(value.strftime("%A"))
        elif low in ("h", "hh"):
            hour = value.hour % 12 or 12 if has_ampm else value.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low in ("s", "ss"):
            out.append(f"{value.second:02d}" if low == "ss" else str(value.second))
        elif low in ("am/pm", "a/p"):
            am = value.hour < 12
            out.append(("AM" if am else "PM") if low == "am/pm" else ("A" if am else "P"))
        previous_code = low
    return "".join(out)


def format_number(number: float | int | Decimal, fmt: str | None) -> str:
    """The printed form of a number under an Excel number format (``None``/``General`` → :func:`general`)."""
    if isinstance(number, bool):
        return "TRUE" if number else "FALSE"
    if not fmt or fmt.lower() == "general":
        return general(number) if not isinstance(number, Decimal) else general_decimal(number)
    try:
        exact = (
            number
            if isinstance(number, Decimal)
            else Decimal(repr(number))
            if isinstance(number, float)
            else Decimal(number)
        )
    except InvalidOperation:
        return str(number)
    if not exact.is_finite():
        return str(number)
    sign = (exact > 0) - (exact < 0)
    section, own_sign = _choose(fmt, sign, False)
    if section.strip().lower() == "general":
        text = general(number) if not isinstance(number, Decimal) else general_decimal(number)
        return text.lstrip("-") if own_sign else text
    if _is_date_format(section):
        try:
            from datetime import timedelta

            moment = dt.datetime(1899, 12, 30) + timedelta(days=float(exact))
        except (OverflowError, ValueError):
            return general(float(exact))
        return _render_date(moment, section)
    body = _render_number(abs(exact), section)
    if sign < 0 and not own_sign:
        rounded_zero = not re.search(r"[1-9]", body)
        return body if rounded_zero else "-" + body
    return body


def format_value(value: object, fmt: str | None) -> str:
    """The printed text of any cell value: numbers and dates by their format, text as is, booleans in capitals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return format_number(value, fmt)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        section = _choose(fmt, 1, False)[0] if fmt and fmt.lower() != "general" else ""
        if section and _is_date_format(section):
            return _render_date(value, section)
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != dt.time() else value.strftime("%Y-%m-%d")
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        total = int(value.total_seconds())
        return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"
    text = str(value)
    if fmt and fmt.lower() != "general":
        section, _ = _choose(fmt, 1, True)
        if "@" in section:
            tokens = _tokens(section)
            return "".join(t if k == "lit" else (text if t == "@" else t) for k, t in tokens)
    return text
