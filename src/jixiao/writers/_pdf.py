"""PDF output: LibreOffice headless converts the Word output, many documents in one call.

Each call gets its own LibreOffice profile directory (concurrent calls sharing one silently lose work),
a time limit after which the whole process group is killed, and a check that every PDF exists (LibreOffice
exits 0 when it fails). A fresh profile costs LibreOffice one to two seconds to set up, so the first
successful call keeps a copy of its profile in the user's cache (``~/.cache/jixiao/``, one per LibreOffice
installation) and later calls start from a copy of it: still one private profile per call. Fonts: a generated ``fonts.conf`` loads the system configuration plus the
package's ``fonts/65-jixiao-cn-aliases.conf`` through ``FONTCONFIG_FILE``, so that 宋体/仿宋/黑体 render
with Noto Serif/Sans CJK **SC** and not with Japanese glyphs, without any system install step.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from jixiao._atomic import replace_atomic
from jixiao.errors import WriteError

__all__ = ["ALIASES_FILE", "DEFAULT_TIMEOUT", "convert_to_pdf", "find_soffice"]

ALIASES_FILE = Path(__file__).parent / "fonts" / "65-jixiao-cn-aliases.conf"
DEFAULT_TIMEOUT = 180.0

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <include ignore_missing="no">{aliases}</include>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH (``soffice`` or ``libreoffice``), or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def _user_cache() -> str:
    return str(_cache_root() / "fontconfig")


def _profile_template(soffice: str) -> Path:
    """Where the initialised profile of this LibreOffice installation is kept (keyed by its path and date)."""
    real = Path(soffice).resolve()
    try:
        stamp = int(real.stat().st_mtime)
    except OSError:
        stamp = 0
    key = hashlib.sha1(f"{real}:{stamp}".encode()).hexdigest()[:12]
    return _cache_root() / "jixiao" / f"lo-profile-{key}"


def _seed_profile(template: Path, profile: Path) -> None:
    if template.is_dir():
        with contextlib.suppress(OSError, shutil.Error):
            shutil.copytree(template, profile, symlinks=True)


def _keep_profile(profile: Path, template: Path) -> None:
    """Best effort: publish this call's profile as the template (atomically; the first one wins)."""
    if template.exists() or not profile.is_dir():
        return
    with contextlib.suppress(OSError, shutil.Error):
        template.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".lo-profile-", dir=template.parent))
        try:
            shutil.copytree(profile, staging / "p", symlinks=True)
            os.rename(staging / "p", template)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def convert_to_pdf(sources: Sequence[Path], targets: Sequence[Path], *, timeout: float = DEFAULT_TIMEOUT) -> list[Path]:
    """Convert the .docx ``sources`` into the PDF ``targets`` with one LibreOffice start.

    Every target is written atomically; on any failure none is left half-written and ``WriteError``
    names the file that could not be made.
    """
    if len(sources) != len(targets):
        raise ValueError("sources and targets differ in length")
    if not sources:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise WriteError("LibreOffice (soffice) is not installed; PDF output needs it", path=str(targets[0]))
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as work:
        root = Path(work)
        profile, inbox, outbox = root / "profile", root / "in", root / "out"
        inbox.mkdir()
        outbox.mkdir()
        staged: list[Path] = []
        for i, source in enumerate(sources):
            name = inbox / f"d{i:05d}.docx"  # unique names: two targets may share a stem
            shutil.copyfile(source, name)
            staged.append(name)
        fonts_conf = root / "fonts.conf"
        fonts_conf.write_text(_FONTS_CONF.format(aliases=ALIASES_FILE, cache=_user_cache()), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf), HOME=str(root), SAL_USE_VCLPLUGIN="svp")
        template = _profile_template(soffice)
        _seed_profile(template, profile)
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outbox),
            *map(str, staged),
        ]
        _run(command, env=env, timeout=timeout, what=str(targets[0]))
        _keep_profile(profile, template)
        written: list[Path] = []
        for name, target in zip(staged, targets, strict=True):
            pdf = outbox / (name.stem + ".pdf")
            if not pdf.is_file() or pdf.stat().st_size == 0:
                raise WriteError("LibreOffice produced no PDF", path=str(target))
            written.append(replace_atomic(pdf, Path(target)))
        return written


def _run(command: list[str], *, env: dict[str, str], timeout: float, what: str) -> None:
    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, so that a timeout kills oosplash and soffice.bin
    )
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise WriteError(f"LibreOffice did not finish within {timeout:g} s", path=what) from None
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise WriteError(f"LibreOffice failed (exit {proc.returncode}): {tail[0]}", path=what)
