"""Field encryption: AES-256-GCM tokens, the key ring, EncryptedTextField and key rotation."""

from __future__ import annotations

import base64
import os
from io import StringIO

import pytest
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test.utils import isolate_apps

from kernel import crypto
from kernel.crypto import (
    DecryptionFailed,
    UnknownEncryptionKey,
    active_key_id,
    decrypt_text,
    encrypt_text,
)
from kernel.fields import EncryptedTextField
from kernel.management.commands import rotate_encryption_key
from kernel.tenancy import current_schema
from tenants.models import Company

ENV = crypto.KEYS_ENV_VAR
CONTEXT = "tenants_company.tax_id"


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def raw_columns(company: Company) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tax_id, bank_account FROM tenants_company WHERE id = %s", [company.pk])
        row = cursor.fetchone()
    return row[0], row[1]


def write_raw(company: Company, column: str, value: str) -> None:
    assert column in {"tax_id", "bank_account"}
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE tenants_company SET {column} = %s WHERE id = %s", [value, company.pk])  # noqa: S608


def rotate(**options: object) -> str:
    out = StringIO()
    call_command("rotate_encryption_key", stdout=out, **options)
    return out.getvalue()


# --- tokens ---------------------------------------------------------------------------------------------


def test_round_trip_binds_the_active_key_id_and_uses_a_fresh_nonce(monkeypatch):
    monkeypatch.setenv(ENV, f"k1:{new_key()}")
    plaintext = "DE89 3704 0044 0532 0130 00 · 招商银行"

    first = encrypt_text(plaintext=plaintext, context=CONTEXT)
    second = encrypt_text(plaintext=plaintext, context=CONTEXT)

    assert first.startswith("enc:v1:k1:") and second.startswith("enc:v1:k1:")
    assert first != second
    assert "DE89" not in first
    assert decrypt_text(token=first, context=CONTEXT) == plaintext
    assert decrypt_text(token=second, context=CONTEXT) == plaintext
    assert decrypt_text(token=encrypt_text(plaintext="", context=CONTEXT), context=CONTEXT) == ""
    assert active_key_id() == "k1"


def test_a_token_does_not_decrypt_in_another_context(monkeypatch):
    monkeypatch.setenv(ENV, f"k1:{new_key()}")
    token = encrypt_text(plaintext="91310000MA1FL0000X", context="tenants_company.tax_id")

    with pytest.raises(DecryptionFailed) as excinfo:
        decrypt_text(token=token, context="tenants_company.bank_account")
    assert excinfo.value.code == "decryption_failed"


def test_tampered_tokens_fail(monkeypatch):
    monkeypatch.setenv(ENV, f"k1:{new_key()},k2:{new_key()}")
    token = encrypt_text(plaintext="secret", context=CONTEXT)
    prefix, payload = token.rsplit(":", 1)
    raw = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    raw[-1] ^= 0x01
    flipped = f"{prefix}:{base64.urlsafe_b64encode(bytes(raw)).rstrip(b'=').decode()}"

    for bad in (
        flipped,  # one bit of the tag
        token.replace("enc:v1:k1:", "enc:v1:k2:"),  # claims another key of the ring
        token[:-4],  # truncated
        token.replace("enc:v1:", "enc:v9:"),  # unknown format version
        "enc:v1:k1:not*base64",
        "plain text",
    ):
        with pytest.raises(DecryptionFailed):
            decrypt_text(token=bad, context=CONTEXT)


def test_a_token_under_a_key_missing_from_the_ring_is_reported_as_such(monkeypatch):
    monkeypatch.setenv(ENV, f"old:{new_key()}")
    token = encrypt_text(plaintext="secret", context=CONTEXT)
    monkeypatch.setenv(ENV, f"new:{new_key()}")

    with pytest.raises(UnknownEncryptionKey) as excinfo:
        decrypt_text(token=token, context=CONTEXT)
    assert excinfo.value.code == "encryption_key_unknown"
    assert "old" in str(excinfo.value)


def test_a_retired_key_still_in_the_ring_decrypts_and_the_first_key_encrypts(monkeypatch):
    k1 = new_key()
    monkeypatch.setenv(ENV, f"k1:{k1}")
    old_token = encrypt_text(plaintext="secret", context=CONTEXT)

    monkeypatch.setenv(ENV, f"k2:{new_key()}, k1:{k1}")

    assert decrypt_text(token=old_token, context=CONTEXT) == "secret"
    assert encrypt_text(plaintext="secret", context=CONTEXT).startswith("enc:v1:k2:")
    assert crypto.token_key_id(old_token) == "k1"


# --- key ring -------------------------------------------------------------------------------------------


# Fixed keys: xdist workers must collect identical parameters.
KEY_A = base64.urlsafe_b64encode(bytes(range(32))).decode("ascii")
KEY_B = base64.urlsafe_b64encode(bytes(range(32, 64))).decode("ascii")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("k1", id="no-key"),
        pytest.param(f"bad id:{KEY_A}", id="bad-key-id"),
        pytest.param(f"k1:{KEY_A},k1:{KEY_B}", id="repeated-key-id"),
        pytest.param("k1:" + base64.urlsafe_b64encode(b"short").decode(), id="not-32-bytes"),
        pytest.param("k1:!!!!", id="not-base64url"),
        pytest.param(" , ", id="no-entry"),
    ],
)
def test_a_malformed_key_ring_is_refused_without_echoing_key_material(monkeypatch, raw):
    monkeypatch.setenv(ENV, raw)

    with pytest.raises(ImproperlyConfigured) as excinfo:
        encrypt_text(plaintext="x", context=CONTEXT)
    message = str(excinfo.value)
    assert ENV in message
    for part in raw.replace(",", ":").split(":"):
        if len(part) > 10:
            assert part.strip() not in message
    assert [m.id for m in crypto.check_encryption_keys()] == ["kernel.E002"]


def test_development_key_is_derived_from_the_secret_key(monkeypatch, settings):
    monkeypatch.delenv(ENV, raising=False)
    token = encrypt_text(plaintext="secret", context=CONTEXT)

    assert active_key_id() == crypto.DEV_KEY_ID
    assert token.startswith("enc:v1:dev:")
    assert decrypt_text(token=token, context=CONTEXT) == "secret"
    assert crypto.check_encryption_keys() == []

    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    with pytest.raises(DecryptionFailed):
        decrypt_text(token=token, context=CONTEXT)


def test_without_debug_an_unset_key_ring_refuses_at_first_use(monkeypatch, settings):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("DEBUG", "0")
    settings.DEBUG = False

    with pytest.raises(ImproperlyConfigured, match="HANSA_ENCRYPTION_KEYS must be set when DEBUG is off"):
        encrypt_text(plaintext="x", context=CONTEXT)
    with pytest.raises(ImproperlyConfigured):
        active_key_id()
    assert [m.id for m in crypto.check_encryption_keys()] == ["kernel.E001"]


# --- the field ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_company_tax_id_and_bank_account_are_stored_encrypted(make_company):
    company = make_company().company
    company.tax_id = "91310000MA1FL8TX4Q"
    company.bank_account = "IBAN DE89370400440532013000\nCommerzbank Frankfurt"
    company.save(update_fields=["tax_id", "bank_account"])

    raw_tax_id, raw_bank_account = raw_columns(company)

    prefix = f"enc:v1:{active_key_id()}:"
    assert raw_tax_id.startswith(prefix) and raw_bank_account.startswith(prefix)
    for secret in ("91310000MA1FL8TX4Q", "DE89370400440532013000", "Commerzbank", "Frankfurt"):
        assert secret not in raw_tax_id and secret not in raw_bank_account
    reloaded = Company.objects.get(pk=company.pk)
    assert reloaded.tax_id == "91310000MA1FL8TX4Q"
    assert reloaded.bank_account == "IBAN DE89370400440532013000\nCommerzbank Frankfurt"
    assert (
        Company.objects.filter(pk=company.pk).values_list("tax_id", flat=True).get() == "91310000MA1FL8TX4Q"
    )


@pytest.mark.django_db
def test_empty_values_stay_empty_and_need_no_key(make_company, monkeypatch, settings):
    company = make_company().company
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("DEBUG", "0")
    settings.DEBUG = False  # no key ring at all: "" must neither encrypt nor decrypt

    company.save()
    reloaded = Company.objects.get(pk=company.pk)

    assert raw_columns(company) == ("", "")
    assert (reloaded.tax_id, reloaded.bank_account) == ("", "")


@pytest.mark.django_db
def test_a_ciphertext_copied_to_another_column_does_not_decrypt(make_company):
    company = make_company().company
    company.tax_id = "91310000MA1FL8TX4Q"
    company.save(update_fields=["tax_id"])
    raw_tax_id, _ = raw_columns(company)

    write_raw(company, "bank_account", raw_tax_id)

    with pytest.raises(DecryptionFailed):
        Company.objects.get(pk=company.pk)
    assert Company.objects.only("pk", "tax_id").get(pk=company.pk).tax_id == "91310000MA1FL8TX4Q"


@pytest.mark.django_db
def test_lookups_other_than_isnull_are_refused():
    with pytest.raises(FieldError):
        list(Company.objects.filter(tax_id="91310000MA1FL8TX4Q"))
    with pytest.raises(FieldError):
        list(Company.objects.filter(bank_account__icontains="DE89"))
    assert not Company.objects.filter(tax_id__isnull=True).exists()


def test_deconstruct_is_stable_and_keeps_an_explicit_context():
    name, path, args, kwargs = Company._meta.get_field("tax_id").deconstruct()
    assert (name, path, args) == ("tax_id", "kernel.fields.EncryptedTextField", [])
    assert kwargs == {"blank": True, "default": "", "help_text": "Tax identification number."}
    field = Company._meta.get_field("tax_id")
    assert isinstance(field, EncryptedTextField) and field.encryption_context == "tenants_company.tax_id"

    _, _, _, kwargs = EncryptedTextField(context="old_table.old_column").deconstruct()
    assert kwargs == {"context": "old_table.old_column"}


@isolate_apps("kernel")
def test_an_encrypted_field_cannot_be_unique_or_indexed():
    class Probe(models.Model):
        secret = EncryptedTextField(unique=True)
        indexed = EncryptedTextField(db_index=True)
        fine = EncryptedTextField(blank=True, default="")

        class Meta:
            app_label = "kernel"

        def __str__(self) -> str:
            return "probe"

    ids = {(error.obj.name, error.id) for error in Probe.check() if isinstance(error, checks.Error)}
    assert ids == {("secret", "kernel.E010"), ("indexed", "kernel.E010")}


# --- rotation -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rotation_moves_every_value_to_the_active_key_and_is_idempotent(make_company, monkeypatch):
    k1, k2 = new_key(), new_key()
    monkeypatch.setenv(ENV, f"k1:{k1}")
    first, second = make_company().company, make_company().company
    for index, company in enumerate((first, second)):
        company.tax_id = f"TAX-{index}"
        company.bank_account = f"IBAN-{index}"
        company.save(update_fields=["tax_id", "bank_account"])
    unchanged_updated_at = Company.objects.get(pk=first.pk).updated_at

    # k2 becomes active; k1 is retired but still decrypts.
    monkeypatch.setenv(ENV, f"k2:{k2},k1:{k1}")
    assert Company.objects.get(pk=first.pk).tax_id == "TAX-0"

    output = rotate(batch_size=1)

    assert "Active key: k2" in output
    assert "public tenants.Company.tax_id: 2 re-encrypted" in output
    assert "public tenants.Company.bank_account: 2 re-encrypted" in output
    assert "Done: 4 value(s) re-encrypted under key k2" in output
    for company in (first, second):
        assert all(raw.startswith("enc:v1:k2:") for raw in raw_columns(company))
    assert "Done: 0 value(s) re-encrypted" in rotate()

    # k1 can now be dropped from the ring.
    monkeypatch.setenv(ENV, f"k2:{k2}")
    reloaded = Company.objects.get(pk=first.pk)
    assert (reloaded.tax_id, reloaded.bank_account) == ("TAX-0", "IBAN-0")
    assert Company.objects.get(pk=second.pk).bank_account == "IBAN-1"
    assert reloaded.updated_at == unchanged_updated_at  # rotation is not a change of the company


@pytest.mark.django_db
def test_rotation_stops_on_a_value_it_cannot_decrypt_and_names_it(make_company, monkeypatch):
    monkeypatch.setenv(ENV, f"lost:{new_key()}")
    company = make_company().company
    company.tax_id = "TAX"
    company.save(update_fields=["tax_id"])
    monkeypatch.setenv(ENV, f"k2:{new_key()}")

    with pytest.raises(
        CommandError, match=rf"tenants.Company.tax_id pk={company.pk}: encryption_key_unknown"
    ):
        rotate()
    assert raw_columns(company)[0].startswith("enc:v1:lost:")  # nothing was written


@pytest.mark.django_db
def test_rotation_runs_tenant_app_columns_in_every_tenant_schema(make_company, monkeypatch):
    company = make_company().company
    shared_only = rotate_encryption_key.encrypted_columns()
    assert {(c.label, c.shared, c.tenant) for c in shared_only} >= {
        ("tenants.Company.tax_id", True, False),
        ("tenants.Company.bank_account", True, False),
    }
    # No tenant app has an encrypted column yet: pretend one has, and record where each column runs.
    as_tenant = [
        rotate_encryption_key.EncryptedColumn(model=c.model, field=c.field, shared=False, tenant=True)
        for c in shared_only
    ]
    seen: list[tuple[str, str]] = []

    def spy(*, column, active_key_id, batch_size):
        seen.append((current_schema(), column.label))
        return 0

    monkeypatch.setattr(rotate_encryption_key, "encrypted_columns", lambda: as_tenant)
    monkeypatch.setattr(rotate_encryption_key, "rotate_column", spy)

    output = rotate()

    assert (company.schema_name, "tenants.Company.tax_id") in seen
    assert (company.schema_name, "tenants.Company.bank_account") in seen
    assert all(schema != "public" for schema, _ in seen)
    schemas = set(Company.objects.values_list("schema_name", flat=True))
    assert {schema for schema, _ in seen} == schemas
    assert f"{len(schemas)} tenant schema(s)" in output
