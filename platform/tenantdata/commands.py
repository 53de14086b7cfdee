"""``hansa backup`` and ``hansa restore`` (wired in hansa/cli.py): per-company backup from the shell."""

from __future__ import annotations

import argparse
import sys

from kernel.errors import DomainError


def backup(args: argparse.Namespace) -> int:
    """Back one company up: recorded under HANSA_BACKUP_ROOT, or written to ``--out`` (not recorded)."""
    from tenantdata.backup import backup_write
    from tenantdata.services import backup_root, backup_take
    from tenants.selectors import company_get_by_slug

    company = company_get_by_slug(slug=args.slug)
    if company is None:
        print(f"hansa: no company with the slug {args.slug!r}", file=sys.stderr)
        return 2
    if args.out:
        with open(args.out, "xb") as target:
            result = backup_write(company=company, target=target)
        print(f"hansa: backed up {company.slug} to {args.out}: {result.tables} tables, {result.rows} rows")
        return 0
    record = backup_take(company=company)
    print(
        f"hansa: backed up {company.slug} to {backup_root() / record.file}: {record.tables} tables, "
        f"{record.rows} rows, {record.size} bytes, sha256 {record.sha256}"
    )
    return 0


def restore(args: argparse.Namespace) -> int:
    """Restore a company from an archive file (in place when it exists here); ``--as`` renames its slug."""
    from tenantdata.restore import backup_restore

    try:
        with open(args.archive, "rb") as source:
            result = backup_restore(source=source, slug=args.as_slug)
    except DomainError as error:
        print(f"hansa: restore refused ({error.code}): {error}", file=sys.stderr)
        return 1
    how = "replaced" if result.replaced else "restored"
    print(
        f"hansa: {how} {result.slug} (company {result.company_id}, schema {result.schema_name}): "
        f"{result.tables} tables, {result.rows} rows, {result.files} files verified"
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction, run: object) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("backup", help="back up one company (its schema, shared rows and files)")
    p.add_argument("slug")
    p.add_argument("--out", help="write the archive to this file instead of HANSA_BACKUP_ROOT (not recorded)")
    p.set_defaults(fn=run, action=backup)
    p = sub.add_parser("restore", help="restore one company from an archive (docs/tenantdata.md)")
    p.add_argument("archive")
    p.add_argument("--as", dest="as_slug", default=None, help="restore under this slug (and host)")
    p.set_defaults(fn=run, action=restore)
