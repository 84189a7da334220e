"""Suite-wide settings: shared paths, the Hypothesis profile, the system-tool markers, and no skipped test
under CI.

Two markers stand for the Debian tools a test needs (``make test`` installs them when run as root, see
``.ci/system-packages``): ``libreoffice`` (soffice: .doc/.xls conversion, PDF export, and the poppler and
Noto CJK fonts the PDF checks use) and ``browser`` (/usr/bin/chromium). A marked test skips, naming the package
to install, when its tool is missing; with ``CI=true`` such a skip is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"
FIXTURES = DATA / "fixtures"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def _missing_tools() -> dict[str, str]:
    """Marker name -> why its tests cannot run here (the Debian packages to install); absent when they can."""
    missing: dict[str, str] = {}
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        missing["libreoffice"] = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui " \
            "libreoffice-calc-nogui; make test does it as root)"  # fmt: skip
    if not os.access(CHROMIUM, os.X_OK):
        missing["browser"] = f"{CHROMIUM} is not installed (apt-get install chromium; make test does it as root)"
    return missing


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip each test marked for a missing tool, with the reason once per marker."""
    missing = _missing_tools()
    for item in items:
        for marker, reason in missing.items():
            if item.get_closest_marker(marker) is not None:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, None, None]:
    """With CI=true a skipped test fails: every capability must be exercised in CI."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which is not allowed: {report.longrepr}"
