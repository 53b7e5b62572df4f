#!/usr/bin/env bash
# Benchmark (issue #10 figures): alert latency (container killed → webhook notification received, interval 10 s and
# 2 s; goal < one interval + 1 s) and the 7-day/1-minute metric history query on SQLite and PostgreSQL (goal < 20 ms).
# Needs Docker with local/busybox:latest and PostgreSQL (scripts/setup.sh); MONITOR_TEST_POSTGRES overrides it.
# Usage: scripts/bench/watch.sh [history|latency|all] [runs]   (BENCH_BACKEND=sqlite|postgres for one history backend)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet run -c Release --project "${here}/watch-bench/WatchBench.csproj" -- "${1:-all}" "${2:-}"
