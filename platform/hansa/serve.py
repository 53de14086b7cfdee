"""`hansa serve`: Hansa in production on one host (docs/operations.md, "Running Hansa on one server").

    hansa serve            migrate, then web server + Celery worker + Celery beat, supervised (quick start)
    hansa serve migrate    shared and tenant migrations, static files, warm pool; then exit (upgrades)
    hansa serve web        gunicorn (the process becomes gunicorn: systemd and Docker see it directly)
    hansa serve worker     the Celery worker
    hansa serve beat       Celery beat

Unlike `hansa run`: never demo data, never an embedded PostgreSQL or Redis, DEBUG off, JSON logs. Before
anything starts, every role checks the environment (:func:`hansa.production.environment_problems`) and
then Django's system checks including the deployment ones (:func:`hansa.production.settings_problems`,
the key ring, Django's own); on any error it prints every problem and exits with status 2, having started
nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from hansa.production import CHECKOUT, Problem, cpu_count, environment_problems

ROLES = ("all", "migrate", "web", "worker", "beat")
REFUSED = 2
# What `hansa serve` sets whatever the environment says.
FORCED_ENVIRONMENT = {"HANSA_JSON_LOGS": "1", "DJANGO_SETTINGS_MODULE": "hansa.settings"}


def _say(message: str) -> None:
    print(f"hansa serve: {message}", file=sys.stderr, flush=True)


def report(problems: Sequence[Problem | str], *, what: str) -> None:
    errors = [p for p in problems if not isinstance(p, Problem) or p.is_error]
    warnings = [p for p in problems if isinstance(p, Problem) and not p.is_error]
    for warning in warnings:
        _say(f"warning: {warning}")
    if errors:
        _say(f"refusing to start: {len(errors)} problem{'s' if len(errors) != 1 else ''} in {what}:")
        for error in errors:
            print(f"  - {error}", file=sys.stderr, flush=True)


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(CHECKOUT), str(CHECKOUT / "platform")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.update(FORCED_ENVIRONMENT)
    return env


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def web_command() -> list[str]:
    return [_bin("gunicorn"), "hansa.wsgi:application", "--config", "python:hansa.gunicorn_conf"]


def worker_command() -> list[str]:
    concurrency = os.environ.get("HANSA_WORKER_CONCURRENCY") or str(cpu_count())
    return [
        _bin("celery"),
        "-A",
        "hansa",
        "--quiet",  # no text banner among the JSON lines
        "worker",
        "--loglevel",
        "INFO",
        "--concurrency",
        concurrency,
        # One host, one worker: no need for the cluster chatter.
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
    ]


def beat_command(schedule: str) -> list[str]:
    return [_bin("celery"), "-A", "hansa", "--quiet", "beat", "--loglevel", "INFO", "--schedule", schedule]


def _setup_checked() -> bool:
    """Check the environment, set Django up, run the system checks with the deployment ones.

    Returns False (after printing every problem) when serving must not start.
    """
    os.environ.update(FORCED_ENVIRONMENT)
    problems = environment_problems(os.environ)
    report(problems, what="the environment")
    if any(p.is_error for p in problems):
        return False
    for path in (str(CHECKOUT / "platform"), str(CHECKOUT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django
    from django.core import checks

    django.setup()
    messages = [m for m in checks.run_checks(include_deployment_checks=True) if not m.is_silenced()]
    errors = [f"{m.msg} [{m.id}]" for m in messages if m.level >= checks.ERROR]
    for warning in (m for m in messages if m.level < checks.ERROR and m.level >= checks.WARNING):
        _say(f"warning: {warning.msg} [{warning.id}]")
    errors += _unwritable_directories()
    report(errors, what="the settings (manage.py check --deploy)")
    return not errors


def _unwritable_directories() -> list[str]:
    """Create the state, upload and static directories if missing; name those this user cannot write."""
    from django.conf import settings

    problems = []
    for name, path in (
        ("HANSA_VAR_DIR", Path(settings.VAR_DIR)),
        ("HANSA_MEDIA_ROOT", Path(settings.MEDIA_ROOT)),
        ("HANSA_STATIC_ROOT", Path(settings.STATIC_ROOT)),
    ):
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problems.append(f"{name}: {path} cannot be created ({exc.strerror}) [hansa.E120]")
            continue
        if not os.access(path, os.W_OK | os.X_OK):
            problems.append(f"{name}: {path} is not writable by this user (uid {os.getuid()}) [hansa.E120]")
    return problems


def _warn_without_web_app() -> None:
    from django.conf import settings

    if not (Path(settings.FRONTEND_DIST) / "index.html").exists():
        _say(
            f"warning: the web app is not built ({settings.FRONTEND_DIST} has no index.html): pages answer "
            "503 until `npm --prefix frontend ci && npm --prefix frontend run build` (the API works)"
        )


def migrate() -> int:
    """Migrate the shared and every tenant schema, collect static files, fill the warm pool.

    Refuses (status 2) while an operator uses the published demo TOTP secret; warns when demo companies
    (published passwords) are present. Never creates demo data.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    from hansa import demo
    from hansa.cli import _migrate
    from identity.published_secrets import refuse_published_secrets
    from tenants.services import pool_refill

    _say("migrating the shared and tenant schemas ...")
    _migrate()
    _say(f"collecting static files into {settings.STATIC_ROOT} ...")
    call_command("collectstatic", interactive=False, verbosity=0)
    try:
        refuse_published_secrets()
    except ImproperlyConfigured as exc:
        report([str(exc)], what="the data")
        return REFUSED
    if demo.demo_present():
        _say(
            "warning: the demo companies are present and their passwords are published; "
            "delete them before opening this server to anyone"
        )
    added = pool_refill(target=settings.HANSA_POOL_SIZE)
    _say(f"migrations done; warm pool topped up by {added}")
    return 0


def _exec(command: list[str]) -> int:
    from django.db import connections

    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, child_environment())  # noqa: S606 - our own venv's gunicorn/celery
    return 1  # not reached


def supervise() -> int:
    """Run web server, worker and beat as children until one exits or a SIGINT/SIGTERM arrives."""
    from django.conf import settings
    from django.db import connections

    stopping = False
    failed = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    connections.close_all()
    named = {
        "web server": web_command(),
        "celery worker": worker_command(),
        "celery beat": beat_command(settings.CELERY_BEAT_SCHEDULE_FILENAME),
    }
    env = child_environment()
    children = {
        name: subprocess.Popen(command, env=env, cwd=CHECKOUT)  # noqa: S603
        for name, command in named.items()
    }
    _say(
        f"serving https://{settings.HANSA_BASE_DOMAIN} (web server on {os.environ.get('HANSA_BIND') or '127.0.0.1:8000'})"
    )
    try:
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    _say(f"{name} exited with {child.returncode}; stopping")
                    stopping = failed = True
            time.sleep(0.5)
    finally:
        _say("stopping ...")
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(40)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        _say("stopped")
    return 1 if failed else 0


def serve(role: str) -> int:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if not _setup_checked():
        return REFUSED
    from django.conf import settings

    if role == "migrate":
        return migrate()
    if role in ("web", "all"):
        _warn_without_web_app()
    if role == "web":
        return _exec(web_command())
    if role == "worker":
        return _exec(worker_command())
    if role == "beat":
        return _exec(beat_command(settings.CELERY_BEAT_SCHEDULE_FILENAME))
    code = migrate()
    return code if code else supervise()
