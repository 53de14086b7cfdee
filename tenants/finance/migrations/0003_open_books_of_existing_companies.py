"""Open the books of companies that existed before finance (pool schemas get theirs when claimed).

Runs the current ``books_open`` service (charts and rules are data that only grows); a schema migrating
from scratch is a pool schema with no active company, for which this does nothing.
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
    dependencies = [("finance", "0002_books_guarded_by_the_database"), ("tenants", "0004_company_billing_lock")]

    operations = [migrations.RunPython(open_books, migrations.RunPython.noop)]
