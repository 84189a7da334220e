"""Test helpers: build Word documents with python-docx and convert files with LibreOffice headless."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert_all(sources: list[Path], to: str, out_dir: Path, *, timeout: float = 180) -> None:
    """Convert every file of ``sources`` with ONE LibreOffice start into ``out_dir`` (its own profile: parallel
    runs do not collide)."""
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(out_dir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )


def convert(source: Path, to: str, out_dir: Path) -> Path:
    """Convert ``source`` with LibreOffice into ``out_dir``; the path written."""
    convert_all([source], to, out_dir)
    target = out_dir / f"{source.stem}.{to.split(':')[0]}"
    if not target.exists():  # LibreOffice exits 0 even when it could not load the file
        raise RuntimeError(f"LibreOffice did not write {target}")
    return target


def set_cjk_font(document: Any, name: str = "宋体", size_pt: float = 10.5) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = document.styles["Normal"]
    style.font.size = Pt(size_pt)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def repeat_as_header(row: Any) -> None:
    """Mark a table row as a header row that Word and LibreOffice repeat on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def add_page_field(paragraph: Any, before: str, after: str) -> None:
    """Append ``before`` PAGE ``after`` (a page-number field) to a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run(before)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(after)
