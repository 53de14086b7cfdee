"""Encrypt the MFA secrets allauth stored in the clear (TOTP secrets, recovery-code seeds).

From now on the MFA adapter encrypts them as they are written; this brings existing rows under the
active key of the key ring. Values that are already tokens are left as they are. Reversing decrypts
them again (for a downgrade to code that expects plain secrets).
"""

from django.db import migrations


def encrypt_existing(apps, schema_editor):
    from identity.mfa_secrets import reencrypt_data
    from kernel.crypto import active_key_id

    Authenticator = apps.get_model("mfa", "Authenticator")
    rows = list(Authenticator.objects.order_by("pk"))
    if not rows:
        return  # nothing to encrypt: no key ring needed
    active = active_key_id()
    for row in rows:
        if reencrypt_data(row.data, active_key_id=active, plaintext_allowed=True):
            Authenticator.objects.filter(pk=row.pk).update(data=row.data)


def decrypt_existing(apps, schema_editor):
    from identity.mfa_secrets import SECRET_KEYS, SECRET_LIST_KEYS, is_token, secret_decrypt

    Authenticator = apps.get_model("mfa", "Authenticator")
    for row in Authenticator.objects.order_by("pk"):
        data = dict(row.data)
        for key in SECRET_KEYS:
            if is_token(data.get(key)):
                data[key] = secret_decrypt(data[key])
        for key in SECRET_LIST_KEYS:
            if isinstance(data.get(key), list):
                data[key] = [secret_decrypt(v) if is_token(v) else v for v in data[key]]
        Authenticator.objects.filter(pk=row.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0003_audit_reason"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_existing, decrypt_existing)]
