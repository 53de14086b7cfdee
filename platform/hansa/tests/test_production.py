"""What `hansa serve` refuses to start on: the environment and the effective settings, every problem listed."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import checks

from hansa.production import (
    cgroup_cpu_limit,
    cpu_count,
    environment_problems,
    settings_problems,
    storage_roots,
    web_workers,
)
from hansa.security import apply_production_security

CHECKOUT = Path(__file__).resolve().parents[3]
GOOD_KEY = "Zq8w-Lr3_Tn5Vb7Xc9Pm2Ks4Hd6Jf8Gy0Au1Ei3Oo5Rx7Wz9Qn2Mt4Bv6Cl8Dk0Fj"


def safe_environment(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    env = {
        "SECRET_KEY": GOOD_KEY,
        "DATABASE_URL": "postgres://hansa:pw@db.internal:5432/hansa",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "HANSA_BASE_DOMAIN": "hansa.example.com",
        "HANSA_ENCRYPTION_KEYS": "k20261206:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "HANSA_VAR_DIR": str(tmp_path / "var"),
        "HANSA_MEDIA_ROOT": str(tmp_path / "media"),
        "HANSA_STATIC_ROOT": str(tmp_path / "static"),
        "EMAIL_URL": "smtp://mail.example.com:587/?tls=True",
    }
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def ids(problems) -> list[tuple[str, str]]:
    return [(p.id, p.subject) for p in problems]


def test_a_safe_environment_has_no_problem(tmp_path):
    assert environment_problems(safe_environment(tmp_path), checkout=CHECKOUT) == []


def test_every_problem_of_the_development_environment_is_listed_at_once(tmp_path):
    env = {
        "DEBUG": "1",
        "SECRET_KEY": "dev",
        "HANSA_SCHEME": "http",
        "HANSA_CELERY_EAGER": "1",
        "HANSA_DEMO": "1",
        "HANSA_VAR_DIR": str(CHECKOUT / "var"),
        "HANSA_MEDIA_ROOT": "media",
    }

    problems = environment_problems(env, checkout=CHECKOUT)

    assert ids(problems) == [
        ("hansa.E102", "SECRET_KEY"),
        ("hansa.E104", "DEBUG"),
        ("hansa.E105", "DATABASE_URL"),
        ("hansa.E107", "REDIS_URL"),
        ("hansa.E109", "HANSA_BASE_DOMAIN"),
        ("hansa.E111", "HANSA_ENCRYPTION_KEYS"),
        ("hansa.E112", "HANSA_SCHEME"),
        ("hansa.E113", "HANSA_CELERY_EAGER"),
        ("hansa.E114", "HANSA_DEMO"),
        ("hansa.E115", "HANSA_VAR_DIR"),
        ("hansa.E115", "HANSA_MEDIA_ROOT"),
        ("hansa.W101", "EMAIL_URL"),
    ]
    assert [p.is_error for p in problems] == [True] * 11 + [False]
    assert "inside the checkout" in str(problems[9]) and "absolute" in str(problems[10])


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (None, "hansa.E101"),
        ("", "hansa.E101"),
        ("hansa-development-only-secret-key-change-me", "hansa.E102"),
        ("django-insecure-" + "k" * 60, "hansa.E102"),
        ("test-" + "0123456789abcdef" * 4, "hansa.E102"),  # what `./hansa test` generates
        ("x" * 49 + "yzabc", None),
        ("short-but-random-Q7!", "hansa.E103"),
        ("ab" * 40, "hansa.E103"),  # long, but two distinct characters
    ],
)
def test_secret_key_rules(tmp_path, key, expected):
    problems = environment_problems(safe_environment(tmp_path, SECRET_KEY=key), checkout=CHECKOUT)
    assert [p.id for p in problems] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("domain", "refused"),
    [
        ("hansa.example.com", False),
        ("hansa.example.com:443", False),
        ("localhost:8000", True),
        ("acme.localhost", True),
        ("127.0.0.1:8000", True),
        ("[::1]:8000", True),
        ("intranet", True),
        ("https://hansa.example.com", True),
    ],
)
def test_base_domain_must_be_a_public_host_name(tmp_path, domain, refused):
    problems = environment_problems(safe_environment(tmp_path, HANSA_BASE_DOMAIN=domain), checkout=CHECKOUT)
    assert [p.id for p in problems] == (["hansa.E110"] if refused else [])


@pytest.mark.parametrize(
    ("name", "url", "expected"),
    [
        ("DATABASE_URL", "mysql://db/hansa", "hansa.E106"),
        ("DATABASE_URL", "postgres://postgres@%2Fsrv%2Fhansa%2Fvar%2Fpg/hansa", None),
        ("DATABASE_URL", "postgres:///hansa", None),  # a local server's default socket
        ("REDIS_URL", "memcached://cache:11211", "hansa.E108"),
        ("REDIS_URL", "unix:///run/redis/redis.sock?db=0", None),
    ],
)
def test_service_urls(tmp_path, name, url, expected):
    problems = environment_problems(safe_environment(tmp_path, **{name: url}), checkout=CHECKOUT)
    assert [p.id for p in problems] == ([expected] if expected else [])


def test_the_embedded_servers_sockets_in_the_checkout_are_refused(tmp_path):
    socket_dir = str(CHECKOUT / "var" / "pg").replace("/", "%2F")
    env = safe_environment(
        tmp_path,
        DATABASE_URL=f"postgres://postgres@{socket_dir}/hansa",
        REDIS_URL=f"unix://{CHECKOUT / 'var' / 'redis.sock'}?db=0",
    )
    assert ids(environment_problems(env, checkout=CHECKOUT)) == [
        ("hansa.E106", "DATABASE_URL"),
        ("hansa.E108", "REDIS_URL"),
    ]


def test_storage_roots_default_under_the_var_dir_and_follow_their_variables(tmp_path):
    assert storage_roots({}, checkout=CHECKOUT) == {
        "HANSA_VAR_DIR": CHECKOUT / "var",
        "HANSA_MEDIA_ROOT": CHECKOUT / "var" / "media",
        "HANSA_STATIC_ROOT": CHECKOUT / "var" / "static",
    }
    roots = storage_roots({"HANSA_VAR_DIR": "/var/lib/hansa", "HANSA_STATIC_ROOT": "/srv/static"})
    assert roots["HANSA_MEDIA_ROOT"] == Path("/var/lib/hansa/media")
    assert roots["HANSA_STATIC_ROOT"] == Path("/srv/static")


def test_a_root_reached_through_a_symbolic_link_into_the_checkout_is_refused(tmp_path):
    link = tmp_path / "looks-outside"
    link.symlink_to(CHECKOUT / "var", target_is_directory=True)
    problems = environment_problems(safe_environment(tmp_path, HANSA_MEDIA_ROOT=str(link)), checkout=CHECKOUT)
    assert ids(problems) == [("hansa.E115", "HANSA_MEDIA_ROOT")]


def production_settings(tmp_path: Path, **changes: object) -> SimpleNamespace:
    namespace: dict[str, object] = {
        "DEBUG": False,
        "SECRET_KEY": GOOD_KEY,
        "HANSA_BASE_DOMAIN": "hansa.example.com",
        "HANSA_SCHEME": "https",
        "DATABASES": {"default": {"HOST": "db.internal"}},
        "REDIS_URL": "redis://redis.internal:6379/0",
        "ALLOWED_HOSTS": ["hansa.example.com", ".hansa.example.com"],
        "CELERY_TASK_ALWAYS_EAGER": False,
        "MEDIA_ROOT": tmp_path / "media",
        "STATIC_ROOT": tmp_path / "static",
    }
    apply_production_security(namespace)
    namespace.update(changes)
    return SimpleNamespace(**namespace)


def test_the_hardened_production_settings_have_no_problem(tmp_path):
    assert settings_problems(production_settings(tmp_path), checkout=CHECKOUT) == []


def test_insecure_cookies_hsts_and_redirects_are_each_listed(tmp_path):
    settings = production_settings(
        tmp_path,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_NAME="csrftoken",
        SESSION_COOKIE_DOMAIN=".hansa.example.com",
        SECURE_HSTS_SECONDS=3600,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=False,
        SECURE_SSL_REDIRECT=False,
        SECURE_PROXY_SSL_HEADER=None,
        ALLOWED_HOSTS=["*"],
        MEDIA_ROOT=CHECKOUT / "var" / "media",
    )

    assert ids(settings_problems(settings, checkout=CHECKOUT)) == [
        ("hansa.E116", "SESSION_COOKIE_SECURE"),
        ("hansa.E116", "CSRF_COOKIE_NAME"),
        ("hansa.E116", "SESSION_COOKIE_DOMAIN"),
        ("hansa.E117", "SECURE_HSTS_SECONDS"),
        ("hansa.E117", "SECURE_HSTS_INCLUDE_SUBDOMAINS"),
        ("hansa.E118", "SECURE_SSL_REDIRECT"),
        ("hansa.E118", "SECURE_PROXY_SSL_HEADER"),
        ("hansa.E119", "ALLOWED_HOSTS"),
        ("hansa.E115", "MEDIA_ROOT"),
    ]


def test_the_development_settings_of_this_test_run_are_refused_by_the_deploy_check():
    # This process runs with the development key and settings (pytest-django turns DEBUG off for the run,
    # the hardening stays off): exactly what must never serve the public.
    messages = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    hansa = {m.id for m in messages if (m.id or "").startswith("hansa.")}

    assert {"hansa.E102", "hansa.E116", "hansa.E117", "hansa.E118"} <= hansa
    assert all(m.level == checks.ERROR for m in messages if m.id in hansa)
    # Without --deploy the check does not run: development stays quiet.
    assert not [
        m for m in checks.run_checks(tags=[checks.Tags.security]) if (m.id or "").startswith("hansa.")
    ]


@pytest.mark.parametrize(
    ("environ", "cpus", "expected"),
    [({}, 2, 5), ({}, 8, 17), ({"WEB_CONCURRENCY": "3"}, 8, 3), ({"WEB_CONCURRENCY": " "}, 1, 3)],
)
def test_web_workers_are_sized_to_the_machine_unless_web_concurrency(environ, cpus, expected):
    assert web_workers(environ, cpus=cpus) == expected


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_web_concurrency_must_be_a_positive_number(value):
    with pytest.raises(ValueError):
        web_workers({"WEB_CONCURRENCY": value}, cpus=2)


@pytest.mark.parametrize(
    ("cpu_max", "expected"),
    [("max 100000\n", None), ("150000 100000\n", 2), ("50000 100000\n", 1), ("400000 100000\n", 4)],
)
def test_a_cgroup_cpu_quota_counts_as_the_machine(tmp_path, cpu_max, expected):
    path = tmp_path / "cpu.max"
    path.write_text(cpu_max)
    assert cgroup_cpu_limit(path) == expected
    assert cpu_count(cpu_max=path) == min(len(os.sched_getaffinity(0)), expected or 10**6)
    assert cgroup_cpu_limit(tmp_path / "absent") is None
