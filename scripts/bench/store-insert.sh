#!/usr/bin/env bash
# Benchmark: action insert throughput through the store (4 writers) and a lone writer's per-insert latency, on SQLite and
# PostgreSQL; median of RUNS runs (default 5). Builds the store-history bench once, then runs it with BENCH_ONLY_INSERT=1.
# Needs PostgreSQL (scripts/lib/postgres.sh); MONITOR_TEST_POSTGRES overrides the connection string.
# Usage: scripts/bench/store-insert.sh [actions, default 20000]   (RUNS=n, BENCH_BACKEND=sqlite|postgres for one)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-20000}"; runs="${RUNS:-5}"
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
dotnet build -c Release -nologo -v q "${here}/store-history/StoreHistoryBench.csproj" >"$out" 2>&1 || { cat "$out" >&2; exit 1; }
: >"$out"
dll="$(ls "${here}"/store-history/bin/Release/*/StoreHistoryBench.dll | head -1)"
for backend in ${BENCH_BACKEND:-sqlite postgres}; do
  for run in $(seq "$runs"); do
    BENCH_ONLY_INSERT=1 BENCH_BACKEND="$backend" dotnet "$dll" "$n" "$n" | sed "s/^/$backend /" >>"$out"
  done
done
python3 - "$out" "$n" "$runs" <<'PY'
import re, sys, statistics
rates, cpus, p50s, p95s = {}, {}, {}, {}
for line in open(sys.argv[1]):
    b = line.split()[0]
    if m := re.search(r"\(([\d,]+)/s, 4 writers; bench process CPU ([\d.]+) s", line):
        rates.setdefault(b, []).append(float(m[1].replace(",", ""))); cpus.setdefault(b, []).append(float(m[2]))
    if m := re.search(r"p50 ([\d.]+) ms, p95 ([\d.]+) ms", line):
        p50s.setdefault(b, []).append(float(m[1])); p95s.setdefault(b, []).append(float(m[2]))
print(f"{int(sys.argv[2]):,} actions, median of {sys.argv[3]} runs")
print("| backend | inserts/s, 4 writers | CPU s (bench process) | 1 writer p50 ms | 1 writer p95 ms | runs (inserts/s) |")
print("|---|---|---|---|---|---|")
for b in rates:
    med = statistics.median
    print(f"| {b} | {med(rates[b]):,.0f} | {med(cpus[b]):.1f} | {med(p50s[b]):.3f} | {med(p95s[b]):.3f} | "
          + " ".join(f"{r:,.0f}" for r in rates[b]) + " |")
PY
