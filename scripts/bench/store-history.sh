#!/usr/bin/env bash
# Benchmark: history query time (every filter x sort, first and deep keyset pages) at N actions on SQLite and PostgreSQL.
# Needs PostgreSQL (scripts/lib/postgres.sh); MONITOR_TEST_POSTGRES overrides the connection string.
# Usage: scripts/bench/store-history.sh [records] [records-inserted-through-the-store]  (BENCH_BACKEND=sqlite|postgres for one)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet run -c Release --project "${here}/store-history/StoreHistoryBench.csproj" -- "${1:-100000}" "${2:-20000}"
