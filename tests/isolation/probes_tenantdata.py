"""Probes of the operator console's backup operations: no company's member reaches them (401/403, nothing
changes), operators do. A side's backup is taken on first use (not in every world: it costs a COPY of the
side's schema)."""

from __future__ import annotations

from collections.abc import Callable

from tests.isolation.world import Probe, Side


def _backup_id(side: Side) -> int:
    if "tenantdata_backup_id" not in side.extra:
        import tempfile

        from django.test import override_settings

        from tenantdata.services import backup_take

        root = tempfile.mkdtemp(prefix="hansa-probe-backups-")
        side.extra["tenantdata_backup_root"] = root
        with override_settings(HANSA_BACKUP_ROOT=root):
            side.extra["tenantdata_backup_id"] = backup_take(company=side.company).pk
    return int(side.extra["tenantdata_backup_id"])


def _restore_body(side: Side) -> dict[str, str]:
    return {"reason": f"{side.marker} probe restore"}


def _company(side: Side) -> int:
    return int(side.company.pk)


COMPANY: dict[str, Callable[[Side], object]] = {"company_id": _company}
BACKUP: dict[str, Callable[[Side], object]] = {"company_id": _company, "backup_id": _backup_id}


class _RootedProbe(Probe):
    """A probe whose calls see the side's backup root (the archive is read from it)."""

    def send(self, client, ids_from, **headers):  # type: ignore[no-untyped-def]
        from django.test import override_settings

        self.url(ids_from)  # takes the backup first if needed
        with override_settings(HANSA_BACKUP_ROOT=ids_from.extra["tenantdata_backup_root"]):
            return super().send(client, ids_from, **headers)


PUBLIC_PROBES: dict[str, Probe] = {
    "console_company_backups_list": Probe("GET", "/api/console/companies/{company_id}/backups/", ids=COMPANY),
    "console_company_backup_start": Probe(
        "POST", "/api/console/companies/{company_id}/backups/", ids=COMPANY, ok=202
    ),
    "console_company_backup_restore": _RootedProbe(
        "POST",
        "/api/console/companies/{company_id}/backups/{backup_id}/restore/",
        ids=BACKUP,
        body=_restore_body,
    ),
}
