# Shared names, the account/region data and the customer-managed KMS key every encrypted resource uses.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

# Exactly the two zones named (by default <region>a and <region>b): a zone AWS adds later never moves
# subnets around.
data "aws_availability_zones" "selected" {
  state = "available"

  filter {
    name   = "zone-name"
    values = length(var.availability_zones) > 0 ? var.availability_zones : ["${var.region}a", "${var.region}b"]
  }
}

locals {
  prefix     = "${var.name}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  azs        = slice(sort(data.aws_availability_zones.selected.names), 0, 2)

  image = var.container_image != "" ? var.container_image : "${aws_ecr_repository.hansa.repository_url}:${var.image_tag}"

  # HANSA_VAR_DIR inside the containers: a scratch volume (static files, beat schedule); uploads
  # (MEDIA_ROOT = <var dir>/media) are on EFS, shared by the web and worker tasks.
  var_dir = "/var/lib/hansa"
}

# One customer-managed key for the data at rest of this deployment: RDS (storage and Performance
# Insights), ElastiCache, S3, EFS, Secrets Manager, CloudWatch Logs, SNS, ECR, AWS Backup.
resource "aws_kms_key" "main" {
  description             = "${local.prefix}: data at rest of Hansa"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.${local.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"
          }
        }
      },
      {
        Sid       = "AlarmsPublishToTheTopic"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
        }
      },
    ]
  })
}

resource "aws_kms_alias" "main" {
  name          = "alias/${local.prefix}"
  target_key_id = aws_kms_key.main.key_id
}
