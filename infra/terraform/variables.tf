# Every input of the deployment. Required: base_domain, route53_zone_name, alarm_email (or none) and
# image_tag; everything else has a production-minded default. See README.md for a worked example.

# --- Where and what ---------------------------------------------------------------------------------------

variable "region" {
  description = "AWS region to deploy into (e.g. eu-central-1)."
  type        = string
  default     = "eu-central-1"
}

variable "environment" {
  description = "Short environment name (prod, staging ...). Used in resource names and as SENTRY_ENVIRONMENT."
  type        = string
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.environment))
    error_message = "environment: 2-15 characters, lower-case letters, digits and '-', starting with a letter."
  }
}

variable "name" {
  description = "Name prefix of every resource (combined with environment: <name>-<environment>)."
  type        = string
  default     = "hansa"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.name))
    error_message = "name: 2-15 characters, lower-case letters, digits and '-', starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags put on every resource (merged with Application, Environment and ManagedBy)."
  type        = map(string)
  default     = {}
}

# --- DNS and TLS -------------------------------------------------------------------------------------------

variable "base_domain" {
  description = "Hansa's public host, HANSA_BASE_DOMAIN (e.g. hansa.example.com). Companies live on <slug>.<base_domain>; the certificate covers the apex and *.<base_domain>."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.base_domain))
    error_message = "base_domain must be a lower-case DNS name without scheme, port or trailing dot."
  }
}

variable "route53_zone_name" {
  description = "Name of the existing public Route 53 hosted zone that holds base_domain (the base domain itself or a parent of it, e.g. example.com). Terraform adds the certificate's validation records and the apex and wildcard aliases to it."
  type        = string
}

# --- Network ----------------------------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "CIDR block of the VPC. Two public and two private /20 subnets are carved out of it (one of each per availability zone)."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "The two availability zones to use (names, e.g. [\"eu-central-1a\", \"eu-central-1b\"]). Empty: <region>a and <region>b."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.availability_zones) == 0 || length(var.availability_zones) == 2
    error_message = "availability_zones: exactly two zone names, or empty."
  }
}

variable "single_nat_gateway" {
  description = "true: one NAT gateway for both private subnets (cheaper, but egress of the tasks depends on one AZ); false: one per AZ."
  type        = bool
  default     = false
}

# --- Container image and services ----------------------------------------------------------------------

variable "image_tag" {
  description = "Tag of the Hansa image in the ECR repository this module creates (see README.md, \"The image\": gunicorn and celery on the PATH, manage.py in the working directory, uid 1000). Tags are immutable: deploy a release by changing this value."
  type        = string
}

variable "container_image" {
  description = "Full image reference to run instead of <ECR repository>:<image_tag> (e.g. a registry of your own). Empty: the ECR repository of this module."
  type        = string
  default     = ""
}

variable "cpu_architecture" {
  description = "CPU architecture of the image and the Fargate tasks: X86_64 or ARM64 (Graviton, cheaper; build the image for linux/arm64)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture: X86_64 or ARM64."
  }
}

variable "web_command" {
  description = "Command of the web containers (gunicorn on port 8000; WEB_CONCURRENCY sets the workers)."
  type        = list(string)
  default     = ["gunicorn", "hansa.wsgi:application", "--bind", "0.0.0.0:8000", "--threads", "4", "--access-logfile", "-", "--worker-tmp-dir", "/tmp", "--graceful-timeout", "20"]
}

variable "worker_command" {
  description = "Command of the Celery worker containers."
  type        = list(string)
  default     = ["celery", "-A", "hansa", "worker", "--loglevel", "INFO", "--without-heartbeat", "--without-mingle", "--without-gossip"]
}

variable "beat_command" {
  description = "Command of the Celery beat container (exactly one runs; its schedule file lives on the task's scratch volume)."
  type        = list(string)
  default     = ["celery", "-A", "hansa", "beat", "--loglevel", "INFO", "--schedule", "/var/lib/hansa/celerybeat-schedule"]
}

variable "web_cpu" {
  description = "CPU units of one web task (1024 = 1 vCPU)."
  type        = number
  default     = 1024
}

variable "web_memory" {
  description = "Memory (MiB) of one web task."
  type        = number
  default     = 2048
}

variable "web_concurrency" {
  description = "Gunicorn worker processes per web task (WEB_CONCURRENCY); about 2 x vCPU + 1."
  type        = number
  default     = 3
}

variable "web_desired_count" {
  description = "Web tasks to run (spread over both AZs); auto scaling keeps it between web_min_count and web_max_count."
  type        = number
  default     = 2
}

variable "web_min_count" {
  description = "Least web tasks auto scaling keeps running."
  type        = number
  default     = 2
}

variable "web_max_count" {
  description = "Most web tasks auto scaling starts (on CPU above 60 %)."
  type        = number
  default     = 8
}

variable "worker_cpu" {
  description = "CPU units of one Celery worker task."
  type        = number
  default     = 1024
}

variable "worker_memory" {
  description = "Memory (MiB) of one Celery worker task."
  type        = number
  default     = 2048
}

variable "worker_desired_count" {
  description = "Celery worker tasks to run."
  type        = number
  default     = 2
}

variable "beat_cpu" {
  description = "CPU units of the Celery beat task."
  type        = number
  default     = 256
}

variable "beat_memory" {
  description = "Memory (MiB) of the Celery beat task."
  type        = number
  default     = 512
}

variable "health_check_path" {
  description = "Path the load balancer probes on each web task (Hansa's liveness probe). ALB health checks send the task's IP address as the Host header."
  type        = string
  default     = "/healthz"
}

variable "health_check_matcher" {
  description = "HTTP codes the load balancer's health check accepts. Hansa answers /healthz on any Host header (the probe sends the task's IP) over plain HTTP, so \"200\"."
  type        = string
  default     = "200"
}

variable "app_environment" {
  description = "Further non-secret environment variables for every Hansa container (README's configuration table), e.g. { HANSA_TRIAL_PLAN = \"growth\" }. Secrets go in the *_secret variables, never here."
  type        = map(string)
  default     = {}
}

variable "default_from_email" {
  description = "DEFAULT_FROM_EMAIL of the e-mails Hansa sends."
  type        = string
  default     = ""
}

variable "hansa_pool_size" {
  description = "HANSA_POOL_SIZE: ready tenant schemas Celery beat keeps in the warm pool."
  type        = number
  default     = 3
}

# --- Secrets supplied by the operator (sensitive; empty: the feature stays off) ----------------------------

variable "stripe_secret_key" {
  description = "STRIPE_SECRET_KEY (sk_live_...). Empty: offline billing (invoices paid by bank transfer). Stored in Secrets Manager and injected; it also lands in the Terraform state."
  type        = string
  default     = ""
  sensitive   = true
}

variable "stripe_webhook_secret" {
  description = "STRIPE_WEBHOOK_SECRET (whsec_...) of the webhook endpoint https://<base_domain>/api/billing/stripe/webhook/. Empty with Stripe off."
  type        = string
  default     = ""
  sensitive   = true
}

variable "sentry_dsn" {
  description = "SENTRY_DSN. Empty: Sentry off."
  type        = string
  default     = ""
  sensitive   = true
}

variable "email_url" {
  description = "EMAIL_URL of the SMTP server: an smtp:// URL with the SMTP credentials, host, port 587 and ?tls=True (README's configuration table; e.g. Amazon SES SMTP credentials). Empty: e-mails are written to files on the task's scratch volume, i.e. lost: set it in production."
  type        = string
  default     = ""
  sensitive   = true
}

variable "encryption_key_ids" {
  description = "Key ids of HANSA_ENCRYPTION_KEYS, the active (encrypting) key first; Terraform generates 32 random bytes per id and keeps them. Rotate: put a new id first, apply, redeploy, run manage.py rotate_encryption_key, then drop the old id (docs/operations.md)."
  type        = list(string)
  default     = ["k1"]

  validation {
    condition     = length(var.encryption_key_ids) > 0 && alltrue([for id in var.encryption_key_ids : can(regex("^[A-Za-z0-9_-]{1,32}$", id))])
    error_message = "encryption_key_ids: at least one id; each 1-32 characters of A-Z a-z 0-9 _ -."
  }
}

# --- PostgreSQL -------------------------------------------------------------------------------------------

variable "db_engine_version" {
  description = "PostgreSQL major(.minor) version of the RDS instance (15 or newer)."
  type        = string
  default     = "16"

  validation {
    condition     = tonumber(split(".", var.db_engine_version)[0]) >= 15
    error_message = "Hansa needs PostgreSQL 15 or newer."
  }
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.m7g.large"
}

variable "db_allocated_storage" {
  description = "Initial storage of the database (GiB, gp3)."
  type        = number
  default     = 100
}

variable "db_max_allocated_storage" {
  description = "Storage autoscaling ceiling (GiB)."
  type        = number
  default     = 1000
}

variable "db_multi_az" {
  description = "Run a synchronous standby in the second AZ (automatic failover). Leave on in production."
  type        = bool
  default     = true
}

variable "db_backup_retention_days" {
  description = "Days of automated backups (daily snapshots plus transaction logs: point-in-time recovery to any second in this window). 7-35."
  type        = number
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 7 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be between 7 and 35."
  }
}

variable "db_backup_window" {
  description = "Daily UTC window of the automated snapshot (hh24:mi-hh24:mi), outside the maintenance window."
  type        = string
  default     = "02:00-03:00"
}

variable "db_maintenance_window" {
  description = "Weekly UTC maintenance window (ddd:hh24:mi-ddd:hh24:mi)."
  type        = string
  default     = "sun:03:30-sun:04:30"
}

variable "db_name" {
  description = "Name of Hansa's database."
  type        = string
  default     = "hansa"
}

variable "db_username" {
  description = "Master user of the database (Hansa connects as this user; it owns every tenant schema)."
  type        = string
  default     = "hansa"
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database (switch off deliberately before a terraform destroy)."
  type        = bool
  default     = true
}

# --- Redis ------------------------------------------------------------------------------------------------

variable "redis_node_type" {
  description = "ElastiCache node type (cache and Celery broker)."
  type        = string
  default     = "cache.m7g.large"
}

variable "redis_engine_version" {
  description = "Redis OSS engine version of the replication group."
  type        = string
  default     = "7.1"
}

variable "redis_snapshot_retention_days" {
  description = "Days of daily Redis snapshots (the broker's queues survive a total loss of both nodes up to the last snapshot)."
  type        = number
  default     = 7
}

# --- Storage, logs and alarms -------------------------------------------------------------------------------

variable "log_retention_days" {
  description = "Retention of every CloudWatch log group (days; at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days: a CloudWatch retention of at least a year (365, 400, 545, 731, 1096, 1827, ...)."
  }
}

variable "backup_object_retention_days" {
  description = "Days the S3 bucket keeps objects under backups/ (per-tenant backup archives) before expiring them."
  type        = number
  default     = 90
}

variable "noncurrent_version_retention_days" {
  description = "Days the S3 buckets keep overwritten or deleted object versions."
  type        = number
  default     = 30
}

variable "alarm_email" {
  description = "E-mail address subscribed to the alarm topic (confirm the subscription mail). Empty: subscribe something else to the topic yourself."
  type        = string
  default     = ""
}

variable "alb_5xx_threshold_percent" {
  description = "Alarm when more than this percentage of requests answer 5xx (load balancer and targets) over 5 minutes."
  type        = number
  default     = 2
}

variable "waf_rate_limit_per_5min" {
  description = "WAF: requests one client address may send in 5 minutes before it is blocked for a while."
  type        = number
  default     = 3000
}
