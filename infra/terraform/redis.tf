# ElastiCache Redis (cache and Celery broker): primary and replica in the two AZs with automatic
# failover, TLS in transit, KMS at rest, an AUTH token generated into Secrets Manager and read from there.

resource "random_password" "redis_auth" {
  length  = 64
  special = false # ElastiCache AUTH tokens refuse @ " / and it is embedded in REDIS_URL
}

resource "aws_secretsmanager_secret" "redis_auth_token" {
  #checkov:skip=CKV2_AWS_57:An ElastiCache AUTH token is rotated with ModifyReplicationGroup (ROTATE then SET) and a new REDIS_URL for every task at once; docs/operations.md describes it. A rotation Lambda would change the token without redeploying the tasks that use it.
  name                    = "${local.prefix}/redis-auth-token"
  description             = "AUTH token of Hansa's ElastiCache replication group (also part of REDIS_URL)"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "redis_auth_token" {
  secret_id     = aws_secretsmanager_secret.redis_auth_token.id
  secret_string = random_password.redis_auth.result
}

resource "aws_elasticache_subnet_group" "main" {
  name        = local.prefix
  description = "Hansa Redis: the private subnets"
  subnet_ids  = aws_subnet.private[*].id
}

resource "aws_elasticache_parameter_group" "main" {
  name        = "${local.prefix}-redis7"
  family      = "redis7"
  description = "Hansa: a broker must not evict queued tasks"

  # The cache and the Celery queues share the instance: evicting keys could drop queued tasks, so
  # writes fail loudly at the memory limit instead (the memory alarm fires long before).
  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id = local.prefix
  description          = "Hansa cache and Celery broker"
  engine               = "redis"
  engine_version       = var.redis_engine_version
  node_type            = var.redis_node_type
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.main.name

  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.main.name
  security_group_ids         = [aws_security_group.redis.id]

  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.main.arn
  transit_encryption_enabled = true
  auth_token                 = aws_secretsmanager_secret_version.redis_auth_token.secret_string

  snapshot_retention_limit   = var.redis_snapshot_retention_days
  snapshot_window            = "01:00-02:00"
  maintenance_window         = "sun:04:30-sun:05:30"
  auto_minor_version_upgrade = true
  apply_immediately          = false

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.redis_slow.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }
}

resource "aws_cloudwatch_log_group" "redis_slow" {
  name              = "/${var.name}/${var.environment}/redis-slow-log"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}
