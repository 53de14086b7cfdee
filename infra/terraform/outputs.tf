# What the operator needs after `terraform apply`: where Hansa answers, where to push the image, and the
# names to use with the AWS CLI (migrations, ECS Exec, restores). No secret values are output.

output "base_url" {
  description = "Hansa's public host (sign-up, marketplace, operator console at /console)."
  value       = "https://${var.base_domain}"
}

output "company_url_pattern" {
  description = "Where each company's workspace answers."
  value       = "https://<slug>.${var.base_domain}"
}

output "load_balancer_dns_name" {
  description = "DNS name of the load balancer (the apex and wildcard records alias it)."
  value       = aws_lb.main.dns_name
}

output "certificate_arn" {
  description = "ARN of the validated ACM certificate for the apex and *.<base_domain>."
  value       = aws_acm_certificate_validation.main.certificate_arn
}

output "ecr_repository_url" {
  description = "Push the Hansa image here (docker push <url>:<image_tag>), then set image_tag and apply."
  value       = aws_ecr_repository.hansa.repository_url
}

output "ecs_cluster_name" {
  description = "Name of the ECS cluster (services: web, worker, beat)."
  value       = aws_ecs_cluster.main.name
}

output "manage_task_definition" {
  description = "Family of the one-off task definition for manage.py commands (default command: migrate_schemas)."
  value       = aws_ecs_task_definition.app["manage"].family
}

output "migrate_command" {
  description = "AWS CLI command that runs the migrations (shared and every tenant schema) as a one-off task; run it before the first start and before each release."
  value = join(" ", [
    "aws ecs run-task --region ${local.region} --cluster ${aws_ecs_cluster.main.name}",
    "--task-definition ${aws_ecs_task_definition.app["manage"].family} --launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", aws_subnet.private[*].id)}],securityGroups=[${aws_security_group.app.id}],assignPublicIp=DISABLED}'",
  ])
}

output "private_subnet_ids" {
  description = "Private subnets of the tasks, the database and Redis (for one-off tasks)."
  value       = aws_subnet.private[*].id
}

output "app_security_group_id" {
  description = "Security group of the Hansa tasks (for one-off tasks)."
  value       = aws_security_group.app.id
}

output "db_instance_identifier" {
  description = "RDS instance identifier (point-in-time restores, snapshots)."
  value       = aws_db_instance.main.identifier
}

output "db_endpoint" {
  description = "Address:port of the PostgreSQL instance (reachable from the private subnets only)."
  value       = aws_db_instance.main.endpoint
}

output "redis_primary_endpoint" {
  description = "Primary endpoint of the Redis replication group (TLS, AUTH token; private subnets only)."
  value       = aws_elasticache_replication_group.main.primary_endpoint_address
}

output "data_bucket" {
  description = "S3 bucket for uploads (uploads/) and backups (backups/): KMS-encrypted, versioned, private."
  value       = aws_s3_bucket.data.id
}

output "logs_bucket" {
  description = "S3 bucket receiving the access logs of the data bucket and the load balancer."
  value       = aws_s3_bucket.logs.id
}

output "media_file_system_id" {
  description = "EFS file system mounted as MEDIA_ROOT by the web and worker tasks."
  value       = aws_efs_file_system.media.id
}

output "secret_arns" {
  description = "Secrets Manager ARN of every secret injected into the tasks, by environment variable name."
  value       = { for name, secret in aws_secretsmanager_secret.app : name => secret.arn }
}

output "kms_key_arn" {
  description = "The customer-managed KMS key encrypting this deployment's data at rest."
  value       = aws_kms_key.main.arn
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms publish to (subscribe pagers or chat here)."
  value       = aws_sns_topic.alarms.arn
}

output "backup_vault_name" {
  description = "AWS Backup vault holding the daily and monthly recovery points of the uploads file system and the database."
  value       = aws_backup_vault.main.name
}
