"""The `hansa` command.

hansa run [--demo | --no-demo]
                     embedded PostgreSQL/Redis (unless DATABASE_URL/REDIS_URL are set), migrations,
                     demo data (into an empty database only, unless --demo/--no-demo or HANSA_DEMO
                     say otherwise), then web server + Celery worker + Celery beat in the
                     foreground; Ctrl-C stops everything. With DEBUG off it refuses to start while an
                     operator uses the published demo TOTP secret.
hansa serve [all|migrate|web|worker|beat]
                     production on one host: no demo data, no embedded servers, DEBUG off, JSON logs;
                     refuses to start on unsafe settings, listing every problem (hansa/serve.py,
                     docs/operations.md)
hansa demo [--reset] create the demo companies (or drop and rebuild them)
hansa test [ARGS]    the whole test suite (lint, migrations check, OpenAPI, frontend, pytest)
hansa manage ARGS    any Django management command, with the embedded services started
hansa openapi        write docs/api/openapi-{public,tenant}.json
hansa backup SLUG [--out FILE]
                     back up one company into HANSA_BACKUP_ROOT (docs/tenantdata.md)
hansa restore ARCHIVE [--as SLUG]
                     restore one company from its archive, verified, in one transaction
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hansa.embedded import EmbeddedServices

ROOT = Path(__file__).resolve().parents[2]
VAR = Path(os.environ.get("HANSA_VAR_DIR", ROOT / "var"))


def _python_path_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(ROOT), str(ROOT / "platform")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.setdefault("DJANGO_SETTINGS_MODULE", "hansa.settings")
    env.update(extra or {})
    return env


def _setup_django(var_dir: Path = VAR) -> EmbeddedServices:

    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("HANSA_VAR_DIR", str(var_dir))
    for p in (str(ROOT / "platform"), str(ROOT)):
        if p not in sys.path:
            sys.path.insert(0, p)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hansa.settings")
    services = EmbeddedServices(var_dir)
    started = services.ensure_environment()
    if started:
        print(f"hansa: embedded {' and '.join(started)} running under {var_dir}", flush=True)
    import django

    django.setup()
    return services


def _migrate() -> None:
    """The shared schema, then every tenant schema (pooled ones included) with the fleet executor.

    A rerun after a failure continues the same release (``--resume``): rerunning is the operator's act.
    Raises CommandError when a schema failed (each is rolled back and listed) or the run is refused.
    """
    from django.core.management import call_command

    call_command("migrate_fleet", "--resume")


def prepare_data(*, demo_flag: bool | None) -> None:
    """Before serving: create the demo data if wanted and absent, then refuse published secrets.

    Raises:
        ImproperlyConfigured: DEBUG is off and an operator uses the published demo TOTP secret.
    """
    from django.conf import settings

    from hansa import demo
    from identity.published_secrets import refuse_published_secrets

    wanted = demo.demo_wanted(flag=demo_flag, setting=settings.HANSA_DEMO, fresh=demo.database_is_fresh())
    if wanted and not demo.demo_present():
        print("hansa: creating demo data ...", flush=True)
        demo.demo_create()
    elif not demo.demo_present():
        print("hansa: no demo data (add it with `./hansa demo` or `./hansa run --demo`)", flush=True)
    refuse_published_secrets()


def cmd_run(args: argparse.Namespace) -> int:
    services = _setup_django()
    children: list[subprocess.Popen[bytes]] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        from django.conf import settings

        from hansa import demo
        from tenants.services import pool_refill

        print("hansa: migrating the shared and tenant schemas ...", flush=True)
        _migrate()
        prepare_data(demo_flag=args.demo)
        pool_refill(target=settings.HANSA_POOL_SIZE)

        port = settings.HANSA_BASE_DOMAIN.partition(":")[2] or "8000"
        bind = os.environ.get("HANSA_BIND", f"127.0.0.1:{port}")
        env = _python_path_env()
        commands = [
            [
                "gunicorn",
                "hansa.wsgi:application",
                "--bind",
                bind,
                "--workers",
                os.environ.get("WEB_CONCURRENCY", "2"),
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ],
            [
                "celery",
                "-A",
                "hansa",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ],
            [
                "celery",
                "-A",
                "hansa",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(VAR / "celerybeat-schedule"),
            ],
        ]
        bindir = Path(sys.executable).parent
        names = ["web server", "celery worker", "celery beat"]
        for command in commands:
            exe = bindir / command[0]
            children.append(subprocess.Popen([str(exe), *command[1:]], env=env, cwd=ROOT))  # noqa: S603
        print(demo.banner() if demo.demo_present() else demo.banner_without_demo(), flush=True)
        while not stopping:
            for name, child in zip(names, children, strict=True):
                if child.poll() is not None:
                    print(
                        f"hansa: {name} exited with {child.returncode}; stopping",
                        flush=True,
                    )
                    stopping = True
            time.sleep(0.5)
    finally:
        print("hansa: stopping ...", flush=True)
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                child.kill()
        from django.db import connections

        connections.close_all()
        services.stop()
        print("hansa: stopped", flush=True)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from hansa.serve import serve

    return serve(args.role)


def cmd_demo(args: argparse.Namespace) -> int:
    services = _setup_django()
    try:
        from hansa import demo

        _migrate()
        if args.reset:
            demo.demo_delete()
        if demo.demo_present():
            print("hansa: demo data already present (use --reset to rebuild it)")
        else:
            demo.demo_create()
        print(demo.banner())
    finally:
        from django.db import connections

        connections.close_all()
        services.stop()
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    services = _setup_django()
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["hansa manage", *args.rest])
    finally:
        from django.db import connections

        connections.close_all()
        services.stop()
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from hansa.openapi import write_documents

    services = _setup_django()
    try:
        for path in write_documents(ROOT / "docs" / "api"):
            print(f"hansa: wrote {path.relative_to(ROOT)}")
    finally:
        services.stop()
    return 0


def cmd_tenantdata(args: argparse.Namespace) -> int:
    services = _setup_django()
    try:
        return int(args.action(args))
    finally:
        from django.db import connections

        connections.close_all()
        services.stop()


def cmd_test(args: argparse.Namespace) -> int:
    from hansa.testrun import run_tests

    return run_tests(ROOT, args.rest)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hansa", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="run Hansa (demo data into an empty database unless --no-demo)")
    demo_choice = run_parser.add_mutually_exclusive_group()
    demo_choice.add_argument(
        "--demo", dest="demo", action="store_true", default=None, help="create the demo data if absent"
    )
    demo_choice.add_argument(
        "--no-demo", dest="demo", action="store_false", help="never create demo data (also: HANSA_DEMO=0)"
    )
    run_parser.set_defaults(fn=cmd_run)
    serve_parser = sub.add_parser(
        "serve", help="run Hansa in production (all three processes, or one role for systemd/containers)"
    )
    serve_parser.add_argument(
        "role",
        nargs="?",
        default="all",
        choices=["all", "migrate", "web", "worker", "beat"],
        help="all (default): migrate, then web + worker + beat supervised; migrate: migrations, static "
        "files and warm pool, then exit; web | worker | beat: that process alone",
    )
    serve_parser.set_defaults(fn=cmd_serve)
    demo_parser = sub.add_parser("demo", help="create (or --reset) the demo data")
    demo_parser.add_argument("--reset", action="store_true")
    demo_parser.set_defaults(fn=cmd_demo)
    for name, fn in (("manage", cmd_manage), ("test", cmd_test)):
        p = sub.add_parser(name, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(fn=fn)
    sub.add_parser("openapi", help="write the OpenAPI documents to docs/api/").set_defaults(fn=cmd_openapi)
    from tenantdata.commands import add_parsers as tenantdata_parsers

    tenantdata_parsers(sub, cmd_tenantdata)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.fn(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
