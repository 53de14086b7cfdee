"""`hansa serve` as a real process: it serves with safe settings and refuses unsafe ones, starting nothing."""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import pytest

from hansa.healthcheck import probe

ROOT = Path(__file__).resolve().parents[3]

# `hansa serve` refuses the embedded development servers by design (hansa.E106/E108): the tests that start it
# against the test database need a real PostgreSQL and Redis (DATABASE_URL / REDIS_URL set, as on a server).
EMBEDDED_SERVERS = str(ROOT / "var") in unquote(
    os.environ.get("DATABASE_URL", "") + os.environ.get("REDIS_URL", "")
) or not os.environ.get("DATABASE_URL")
needs_real_servers = pytest.mark.skipif(
    EMBEDDED_SERVERS,
    reason="the test database runs on the embedded development servers, which `hansa serve` refuses (E106/E108)",
)
BASE_DOMAIN = "hansa.example.test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def processes_in_session(sid: int) -> list[str]:
    """The processes still in session ``sid`` (every child of a `start_new_session` process is in it)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp session ...; comm may hold spaces, so split after its ')'.
        fields = text.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid:
            found.append(text.split(")", 1)[0] + ")")
    return found


def database_url_of_the_test_run() -> str:
    from django.conf import settings

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + settings.DATABASES["default"]["NAME"]))


def production_environment(tmp_path: Path, port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "HANSA_DEMO", "HANSA_CELERY_EAGER", "HANSA_SCHEME", "HANSA_MEDIA_ROOT"}
        and not k.startswith(("PYTEST_", "HANSA_STATIC"))
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        HANSA_BASE_DOMAIN=BASE_DOMAIN,
        HANSA_ENCRYPTION_KEYS="k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        DATABASE_URL=database_url_of_the_test_run(),
        HANSA_VAR_DIR=str(tmp_path / "var"),
        HANSA_BIND=f"127.0.0.1:{port}",
        HANSA_CACHE_PREFIX=f"serve-test-{port}",
        EMAIL_URL="console:",
        WEB_CONCURRENCY="2",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
    )
    return env


def serve(role: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "hansa.cli", "serve", role],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


@needs_real_servers
def test_serve_web_answers_readyz_with_production_settings_and_stops_cleanly(tmp_path, django_db_setup):
    port = free_port()
    env = production_environment(tmp_path, port)
    log = tmp_path / "web.log"
    process = serve("web", env, log)
    try:
        deadline = time.monotonic() + 180
        ready, what = False, ""
        while not ready and time.monotonic() < deadline and process.poll() is None:
            ready, what = probe(f"http://127.0.0.1:{port}/readyz", host_header=BASE_DOMAIN, timeout=10)
            time.sleep(0.5)
        assert ready, f"{what}\n{log.read_text()[-4000:]}"

        # DEBUG is off and the production hardening is on: plain HTTP is redirected, probes are not.
        redirect = subprocess.run(
            [sys.executable, "-c", REDIRECT_PROBE, str(port), BASE_DOMAIN], capture_output=True, text=True
        )
        assert redirect.stdout.split() == ["301", f"https://{BASE_DOMAIN}/api/me/"], redirect.stderr

        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
    finally:
        stop(process)

    assert processes_in_session(process.pid) == []
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert sum("Booting worker" in line.get("message", "") for line in lines) == 2  # WEB_CONCURRENCY
    access = [line for line in lines if line.get("logger") == "gunicorn.access" and line["path"] == "/readyz"]
    assert access and access[-1]["status"] == 200 and access[-1]["host"] == BASE_DOMAIN
    assert len(access[-1]["request_id"]) == 32 and access[-1]["duration_ms"] >= 0
    assert any(line.get("message") == "Shutting down: Master" for line in lines)


@needs_real_servers
def test_serve_alone_migrates_then_supervises_web_worker_and_beat_until_sigterm(tmp_path, django_db_setup):
    port = free_port()
    env = production_environment(tmp_path, port)
    # Nothing to build: the warm pool of the test database is the suite's business.
    env.update(WEB_CONCURRENCY="1", HANSA_WORKER_CONCURRENCY="1", HANSA_POOL_SIZE="0")
    env["HANSA_STATIC_ROOT"] = str(tmp_path / "static")
    log = tmp_path / "all.log"
    process = serve("all", env, log)
    try:
        deadline = time.monotonic() + 240
        seen = ""
        while time.monotonic() < deadline and process.poll() is None:
            seen = log.read_text()
            ready, _ = probe(f"http://127.0.0.1:{port}/readyz", host_header=BASE_DOMAIN, timeout=10)
            if ready and '"celery@' in seen and "beat: Starting" in seen:
                break
            time.sleep(1)
        assert process.poll() is None, seen[-4000:]
        assert "migrations done" in seen and (tmp_path / "static").is_dir()
        assert '"celery@' in seen and "beat: Starting" in seen, seen[-4000:]

        process.send_signal(signal.SIGTERM)
        assert process.wait(90) == 0, log.read_text()[-4000:]
    finally:
        stop(process)

    assert processes_in_session(process.pid) == []
    output = log.read_text()
    assert "hansa serve: stopped" in output
    assert "demo" not in output.lower()  # never created, never mentioned: the test database has none


REDIRECT_PROBE = """
import http.client, sys
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
c.request("GET", "/api/me/", headers={"Host": sys.argv[2]})
r = c.getresponse()
print(r.status, r.getheader("Location"))
"""


def test_unsafe_settings_are_refused_with_every_problem_and_nothing_left_running(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "REDIS_URL", "HANSA_BASE_DOMAIN", "HANSA_ENCRYPTION_KEYS", "HANSA_VAR_DIR"}
    }
    env.update(DEBUG="1", SECRET_KEY="dev", PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]))
    log = tmp_path / "refused.log"
    process = serve("all", env, log)
    try:
        code = process.wait(120)
    finally:
        stop(process)
    output = log.read_text()

    assert code == 2, output
    assert "refusing to start: 7 problems in the environment" in output
    for expected in (
        "SECRET_KEY: is a known development value",
        "DEBUG: is on",
        "DATABASE_URL: is not set",
        "REDIS_URL: is not set",
        "HANSA_BASE_DOMAIN: is not set",
        "HANSA_ENCRYPTION_KEYS: is not set",
        "HANSA_VAR_DIR: ",
    ):
        assert expected in output
    assert processes_in_session(process.pid) == []


@needs_real_servers
def test_a_problem_only_the_settings_show_is_refused_too(tmp_path, django_db_setup):
    env = production_environment(tmp_path, free_port())
    env["HANSA_ENCRYPTION_KEYS"] = "k1:too-short"  # present (the environment check passes), but unusable
    log = tmp_path / "refused.log"
    process = serve("web", env, log)
    try:
        code = process.wait(120)
    finally:
        stop(process)
    output = log.read_text()

    assert code == 2, output
    assert "refusing to start: 1 problem in the settings (manage.py check --deploy):" in output
    assert "[kernel.E002]" in output
    assert processes_in_session(process.pid) == []


@needs_real_servers
def test_a_data_directory_that_cannot_be_created_is_refused(tmp_path, django_db_setup):
    env = production_environment(tmp_path, free_port())
    (tmp_path / "a-file").write_text("not a directory")
    env["HANSA_MEDIA_ROOT"] = str(tmp_path / "a-file" / "media")
    result = subprocess.run(
        [sys.executable, "-m", "hansa.cli", "serve", "web"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert f"HANSA_MEDIA_ROOT: {tmp_path / 'a-file' / 'media'} cannot be created" in result.stderr
    assert "[hansa.E120]" in result.stderr


@pytest.mark.parametrize("role", ["web", "worker", "beat", "migrate"])
def test_each_role_checks_before_it_starts(tmp_path, role):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DEBUG="0", PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]))
    result = subprocess.run(
        [sys.executable, "-m", "hansa.cli", "serve", role],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "SECRET_KEY: is not set" in result.stderr
