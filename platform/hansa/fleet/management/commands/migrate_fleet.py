"""``manage.py migrate_fleet``: the shared schema, then every tenant schema with the fleet executor.

    manage.py migrate_fleet [--workers N] [--release ID] [--resume] [--progress-every N] [--tenants-only]
                          [--schema NAME ...] [--lock-timeout SECONDS]

Exit status: 0 every schema at the target; 1 some schemas failed (each rolled back, listed, recorded in
``public.fleet_schema``: fix the cause and run again with ``--resume``); 2 refused, nothing written (a
non-atomic migration, another run in progress, an unfinished run of the same release without
``--resume``). See docs/operations.md, "Upgrades".
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hansa.fleet.executor import FleetRefused, fleet_migrate


class Command(BaseCommand):
    help = (
        "Migrate the shared schema, then every tenant schema (pooled ones included) in parallel, resumably."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default: sized to the machine and max_connections)",
        )
        parser.add_argument(
            "--release",
            default=None,
            help="release id recorded in fleet_release (default: auto-<digest of the target migrations>)",
        )
        parser.add_argument(
            "--resume", action="store_true", help="continue an interrupted or failed run of the same release"
        )
        parser.add_argument("--progress-every", type=int, default=100, help="a progress line every N schemas")
        parser.add_argument(
            "--schema",
            action="append",
            dest="schemas",
            default=None,
            help="only this tenant schema (repeatable; default: every tenant schema, pooled ones included)",
        )
        parser.add_argument(
            "--tenants-only", action="store_true", help="skip the shared (public) schema's migrations"
        )
        parser.add_argument(
            "--lock-timeout",
            type=float,
            default=None,
            help="seconds a schema waits for a table lock before it fails (default 30)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def say(message: str) -> None:
            self.stdout.write(message)
            self.stdout.flush()

        if not options["tenants_only"]:
            say("fleet: migrating the shared schema ...")
            call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        try:
            result = fleet_migrate(
                release=options["release"],
                workers=options["workers"],
                resume=options["resume"],
                schemas=options["schemas"],
                progress_every=options["progress_every"],
                lock_timeout=options["lock_timeout"],
                say=say,
            )
        except FleetRefused as exc:
            raise CommandError(f"fleet migration refused, nothing written: {exc}", returncode=2) from exc
        if not result.ok:
            raise CommandError(
                f"{result.failed} schema(s) failed and were rolled back (see above and public.fleet_schema); "
                "fix the cause, then run again with --resume",
                returncode=1,
            )
