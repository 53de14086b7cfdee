"""`hansa test`: every check the project has, in one command, as CI runs it.

Starts an embedded PostgreSQL and Redis under var/test/ unless DATABASE_URL / REDIS_URL are set, then
runs, in order: ruff, mypy, the migrations check, the OpenAPI documents (valid, and committed copies up to
date), the frontend checks (types generated from the OpenAPI documents up to date, typecheck, lint, unit
tests, production build with its size budget), and pytest in parallel (browser tests included). Every
step runs even after a failure; the exit status is non-zero if any failed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


def _step(name: str, command: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[str, int, float]:
    print(f"\n==> {name}: {' '.join(command)}", flush=True)
    started = time.monotonic()
    code = subprocess.call(command, cwd=cwd, env=env)  # noqa: S603
    elapsed = time.monotonic() - started
    print(f"<== {name}: {'ok' if code == 0 else f'FAILED ({code})'} in {elapsed:.1f}s", flush=True)
    return name, code, elapsed


def run_tests(root: Path, pytest_args: list[str]) -> int:
    from hansa.embedded import EmbeddedServices

    var_dir = root / "var" / "test"
    services = EmbeddedServices(var_dir, database="hansa")
    started = services.ensure_environment()
    if started:
        print(f"hansa test: embedded {' and '.join(started)} under {var_dir}", flush=True)
    env = dict(os.environ)
    env.update(
        DEBUG="1",
        SECRET_KEY=env.get("SECRET_KEY") or "test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        HANSA_CACHE_PREFIX=f"test-{uuid.uuid4().hex[:8]}",
        HANSA_SIGNUP_RATE="100000/hour",
        HANSA_VAR_DIR=str(var_dir),
        PYTHONPATH=os.pathsep.join([str(root), str(root / "platform")]),
        DJANGO_SETTINGS_MODULE="hansa.settings",
    )
    bindir = Path(sys.executable).parent
    py = str(bindir / "python")
    results = []
    only_pytest = bool(pytest_args)
    try:
        if not only_pytest:
            results.append(_step("ruff", [str(bindir / "ruff"), "check", "."], cwd=root, env=env))
            results.append(
                _step("mypy", [str(bindir / "mypy"), "platform", "tenants", "marketplace"], cwd=root, env=env)
            )
            results.append(
                _step(
                    "migrations",
                    [py, "manage.py", "makemigrations", "--check", "--dry-run"],
                    cwd=root,
                    env=env,
                )
            )
            results.append(_step("openapi", [py, "-m", "hansa.openapi_check"], cwd=root, env=env))
            frontend = root / "frontend"
            if (frontend / "package.json").exists():
                npm = shutil.which("npm") or "npm"
                for script in ("check:api", "typecheck", "lint", "test", "build"):
                    results.append(_step(f"frontend {script}", [npm, "run", script], cwd=frontend, env=env))
        with tempfile.TemporaryDirectory() as tmp:
            junit = Path(tmp) / "junit.xml"
            args = pytest_args or ["-n", os.environ.get("HANSA_TEST_WORKERS", "2"), "--dist", "loadgroup"]
            results.append(
                _step("pytest", [py, "-m", "pytest", *args, f"--junitxml={junit}"], cwd=root, env=env)
            )
    finally:
        services.stop()
    print("\nSummary:")
    for name, code, elapsed in results:
        print(f"  {'ok  ' if code == 0 else 'FAIL'}  {name:<22} {elapsed:7.1f}s")
    failed = [name for name, code, _ in results if code != 0]
    if failed:
        print(f"hansa test: FAILED: {', '.join(failed)}")
        return 1
    print("hansa test: all checks passed")
    return 0
