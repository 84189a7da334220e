"""Production settings: ``check --deploy`` is clean with the README's environment, and ``serve`` guards its bind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JIXIAO = Path(sys.executable).with_name("jixiao")


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="jixiao.web.settings", JIXIAO_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def test_check_deploy_gives_no_warning_with_the_documented_production_settings(tmp_path: Path) -> None:
    env = clean_env(
        tmp_path,
        SECRET_KEY="k3Yx-" + "9fQ2pL7vR1sT8wZ4nB6mC0dE5gH3jK" * 2,
        ALLOWED_HOSTS="jixiao.example.gov.cn",
        JIXIAO_HTTPS="1",
        JIXIAO_PROXY_SSL_HEADER="1",
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_https_settings_check_deploy_warns(tmp_path: Path) -> None:
    env = clean_env(tmp_path, SECRET_KEY="k3Yx-" + "9fQ2pL7vR1sT8wZ4nB6mC0dE5gH3jK" * 2)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0 and "SECURE_SSL_REDIRECT" in result.stderr + result.stdout


def test_serve_refuses_to_listen_beyond_the_loopback_with_the_development_key(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(JIXIAO), "serve", "--bind", "0.0.0.0:8765"],
        env=clean_env(tmp_path, JIXIAO_INSECURE_DEV_KEY="1"), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "development secret" in " ".join(result.stdout.split())
    assert (tmp_path / "data" / "secret_key").exists()  # the key was generated into the data directory


def test_serve_without_any_key_says_how_to_get_one(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(JIXIAO), "serve", "--bind", "127.0.0.1:8765"], env=clean_env(tmp_path), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and "SECRET_KEY is not set" in " ".join(result.stdout.split())
