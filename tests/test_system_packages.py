"""``.ci/system-packages`` (run by ``make run`` and ``make test``): what it says without root, and as root how it
waits for another apt run's lock before installing. apt-get and id are stand-ins on a PATH of their own; the
tools looked up on PATH (soffice, pdftoppm, fc-list) are then absent."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "system-packages"


def _path_without_tools(tmp_path: Path, uid: int) -> Path:
    """A PATH with the shell utilities the script uses, a stand-in ``id`` printing ``uid``, and nothing else."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("sh", "grep", "cat", "rm", "mktemp", "sleep"):
        found = shutil.which(tool)
        assert found is not None
        (folder / tool).symlink_to(found)
    _script(folder / "id", f"echo {uid}")
    return folder


def _script(path: Path, body: str) -> None:
    path.write_text(f"#!{shutil.which('sh')}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    sh = shutil.which("sh")
    assert sh is not None
    env = {"PATH": str(folder), "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run([sh, str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=120)


def test_without_root_one_line_names_the_packages_to_install_and_the_command_goes_on(tmp_path: Path) -> None:
    done = _run(_path_without_tools(tmp_path, 1000))
    assert done.returncode == 0
    (line,) = done.stdout.strip().splitlines()
    assert line.startswith("jixiao: missing Debian packages") and "sudo apt-get install" in line
    assert "libreoffice-writer-nogui" in line and "poppler-utils" in line and "fonts-noto-cjk" in line


def test_check_fails_naming_what_is_missing(tmp_path: Path) -> None:
    done = _run(_path_without_tools(tmp_path, 0), "run", "--check")
    assert done.returncode == 1
    assert "libreoffice-writer-nogui" in done.stderr and "chromium" not in done.stderr  # make run needs no browser


def test_as_root_it_waits_for_the_apt_lock_then_installs(tmp_path: Path) -> None:
    folder = _path_without_tools(tmp_path, 0)
    log, held = tmp_path / "apt.log", tmp_path / "held"
    held.touch()
    # The first `update` finds the list lock held by another apt run (the message apt prints), later calls pass.
    _script(
        folder / "apt-get",
        f'echo "$@" >> {log}\n'
        f'case "$*" in *update*) if [ -e {held} ]; then rm {held}; '
        'echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 1 (apt-get)" >&2; exit 100; fi;; '
        "esac\nexit 0",
    )
    done = _run(folder)
    calls = log.read_text(encoding="utf-8").splitlines()
    assert [call.split()[-2:] for call in calls[:2]] == [["update", "-q"], ["update", "-q"]]
    assert "install" in calls[2] and "libreoffice-writer-nogui" in calls[2] and "--no-install-recommends" in calls[2]
    assert "holds the lock; waiting" in done.stderr
    assert "DPkg::Lock::Timeout=600" in calls[2]  # dpkg's own lock: apt-get waits for it itself
    # the stand-in installed nothing: the script says so and fails rather than pretend
    assert done.returncode == 1 and "still missing after apt-get install" in done.stderr


def test_another_apt_failure_ends_at_once(tmp_path: Path) -> None:
    folder = _path_without_tools(tmp_path, 0)
    log = tmp_path / "apt.log"
    _script(folder / "apt-get", f'echo "$@" >> {log}\necho "E: The repository is not signed." >&2\nexit 100')
    done = _run(folder)
    assert done.returncode == 1 and "not signed" in done.stderr
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1
