"""Read a Word 97-2003 .doc document: LibreOffice headless converts it to .docx, then the .docx reader runs.

LibreOffice is the one tool measured to keep every table cell of a .doc (antiword drops cells, catdoc loses
their boundaries; see docs in ``shared/domain/stack.md``). Three of its habits shape this module:

- Parallel conversions sharing a user profile silently lose work, so every call gets its own profile
  directory (``-env:UserInstallation``) inside its own temporary directory.
- It exits 0 when it cannot load the input, so success is judged by the converted file existing; and left
  to guess the format it imports unreadable bytes as plain text, so only Word's import filters are allowed.
- A hostile or broken file can keep it busy: the conversion runs in its own process group, which is killed
  when ``limits.max_seconds`` is up.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.errors import LimitExceeded, ReadError
from jixiao.grid import SourceDocument
from jixiao.readers._guards import OLE2_MAGIC, check_size
from jixiao.readers.docx import read_docx_blocks

if TYPE_CHECKING:
    from jixiao.readers.limits import Limits

__all__ = ["convert_doc_to_docx", "find_soffice", "read_doc"]

_SOFFICE_NAMES = ("soffice", "libreoffice")
# Only Word's own import filters: left to guess, LibreOffice opens any bytes as plain text and "converts" them.
_IMPORT_FILTERS = ("MS Word 97", "MS Word 95")
_INSTALL_HINT = (
    "reading .doc files needs LibreOffice: install the Debian package libreoffice-writer-nogui "
    "(apt-get install --no-install-recommends libreoffice-writer-nogui), or save the file as .docx"
)


def read_doc(data: bytes, name: str, limits: Limits) -> SourceDocument:
    """A .doc file as paragraphs and grids, read through a LibreOffice conversion to .docx."""
    check_size(data, name, limits)
    if not data.startswith(OLE2_MAGIC):
        raise ReadError("not a Word 97-2003 document (no OLE2 compound file header)", path=name)
    converted = convert_doc_to_docx(data, name, timeout=limits.max_seconds)
    return SourceDocument(name=name, format="doc", blocks=read_docx_blocks(converted, name, limits))


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    for candidate in _SOFFICE_NAMES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def convert_doc_to_docx(data: bytes, name: str, *, timeout: float) -> bytes:
    """The .docx bytes LibreOffice makes of a .doc, in a private directory with a private profile."""
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(_INSTALL_HINT, path=name)
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="jixiao-doc-") as workdir:
        work = Path(workdir)
        source = work / "input.doc"  # a fixed name: the user's file name never reaches a command line
        source.write_bytes(data)
        said: list[str] = []
        for attempt, import_filter in enumerate(_IMPORT_FILTERS):
            outdir = work / f"out{attempt}"
            command = [
                soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                f"--infilter={import_filter}",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(outdir),
                str(source),
            ]
            stderr = _run(command, name, deadline - time.monotonic(), timeout)
            # "failed to launch javaldx" is printed on every run without Java: noise, not the reason
            said.extend(line.strip() for line in stderr.splitlines() if line.strip() and "javaldx" not in line)
            target = outdir / "input.docx"
            if target.is_file() and target.stat().st_size > 0:
                return target.read_bytes()
        detail = f" (LibreOffice said: {'; '.join(dict.fromkeys(said))[:300]})" if said else ""
        raise ReadError(
            f"LibreOffice could not open the .doc file: damaged, password-protected or not a Word document{detail}",
            path=name,
        )


def _run(command: list[str], name: str, remaining: float, timeout: float) -> str:
    """Run LibreOffice in its own process group; kill the whole group when the time is up."""
    if remaining <= 0:
        raise LimitExceeded(
            f"converting the .doc with LibreOffice took longer than the limit of {timeout:g} s", path=name
        )
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # soffice starts soffice.bin: one group to kill
        )
    except OSError as exc:
        raise ReadError(f"LibreOffice could not be started ({exc}); {_INSTALL_HINT}", path=name) from exc
    try:
        _, stderr = process.communicate(timeout=remaining)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise LimitExceeded(
            f"converting the .doc with LibreOffice took longer than the limit of {timeout:g} s", path=name
        ) from exc
    except BaseException:  # KeyboardInterrupt in a batch: leave no LibreOffice behind
        _kill_group(process)
        raise
    return stderr.decode("utf-8", errors="replace")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group may be gone already
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
