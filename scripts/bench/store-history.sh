#!/usr/bin/env bash
# Benchmark: history query time with 100,000 actions on SQLite and PostgreSQL.
# Needs PostgreSQL (scripts/lib/postgres.sh); MONITOR_TEST_POSTGRES overrides the connection string.
# Usage: scripts/bench/store-history.sh [records]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet run -c Release --project "${here}/store-history/StoreHistoryBench.csproj" -- "${1:-100000}"
