"""Probes of per-company data operations. Console (backups, reopen): no company's member reaches them
(401/403, nothing changes), operators do. Company host (exports, closure): only the company's own owner. A
side's backup and export are made on first use (not in every world: they cost a copy of the side's data)."""

from __future__ import annotations

from collections.abc import Callable

from tests.isolation.world import Probe, Side


def _second_company(side: Side, key: str) -> object:
    """Another company of the side (its own owner), made once per purpose: the restore and reopen probes
    act on it, so the side's own company (and its fingerprint) stays as the other probes expect."""
    if key not in side.extra:
        from conftest import PASSWORD, unique
        from tenants.services import company_signup

        slug = unique(f"{side.marker}-{key[:6]}")
        side.extra[key] = company_signup(
            company_name=f"{side.marker} {key} company",
            slug=slug,
            country="CN",
            currency="CNY",
            locale="en",
            full_name=f"{side.marker} Second Owner",
            email=f"owner@{slug}.test",
            password=PASSWORD,
        )
    return side.extra[key]


def _backup_company_id(side: Side) -> int:
    return int(_second_company(side, "tenantdata_backup_company").company.pk)  # type: ignore[attr-defined]


def _backup_id(side: Side) -> int:
    if "tenantdata_backup_id" not in side.extra:
        import tempfile

        from django.test import override_settings

        from tenantdata.services import backup_take

        root = tempfile.mkdtemp(prefix="hansa-probe-backups-")
        side.extra["tenantdata_backup_root"] = root
        with override_settings(HANSA_BACKUP_ROOT=root):
            company = _second_company(side, "tenantdata_backup_company").company  # type: ignore[attr-defined]
            side.extra["tenantdata_backup_id"] = backup_take(company=company).pk
    return int(side.extra["tenantdata_backup_id"])


def _restore_body(side: Side) -> dict[str, str]:
    return {"reason": f"{side.marker} probe restore"}


def _company(side: Side) -> int:
    return int(side.company.pk)


COMPANY: dict[str, Callable[[Side], object]] = {"company_id": _company}
BACKUP: dict[str, Callable[[Side], object]] = {"company_id": _backup_company_id, "backup_id": _backup_id}


def _fingerprint(side: Side) -> object:
    """The company's status and closure, and its backups (made only by an operator's manual backup here).
    Exports are left out: the download probe makes the side's export on first use."""
    from tenantdata.models import CompanyClosure, TenantBackup
    from tenants.models import Company

    return [
        Company.objects.get(pk=side.company.pk).status,
        CompanyClosure.objects.filter(company_id=side.company.pk).count(),
        TenantBackup.objects.filter(company_id=side.company.pk).count(),
    ]


FINGERPRINTS = {"tenantdata": _fingerprint}


def _export_id(side: Side) -> int:
    if "tenantdata_export_id" not in side.extra:
        import tempfile

        from django.test import override_settings

        from tenantdata.closure import export_run
        from tenantdata.models import CompanyExport

        root = tempfile.mkdtemp(prefix="hansa-probe-exports-")
        side.extra["tenantdata_export_root"] = root
        export = CompanyExport.objects.create(company_id=side.company.pk)
        with override_settings(HANSA_EXPORT_ROOT=root):
            export_run(export_id=export.pk)
        side.extra["tenantdata_export_id"] = export.pk
    return int(side.extra["tenantdata_export_id"])


class _ExportProbe(Probe):
    def send(self, client, ids_from, **headers):  # type: ignore[no-untyped-def]
        from django.test import override_settings

        self.url(ids_from)
        with override_settings(HANSA_EXPORT_ROOT=ids_from.extra["tenantdata_export_root"]):
            return super().send(client, ids_from, **headers)


TENANT_PROBES: dict[str, Probe] = {
    "company_exports_list": Probe("GET", "/api/company/export/"),
    "company_export_create": Probe("POST", "/api/company/export/", ok=202),
    "company_export_download": _ExportProbe(
        "GET", "/api/company/export/{export_id}/download/", ids={"export_id": _export_id}
    ),
    "company_close": Probe(
        "POST",
        "/api/company/close/",
        body=lambda s: {"confirm_slug": s.company.slug, "reason": f"{s.marker} probe closure"},
    ),
}


class _RootedProbe(Probe):
    """A probe whose calls see the side's backup root (the archive is read from it)."""

    def send(self, client, ids_from, **headers):  # type: ignore[no-untyped-def]
        from django.test import override_settings

        self.url(ids_from)  # takes the backup first if needed
        with override_settings(HANSA_BACKUP_ROOT=ids_from.extra["tenantdata_backup_root"]):
            return super().send(client, ids_from, **headers)


def _closed_company_id(side: Side) -> int:
    """A second company of the side, closed by its owner (once), so that an operator can reopen it."""
    signup = _second_company(side, "tenantdata_closed_company")
    if "tenantdata_closed" not in side.extra:
        from identity.access import Actor
        from identity.models import Membership
        from identity.roles import permissions_for
        from tenantdata.closure import company_close

        company, owner = signup.company, signup.user  # type: ignore[attr-defined]
        actor = Actor(
            company=company,
            permissions=permissions_for(["owner"]),
            user=owner,
            membership=Membership.objects.get(company=company, user=owner),
        )
        company_close(actor=actor, confirm_slug=company.slug, reason=f"{side.marker} probe closure")
        side.extra["tenantdata_closed"] = True
    return int(signup.company.pk)  # type: ignore[attr-defined]


PUBLIC_PROBES: dict[str, Probe] = {
    "console_company_reopen": Probe(
        "POST",
        "/api/console/companies/{company_id}/reopen/",
        ids={"company_id": _closed_company_id},
        body=lambda s: {"reason": f"{s.marker} probe reopen"},
    ),
    "console_backups_list": Probe(
        "GET", "/api/console/backups/", query=lambda s: f"company_id={s.company.pk}&q={s.company.slug}"
    ),
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
