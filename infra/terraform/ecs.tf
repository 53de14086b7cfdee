# ECS on Fargate: one image, four task definitions (web = gunicorn behind the load balancer, worker =
# Celery worker, beat = Celery beat, manage = one-off manage.py commands such as the migrations), three
# services. Tasks run in the private subnets as uid 1000 with a read-only root file system; writable
# paths are a scratch volume (HANSA_VAR_DIR, /tmp) and the shared uploads file system (MEDIA_ROOT).

resource "aws_ecr_repository" "hansa" {
  name                 = local.prefix
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.main.arn
  }
}

resource "aws_ecr_lifecycle_policy" "hansa" {
  repository = aws_ecr_repository.hansa.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the 50 newest images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }
      action       = { type = "expire" }
    }]
  })
}

resource "aws_cloudwatch_log_group" "ecs_exec" {
  name              = "/${var.name}/${var.environment}/ecs-exec"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_ecs_cluster" "main" {
  name = local.prefix

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  # `aws ecs execute-command` sessions (e.g. createsuperuser) are encrypted and logged.
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.main.arn
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.ecs_exec.name
      }
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

resource "aws_cloudwatch_log_group" "app" {
  for_each          = toset(["web", "worker", "beat", "manage"])
  name              = "/${var.name}/${var.environment}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

# --- IAM: the execution role (pull the image, read the secrets, write logs) and the task role (what
# Hansa's code may do: the data bucket, the uploads file system, ECS Exec). ---

resource "aws_iam_role" "execution" {
  name = "${local.prefix}-ecs-execution"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "execution_secrets" {
  name = "read-hansa-secrets"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = [for secret in aws_secretsmanager_secret.app : secret.arn]
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [aws_kms_key.main.arn]
      },
    ]
  })
}

resource "aws_iam_role" "task" {
  name = "${local.prefix}-ecs-task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "task" {
  name = "hansa-task"
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DataBucketObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion", "s3:AbortMultipartUpload"]
        Resource = ["${aws_s3_bucket.data.arn}/*"]
      },
      {
        Sid      = "DataBucketList"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucketLocation"]
        Resource = [aws_s3_bucket.data.arn]
      },
      {
        Sid      = "DataKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
        Resource = [aws_kms_key.main.arn]
      },
      {
        Sid      = "UploadsFileSystem"
        Effect   = "Allow"
        Action   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
        Resource = [aws_efs_file_system.media.arn]
        Condition = {
          StringEquals = { "elasticfilesystem:AccessPointArn" = aws_efs_access_point.media.arn }
        }
      },
      {
        Sid    = "EcsExecSessions"
        Effect = "Allow"
        Action = [
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ]
        Resource = ["*"]
      },
      {
        Sid      = "EcsExecLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
        Resource = ["${aws_cloudwatch_log_group.ecs_exec.arn}:*"]
      },
      {
        Sid      = "EcsExecLogGroups"
        Effect   = "Allow"
        Action   = ["logs:DescribeLogGroups"]
        Resource = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
      },
    ]
  })
}

# --- task definitions ---

locals {
  # What Hansa reads (settings.py, README's configuration table). Secrets come from Secrets Manager.
  app_environment = merge(
    {
      DEBUG                  = "0"
      DJANGO_SETTINGS_MODULE = "hansa.settings"
      HANSA_BASE_DOMAIN      = var.base_domain
      HANSA_SCHEME           = "https"
      HANSA_VAR_DIR          = local.var_dir
      HANSA_DEMO             = "0"
      HANSA_JSON_LOGS        = "1"
      HANSA_POOL_SIZE        = tostring(var.hansa_pool_size)
      SENTRY_ENVIRONMENT     = var.environment
    },
    var.default_from_email != "" ? { DEFAULT_FROM_EMAIL = var.default_from_email } : {},
    var.app_environment,
  )

  app_environment_list = [for name in sort(keys(local.app_environment)) : { name = name, value = local.app_environment[name] }]
  app_secrets_list     = [for name in sort(tolist(local.app_secret_names)) : { name = name, valueFrom = aws_secretsmanager_secret.app[name].arn }]

  scratch_mounts = [
    { sourceVolume = "var", containerPath = local.var_dir, readOnly = false },
    { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
  ]
  media_mount = { sourceVolume = "media", containerPath = "${local.var_dir}/media", readOnly = false }

  container_base = {
    image                  = local.image
    essential              = true
    user                   = "1000:1000"
    readonlyRootFilesystem = true
    privileged             = false
    environment            = local.app_environment_list
    secrets                = local.app_secrets_list
    linuxParameters        = { initProcessEnabled = true }
    stopTimeout            = 30
  }

  containers = {
    web = merge(local.container_base, {
      name         = "web"
      command      = var.web_command
      environment  = concat(local.app_environment_list, [{ name = "WEB_CONCURRENCY", value = tostring(var.web_concurrency) }])
      portMappings = [{ containerPort = 8000, protocol = "tcp" }]
      mountPoints  = concat(local.scratch_mounts, [local.media_mount])
      # Probes /healthz with the public host as Host header (the load balancer's probe sends the task's IP).
      healthCheck = {
        command     = ["CMD", "python", "-c", "import urllib.request as r; r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': '${var.base_domain}'}), timeout=4)"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 60
      }
    })
    worker = merge(local.container_base, {
      name        = "worker"
      command     = var.worker_command
      mountPoints = concat(local.scratch_mounts, [local.media_mount])
    })
    beat = merge(local.container_base, {
      name        = "beat"
      command     = var.beat_command
      mountPoints = local.scratch_mounts
    })
    manage = merge(local.container_base, {
      name        = "manage"
      command     = ["python", "manage.py", "migrate_schemas", "--noinput"]
      mountPoints = concat(local.scratch_mounts, [local.media_mount])
    })
  }

  task_sizes = {
    web    = { cpu = var.web_cpu, memory = var.web_memory }
    worker = { cpu = var.worker_cpu, memory = var.worker_memory }
    beat   = { cpu = var.beat_cpu, memory = var.beat_memory }
    manage = { cpu = var.worker_cpu, memory = var.worker_memory }
  }
}

resource "aws_ecs_task_definition" "app" {
  for_each = local.containers

  family                   = "${local.prefix}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = local.task_sizes[each.key].cpu
  memory                   = local.task_sizes[each.key].memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([merge(each.value, {
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app[each.key].name
        awslogs-region        = local.region
        awslogs-stream-prefix = each.key
      }
    }
  })])

  volume {
    name = "var"
  }

  volume {
    name = "tmp"
  }

  volume {
    name = "media"
    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.media.id
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = aws_efs_access_point.media.id
        iam             = "ENABLED"
      }
    }
  }
}

# --- services ---

resource "aws_ecs_service" "web" {
  name                              = "web"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.app["web"].arn
  desired_count                     = var.web_desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  enable_execute_command            = true
  propagate_tags                    = "SERVICE"
  health_check_grace_period_seconds = 60

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = 8000
  }

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  lifecycle {
    ignore_changes = [desired_count] # owned by auto scaling once running
  }

  depends_on = [aws_lb_listener.https]
}

resource "aws_ecs_service" "worker" {
  name                   = "worker"
  cluster                = aws_ecs_cluster.main.id
  task_definition        = aws_ecs_task_definition.app["worker"].arn
  desired_count          = var.worker_desired_count
  launch_type            = "FARGATE"
  platform_version       = "LATEST"
  enable_execute_command = true
  propagate_tags         = "SERVICE"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }

  deployment_minimum_healthy_percent = 50
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}

# Exactly one beat: a deployment stops the old task before starting the new one, so two schedulers
# never run at once (the scheduled tasks are idempotent sweeps, a short gap is harmless).
resource "aws_ecs_service" "beat" {
  name                   = "beat"
  cluster                = aws_ecs_cluster.main.id
  task_definition        = aws_ecs_task_definition.app["beat"].arn
  desired_count          = 1
  launch_type            = "FARGATE"
  platform_version       = "LATEST"
  enable_execute_command = true
  propagate_tags         = "SERVICE"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }

  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}

# --- web auto scaling on CPU ---

resource "aws_appautoscaling_target" "web" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.web.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.web_min_count
  max_capacity       = var.web_max_count
}

resource "aws_appautoscaling_policy" "web_cpu" {
  name               = "${local.prefix}-web-cpu"
  service_namespace  = aws_appautoscaling_target.web.service_namespace
  resource_id        = aws_appautoscaling_target.web.resource_id
  scalable_dimension = aws_appautoscaling_target.web.scalable_dimension
  policy_type        = "TargetTrackingScaling"

  target_tracking_scaling_policy_configuration {
    target_value       = 60
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
