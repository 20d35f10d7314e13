#!/usr/bin/env bash
# Adds a migration NAME to both providers' migration sets: ./scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/IamOps.Server --context SqliteIamOpsDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/IamOps.Server --context PostgresIamOpsDb --output-dir Data/Migrations/Postgres
