# The secrets Hansa reads from its environment, one Secrets Manager secret each, encrypted with the
# deployment's KMS key and injected into the task definitions by ECS (never in plain environment).
#
# Generated here: SECRET_KEY, HANSA_ENCRYPTION_KEYS, DATABASE_URL, REDIS_URL (and the Redis AUTH token,
# redis.tf). Supplied by the operator through sensitive variables, and only created and injected when
# non-empty: STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, SENTRY_DSN, EMAIL_URL (an empty value means
# "feature off" to Hansa, and ECS cannot inject an empty secret).

resource "random_password" "secret_key" {
  length  = 64
  special = false
}

# 32 random bytes per key id of HANSA_ENCRYPTION_KEYS (AES-256-GCM field encryption). A key stays as
# long as its id is listed: dropping an id before `manage.py rotate_encryption_key` has re-encrypted
# everything under the new key makes those values unreadable.
resource "random_bytes" "encryption_key" {
  for_each = toset(var.encryption_key_ids)
  length   = 32
}

locals {
  generated_secret_names = ["SECRET_KEY", "HANSA_ENCRYPTION_KEYS", "DATABASE_URL", "REDIS_URL"]

  optional_secret_values = {
    STRIPE_SECRET_KEY     = var.stripe_secret_key
    STRIPE_WEBHOOK_SECRET = var.stripe_webhook_secret
    SENTRY_DSN            = var.sentry_dsn
    EMAIL_URL             = var.email_url
  }
  # Which of them are set is not secret; their values are.
  optional_secret_names = [for name in keys(local.optional_secret_values) : name if nonsensitive(local.optional_secret_values[name] != "")]

  app_secret_values = merge(local.optional_secret_values, {
    SECRET_KEY = random_password.secret_key.result
    # <key id>:<base64url of 32 bytes>,... with the active key first, as kernel.crypto reads it.
    HANSA_ENCRYPTION_KEYS = join(",", [for id in var.encryption_key_ids : "${id}:${replace(replace(random_bytes.encryption_key[id].base64, "+", "-"), "/", "_")}"])
    # TLS required (the parameter group also refuses plain connections).
    DATABASE_URL = "postgres://${var.db_username}:${random_password.db.result}@${aws_db_instance.main.address}:${aws_db_instance.main.port}/${var.db_name}?sslmode=require"
    # rediss: TLS to ElastiCache, certificate verified (cache and Celery broker alike).
    REDIS_URL = "rediss://:${random_password.redis_auth.result}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379/0?ssl_cert_reqs=required"
  })

  app_secret_names = toset(concat(local.generated_secret_names, local.optional_secret_names))
}

resource "aws_secretsmanager_secret" "app" {
  #checkov:skip=CKV2_AWS_57:These values cannot be rotated by a rotation Lambda alone: DATABASE_URL and REDIS_URL change together with the database password / Redis token, HANSA_ENCRYPTION_KEYS needs a re-encryption run (manage.py rotate_encryption_key), SECRET_KEY ends every session, Stripe keys are rolled in Stripe. Rotation is a documented procedure (docs/operations.md) followed by a redeploy of the tasks.
  for_each = local.app_secret_names

  name                    = "${local.prefix}/${each.key}"
  description             = "Hansa ${each.key} (injected into the web, worker, beat and manage tasks)"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "app" {
  for_each = local.app_secret_names

  secret_id     = aws_secretsmanager_secret.app[each.key].id
  secret_string = local.app_secret_values[each.key]
}
