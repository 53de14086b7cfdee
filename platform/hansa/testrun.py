"""`hansa test`: every check the project has, in one command, as CI runs it.

Starts an embedded PostgreSQL and Redis under var/test/ unless DATABASE_URL / REDIS_URL are set, then
runs, in order: ruff, mypy, the migrations check, the OpenAPI documents (valid, and committed copies up to
date), the Terraform checks (checkov with no failed check, every .tf file parsed by python-hcl2; both in
tool environments of their own under var/tools/, see :func:`tool_venv`), the frontend checks (types generated from the OpenAPI documents up to date, typecheck, lint, unit
tests, production build with its size budget), and pytest in parallel (browser tests included). Every
step runs even after a failure; the exit status is non-zero if any failed.
"""

from __future__ import annotations

import hashlib
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


# The Terraform checks' tools, each in a virtualenv of its own under var/tools/ (never the app's .venv or
# constraints.txt): checkov brings its own fork of python-hcl2 (bc-python-hcl2) that installs the same
# `hcl2` module, so the two cannot share an environment. Every version is pinned in the lock file named.
INFRA_TOOLS = {
    "checkov": "infra/tools/checkov.txt",
    "hcl2": "infra/tools/hcl2.txt",
}


def tools_dir(root: Path) -> Path:
    """Where the tool environments live: var/tools/, or HANSA_TOOLS_DIR (CI keeps them across clones)."""
    configured = os.environ.get("HANSA_TOOLS_DIR", "").strip()
    return Path(configured).expanduser() if configured else root / "var" / "tools"


def tool_venv(root: Path, name: str, lock: Path) -> Path:
    """The bin directory of <tools dir>/<name>-venv with exactly the pins of ``lock`` installed.

    Reused as it is while its stamp (the lock file's and the interpreter's digest) matches; otherwise
    rebuilt from scratch, so a changed pin never leaves an old package behind.

    Raises:
        subprocess.CalledProcessError: creating the environment or installing into it failed.
    """
    venv = tools_dir(root) / f"{name}-venv"
    bindir = venv / "bin"
    stamp = venv / ".hansa-stamp"
    want = hashlib.sha256(lock.read_bytes() + sys.version.encode()).hexdigest()
    if (bindir / "python").exists() and stamp.exists() and stamp.read_text().strip() == want:
        print(f"    {name}: {venv} is up to date", flush=True)
        return bindir
    print(f"    {name}: installing {lock.relative_to(root)} into {venv} ...", flush=True)
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", "--clear", str(venv)], check=True)  # noqa: S603
    pip = [str(bindir / "python"), "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "-r", str(lock)], check=True)  # noqa: S603
    stamp.write_text(want + "\n")
    return bindir


def _infra_steps(root: Path, env: dict[str, str]) -> list[tuple[str, int, float]]:
    """checkov over infra/terraform (any failed check fails), then the HCL parse of every .tf file."""
    where = tools_dir(root)
    print("\n==> infra tools: " + ", ".join(str(where / f"{name}-venv") for name in INFRA_TOOLS), flush=True)
    started = time.monotonic()
    try:
        bins = {name: tool_venv(root, name, root / lock) for name, lock in INFRA_TOOLS.items()}
    except subprocess.CalledProcessError as exc:
        elapsed = time.monotonic() - started
        print(f"<== infra tools: FAILED ({exc.returncode}) in {elapsed:.1f}s", flush=True)
        return [("infra tools", exc.returncode or 1, elapsed)]
    elapsed = time.monotonic() - started
    print(f"<== infra tools: ok in {elapsed:.1f}s", flush=True)
    results = [("infra tools", 0, elapsed)]
    # --skip-download: offline (no Prisma Cloud guidelines or severities; every checkov policy still runs).
    checkov = [
        str(bins["checkov"] / "checkov"),
        "-d",
        "infra/terraform",
        "--quiet",
        "--compact",
        "--skip-download",
    ]
    results.append(_step("terraform checkov", checkov, cwd=root, env=env))
    parse = [str(bins["hcl2"] / "python"), "infra/hcl_check.py", "infra/terraform"]
    results.append(_step("terraform hcl parse", parse, cwd=root, env=env))
    return results


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
            if (root / "infra" / "terraform").is_dir():
                results.extend(_infra_steps(root, env))
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
