"""Is this configuration safe to serve the public with? The refusal list of ``hansa serve``.

Two views of one question, both returning every problem rather than the first:

- :func:`environment_problems` reads the environment only (no Django), so ``hansa serve`` can list every
  unsafe or missing variable before ``settings.py`` would stop at the first one it refuses.
- :func:`settings_problems` reads the effective settings (cookies, HSTS, redirects, storage roots...),
  which no variable sets directly. It is registered as a Django system check with the ``deploy`` tag, so
  ``manage.py check --deploy`` reports the same problems, and ``hansa serve`` refuses on any of them.

A problem of level ``error`` refuses the start; a ``warning`` is printed and the start goes on. Each has a
stable id (``hansa.E1xx`` / ``hansa.W1xx``) that docs/operations.md lists.

This module imports nothing from Django at module level: ``environment_problems`` runs before settings.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHECKOUT = Path(__file__).resolve().parents[2]

MIN_SECRET_KEY_LENGTH = 50  # what Django's own deploy check (security.W009) asks for
MIN_SECRET_KEY_DISTINCT = 5
# Values published somewhere (settings.py, the test runner, the worktree scripts, Django's template) or
# typed by hand for a try-out: whatever their length, they protect nothing.
KNOWN_DEVELOPMENT_SECRET_KEYS = frozenset(
    {"hansa-development-only-secret-key-change-me", "dev", "test", "secret", "changeme", "change-me"}
)
DEVELOPMENT_SECRET_KEY_PREFIXES = ("django-insecure-", "hansa-development", "test-")
MIN_HSTS_SECONDS = 180 * 24 * 60 * 60
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
REDIS_SCHEMES = {"redis", "rediss", "unix"}
TRUE_VALUES = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Problem:
    """One reason not to serve: ``subject`` is the variable or setting to change."""

    id: str
    subject: str
    message: str
    level: str = "error"  # "error" refuses the start, "warning" does not

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def __str__(self) -> str:
        return f"{self.subject}: {self.message} [{self.id}]"


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in TRUE_VALUES


def inside(path: Path, root: Path) -> bool:
    """True when ``path`` is ``root`` or lies under it (symbolic links resolved)."""
    resolved = path.resolve()
    root = root.resolve()
    return resolved == root or root in resolved.parents


def storage_roots(environ: Mapping[str, str], *, checkout: Path = CHECKOUT) -> dict[str, Path]:
    """Where state, uploads and collected static files go, as settings.py computes them.

    ``HANSA_VAR_DIR`` (default ``<checkout>/var``) holds Celery beat's schedule and, without ``EMAIL_URL``,
    the outgoing mail; ``HANSA_MEDIA_ROOT`` (default ``<var>/media``) the uploads;
    ``HANSA_STATIC_ROOT`` (default ``<var>/static``) what ``collectstatic`` gathers.
    """
    var = Path(environ.get("HANSA_VAR_DIR") or checkout / "var")
    return {
        "HANSA_VAR_DIR": var,
        "HANSA_MEDIA_ROOT": Path(environ.get("HANSA_MEDIA_ROOT") or var / "media"),
        "HANSA_STATIC_ROOT": Path(environ.get("HANSA_STATIC_ROOT") or var / "static"),
    }


def secret_key_problems(value: str, *, subject: str = "SECRET_KEY") -> list[Problem]:
    if not value:
        return [Problem("hansa.E101", subject, "is not set; use at least 50 random characters")]
    if value in KNOWN_DEVELOPMENT_SECRET_KEYS or value.startswith(DEVELOPMENT_SECRET_KEY_PREFIXES):
        return [Problem("hansa.E102", subject, "is a known development value; generate a new one")]
    if len(value) < MIN_SECRET_KEY_LENGTH or len(set(value)) < MIN_SECRET_KEY_DISTINCT:
        return [
            Problem(
                "hansa.E103",
                subject,
                f"is too weak ({len(value)} characters, {len(set(value))} distinct); use at least "
                f"{MIN_SECRET_KEY_LENGTH} random characters, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`",
            )
        ]
    return []


def base_domain_problems(value: str, *, subject: str = "HANSA_BASE_DOMAIN") -> list[Problem]:
    if not value:
        return [Problem("hansa.E109", subject, "is not set; the public host name, e.g. hansa.example.com")]
    if "/" in value or "://" in value:
        return [Problem("hansa.E110", subject, f"{value!r} must be a host name (no scheme, no path)")]
    if value.startswith("["):
        return [Problem("hansa.E110", subject, f"{value!r} is an IP address, not a host name")]
    host = value.rsplit(":", 1)[0].lower() if ":" in value else value.lower()
    if host == "localhost" or host.endswith(".localhost") or "." not in host:
        return [Problem("hansa.E110", subject, f"{value!r} is not a public host name")]
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return []
    return [
        Problem(
            "hansa.E110",
            subject,
            f"{value!r} is an IP address; companies live on <slug>.<base domain>, which needs a DNS name",
        )
    ]


def _socket_problem(url: str, *, checkout: Path, subject: str, what: str) -> Problem | None:
    """An embedded server listens on a unix socket under the checkout's var/: refuse it in production."""
    parts = urlsplit(url)
    # Not parts.hostname: it lowercases, and a socket directory's path may not be lower case.
    host = re.sub(r":\d+$", "", parts.netloc.rpartition("@")[2])
    candidates = [unquote(host), unquote(parts.path or "")]
    if parts.scheme == "unix" or any(c.startswith("/") for c in candidates):
        for candidate in candidates:
            if candidate.startswith("/") and inside(Path(candidate), checkout):
                return Problem(
                    "hansa.E106" if what == "PostgreSQL" else "hansa.E108",
                    subject,
                    f"points at a socket inside the checkout ({candidate}): the embedded {what} is for "
                    "development only",
                )
    return None


def database_url_problems(url: str, *, checkout: Path) -> list[Problem]:
    subject = "DATABASE_URL"
    if not url:
        return [
            Problem(
                "hansa.E105",
                subject,
                "is not set; production needs a PostgreSQL server of its own "
                "(postgres://user:password@host:5432/hansa), never the embedded one",
            )
        ]
    scheme = urlsplit(url).scheme
    if scheme not in POSTGRES_SCHEMES:
        return [Problem("hansa.E106", subject, f"has scheme {scheme!r}; it must be a PostgreSQL URL")]
    socket = _socket_problem(url, checkout=checkout, subject=subject, what="PostgreSQL")
    return [socket] if socket else []


def redis_url_problems(url: str, *, checkout: Path) -> list[Problem]:
    subject = "REDIS_URL"
    if not url:
        return [
            Problem(
                "hansa.E107",
                subject,
                "is not set; production needs a Redis server of its own (redis://host:6379/0), "
                "never the embedded one",
            )
        ]
    scheme = urlsplit(url).scheme
    if scheme not in REDIS_SCHEMES:
        return [Problem("hansa.E108", subject, f"has scheme {scheme!r}; it must be a redis:// URL")]
    socket = _socket_problem(url, checkout=checkout, subject=subject, what="Redis")
    return [socket] if socket else []


def storage_root_problems(roots: Mapping[str, Path], *, checkout: Path) -> list[Problem]:
    problems = []
    for name, path in roots.items():
        if not path.is_absolute():
            problems.append(Problem("hansa.E115", name, f"{path} must be an absolute path"))
        elif inside(path, checkout):
            problems.append(
                Problem(
                    "hansa.E115",
                    name,
                    f"{path} is inside the checkout ({checkout}); keep data outside it "
                    "(e.g. under /var/lib/hansa), so that an upgrade never touches it",
                )
            )
    return problems


def environment_problems(environ: Mapping[str, str], *, checkout: Path = CHECKOUT) -> list[Problem]:
    """Every problem of ``environ`` as the environment of a production process, errors and warnings.

    Reads nothing but ``environ`` and the file system paths it names (resolved, not created).
    """
    problems = secret_key_problems(environ.get("SECRET_KEY", ""))
    if _truthy(environ.get("DEBUG")):
        problems.append(Problem("hansa.E104", "DEBUG", "is on; unset it (or set DEBUG=0) in production"))
    problems += database_url_problems(environ.get("DATABASE_URL", ""), checkout=checkout)
    problems += redis_url_problems(environ.get("REDIS_URL", ""), checkout=checkout)
    problems += base_domain_problems(environ.get("HANSA_BASE_DOMAIN", ""))
    if not environ.get("HANSA_ENCRYPTION_KEYS", "").strip():
        problems.append(
            Problem(
                "hansa.E111",
                "HANSA_ENCRYPTION_KEYS",
                "is not set; the key ring of the encrypted fields (`<key id>:<key>`, see the README)",
            )
        )
    scheme = environ.get("HANSA_SCHEME", "")
    if scheme and scheme != "https":
        problems.append(
            Problem(
                "hansa.E112", "HANSA_SCHEME", f"is {scheme!r}; links and cookies need https in production"
            )
        )
    if _truthy(environ.get("HANSA_CELERY_EAGER")):
        problems.append(
            Problem("hansa.E113", "HANSA_CELERY_EAGER", "is on; tasks would run inside web requests")
        )
    if _truthy(environ.get("HANSA_DEMO")):
        problems.append(
            Problem(
                "hansa.E114",
                "HANSA_DEMO",
                "asks for demo data (published passwords); `hansa serve` never creates it: unset it",
            )
        )
    # A root left unset lives under HANSA_VAR_DIR, whose own problem already names the variable to set.
    roots = {
        name: path
        for name, path in storage_roots(environ, checkout=checkout).items()
        if name == "HANSA_VAR_DIR" or environ.get(name)
    }
    problems += storage_root_problems(roots, checkout=checkout)
    if not environ.get("EMAIL_URL"):
        problems.append(
            Problem(
                "hansa.W101",
                "EMAIL_URL",
                "is not set: e-mails (password resets, invitations) are written to files under "
                "HANSA_VAR_DIR/mail instead of being sent",
                level="warning",
            )
        )
    return problems


def settings_problems(settings: Any, *, checkout: Path = CHECKOUT) -> list[Problem]:
    """Every problem of the effective ``settings`` (django.conf.settings or any object with the names).

    Covers what no single variable shows: cookie flags and names, HSTS, the HTTPS redirect and proxy
    header, allowed hosts, where uploads and static files are stored, eager tasks.
    """
    problems = secret_key_problems(getattr(settings, "SECRET_KEY", ""))
    if settings.DEBUG:
        problems.append(Problem("hansa.E104", "DEBUG", "is on"))
    problems += base_domain_problems(getattr(settings, "HANSA_BASE_DOMAIN", ""))
    database = settings.DATABASES.get("default", {})
    host = str(database.get("HOST") or "")
    if host.startswith("/") and inside(Path(host), checkout):
        problems.append(Problem("hansa.E106", "DATABASES", f"uses the embedded PostgreSQL's socket ({host})"))
    problems += redis_url_problems(getattr(settings, "REDIS_URL", ""), checkout=checkout)
    if getattr(settings, "HANSA_SCHEME", "https") != "https":
        problems.append(Problem("hansa.E112", "HANSA_SCHEME", f"is {settings.HANSA_SCHEME!r}, not https"))
    for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        if not getattr(settings, name, False):
            problems.append(Problem("hansa.E116", name, "is off: the cookie would travel over plain HTTP"))
    for name in ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME"):
        if not str(getattr(settings, name, "")).startswith("__Host-"):
            problems.append(
                Problem("hansa.E116", name, "must start with __Host- (Secure, host-only, Path=/)")
            )
    if getattr(settings, "SESSION_COOKIE_DOMAIN", None) or getattr(settings, "CSRF_COOKIE_DOMAIN", None):
        problems.append(
            Problem(
                "hansa.E116",
                "SESSION_COOKIE_DOMAIN",
                "is set: a cookie shared by every <slug>.<base domain> leaks sessions across companies",
            )
        )
    if getattr(settings, "SECURE_HSTS_SECONDS", 0) < MIN_HSTS_SECONDS:
        problems.append(
            Problem(
                "hansa.E117",
                "SECURE_HSTS_SECONDS",
                f"is {getattr(settings, 'SECURE_HSTS_SECONDS', 0)}; at least {MIN_HSTS_SECONDS} (180 days)",
            )
        )
    if not getattr(settings, "SECURE_HSTS_INCLUDE_SUBDOMAINS", False):
        problems.append(
            Problem("hansa.E117", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "is off; company hosts are subdomains")
        )
    if not getattr(settings, "SECURE_SSL_REDIRECT", False):
        problems.append(Problem("hansa.E118", "SECURE_SSL_REDIRECT", "is off: plain HTTP would be served"))
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is None:
        problems.append(
            Problem(
                "hansa.E118",
                "SECURE_PROXY_SSL_HEADER",
                "is unset: behind the TLS proxy every request would look like plain HTTP",
            )
        )
    if "*" in getattr(settings, "ALLOWED_HOSTS", []):
        problems.append(Problem("hansa.E119", "ALLOWED_HOSTS", "contains '*'"))
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        problems.append(Problem("hansa.E113", "CELERY_TASK_ALWAYS_EAGER", "is on"))
    problems += storage_root_problems(
        {"MEDIA_ROOT": Path(settings.MEDIA_ROOT), "STATIC_ROOT": Path(settings.STATIC_ROOT)},
        checkout=checkout,
    )
    return problems


def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """``manage.py check --deploy``: :func:`settings_problems` as Django check messages."""
    from django.conf import settings
    from django.core import checks

    return [
        (checks.Error if problem.is_error else checks.Warning)(
            f"{problem.subject}: {problem.message}", id=problem.id
        )
        for problem in settings_problems(settings)
    ]


def register_checks() -> None:
    """Register :func:`check_production_settings` (called once, from the kernel app's ready())."""
    from django.core import checks

    checks.register(check_production_settings, checks.Tags.security, deploy=True)


CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")


def cgroup_cpu_limit(path: Path = CGROUP_CPU_MAX) -> int | None:
    """CPUs allowed by a cgroup v2 quota (``docker run --cpus``, systemd's ``CPUQuota=``), rounded up."""
    try:
        quota, period = path.read_text().split()[:2]
    except (OSError, ValueError):
        return None
    if quota == "max":
        return None
    return max(1, -(-int(quota) // int(period)))


def cpu_count(*, cpu_max: Path = CGROUP_CPU_MAX) -> int:
    """The CPUs this process may use: its CPU set, lowered to a cgroup CPU quota when there is one."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    limit = cgroup_cpu_limit(cpu_max)
    return max(1, min(cpus, limit) if limit else cpus)


def web_workers(environ: Mapping[str, str], *, cpus: int | None = None) -> int:
    """Gunicorn worker processes: ``WEB_CONCURRENCY`` when set, else 2 x CPUs + 1.

    Raises:
        ValueError: WEB_CONCURRENCY is not a whole number of at least 1.
    """
    value = environ.get("WEB_CONCURRENCY", "").strip()
    if value:
        workers = int(value)
        if workers < 1:
            raise ValueError(f"WEB_CONCURRENCY must be at least 1, not {value!r}")
        return workers
    return 2 * (cpus if cpus is not None else cpu_count()) + 1
