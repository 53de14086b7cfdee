# Hansa on AWS: one root module (flat files, one concern per file; see README.md).

terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 7.0.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.6.0, < 4.0.0"
    }
  }

  # State holds generated secrets (the database password, the Redis auth token, SECRET_KEY and the field
  # encryption key): keep it in an encrypted, versioned, access-restricted backend. Configure it at init:
  #   terraform init -backend-config="bucket=..." -backend-config="key=hansa/terraform.tfstate" \
  #                  -backend-config="region=..." -backend-config="dynamodb_table=..."
  backend "s3" {
    encrypt = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      Application = "hansa"
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
