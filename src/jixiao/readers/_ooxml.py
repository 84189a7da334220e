"""Hostile-input checks for the XML parts of an Office Open XML package, before any parser sees them.

Word and Excel never write a document type declaration: an XML part that carries one is either broken or
an attack (billion laughs, an external entity pointing at ``/etc/passwd``). Every ``.xml`` / ``.rels`` part
is therefore scanned up to its root element and refused when its prolog declares a DTD. Only the prolog is
read, so the check costs a few bytes per part whatever the part's size.
"""

from __future__ import annotations

import codecs
import re
import zipfile

from jixiao.errors import LimitExceeded, ReadError

__all__ = ["refuse_doctypes"]

_FIRST_READ = 512
_CHUNK = 16 * 1024
_MAX_PROLOG = 1024 * 1024  # a prolog of comments and processing instructions longer than this is hostile
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def refuse_doctypes(archive: zipfile.ZipFile, name: str) -> None:
    """Raise ReadError when any XML part of the package declares a DTD (entities, external references)."""
    for info in archive.infolist():
        if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels")):
            continue
        try:
            prolog = _prolog(archive, info)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise ReadError(f"damaged zip member ({exc})", path=name, place=info.filename) from exc
        if prolog is None:
            raise LimitExceeded(
                f"the XML prolog is longer than {_MAX_PROLOG:,} bytes before the root element",
                path=name,
                place=info.filename,
            )
        if prolog.startswith("<!"):
            raise ReadError(
                "the XML declares a DTD (<!DOCTYPE …>), which Office never writes: refused as possibly hostile "
                "(entity expansion or external entities)",
                path=name,
                place=info.filename,
            )


def _prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """The part's text from the first markup that is not white space, a comment or a processing instruction.

    Returns an empty string for a part that holds only a prolog, None when the prolog is too long.
    """
    with archive.open(info) as stream:
        # the XML declaration and the root element's start fit in this much: most parts need no further
        # read (for speed: a first read of a whole chunk decompressed and decoded 16 KB of every part)
        head = stream.read(_FIRST_READ)
        encoding = "utf-16" if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8"
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        text = decoder.decode(head)
        consumed = len(head)
        while True:
            text = _skip_prolog_items(text)
            # Deciding needs enough of the next construct to tell "<!--" and "<?" from "<!DOCTYPE".
            if len(text) >= 9 and not (text.startswith("<?") or text.startswith("<!--") or text[0].isspace()):
                return text
            if consumed > _MAX_PROLOG:
                return None
            chunk = stream.read(_CHUNK)
            if not chunk:
                return text
            consumed += len(chunk)
            text += decoder.decode(chunk)


def _skip_prolog_items(text: str) -> str:
    text = text.lstrip("\ufeff")
    position = 0
    while True:
        match = _PROLOG_ITEM.match(text, position)
        if not match or match.end() == position:
            return text[position:]
        position = match.end()
