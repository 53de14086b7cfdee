"""Settings come from the environment; production refuses unsafe defaults with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "HANSA_BASE_DOMAIN"}}
    base.update(env)
    base["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "platform")])
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='hansa.settings'; django.setup(); "
        "from django.conf import settings; print(settings.HANSA_BASE_HOST, settings.EMAIL_BACKEND)"
    )
    return subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=60)


def test_production_refuses_the_default_secret_key():
    result = load_settings(DEBUG="0", HANSA_BASE_DOMAIN="hansa.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_missing_base_domain():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "HANSA_BASE_DOMAIN must be set" in result.stderr


def test_production_starts_with_both_set_and_development_defaults_apply_with_debug():
    prod = load_settings(DEBUG="0", SECRET_KEY="x" * 50, HANSA_BASE_DOMAIN="hansa.example.com:443")
    assert prod.returncode == 0, prod.stderr
    assert prod.stdout.split()[0] == "hansa.example.com"
    assert prod.stdout.split()[1] == "django.core.mail.backends.filebased.EmailBackend"
    dev = load_settings(DEBUG="1")
    assert dev.returncode == 0, dev.stderr
    assert dev.stdout.split() == ["localhost", "django.core.mail.backends.console.EmailBackend"]


def test_email_url_selects_smtp():
    result = load_settings(DEBUG="1", EMAIL_URL="smtp://user:pw@mail.example.com:587/?tls=True")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "django.core.mail.backends.smtp.EmailBackend"


def load_settings_value(name: str, **env: str) -> str:
    """The repr-free str() of one setting, loaded in a fresh process with ``env`` (DEBUG on)."""
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", name}}
    base.update({"DEBUG": "1", **env})
    base["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "platform")])
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='hansa.settings'; django.setup(); "
        f"from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_mail_files_go_to_the_absolute_directory_named_not_under_the_working_directory(tmp_path):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "EMAIL_URL"}}
    base.update(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        HANSA_BASE_DOMAIN="hansa.example.com",
        HANSA_VAR_DIR=str(tmp_path / "var"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
    )
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='hansa.settings'; django.setup(); "
        "from django.conf import settings; print(settings.EMAIL_FILE_PATH)"
    )
    default = subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=60
    )
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == str(tmp_path / "var" / "mail")
    named = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "EMAIL_URL": f"file://{tmp_path / 'outbox'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert named.stdout.strip() == str(tmp_path / "outbox")
