"""Open the books of companies that existed before finance (pool schemas get theirs when claimed).

Runs the current ``books_open`` service with the current models, so it must stay the LAST migration of
finance: a schema built for a company that is already active (a company created without the sign-up
service) migrates through here with every finance table and column present. A change to a finance model
adds its migration before this one (renumber this file and point it at the new last migration).
"""

from django.db import connection, migrations


def open_books(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema = getattr(connection, "schema_name", "public")
    if schema == "public":
        return
    from tenants.finance.services.books import books_open
    from tenants.models import Company, CompanyStatus

    company = Company.objects.filter(schema_name=schema, status=CompanyStatus.ACTIVE).first()
    if company is None:
        return
    books_open(currency=company.default_currency or "CNY", country=company.country)


class Migration(migrations.Migration):
    dependencies = [("finance", "0007_approve_matched_invoices"), ("tenants", "0004_company_billing_lock")]

    operations = [migrations.RunPython(open_books, migrations.RunPython.noop)]
