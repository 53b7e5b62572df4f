#!/usr/bin/env bash
# `monitor serve` watching a simulated fleet (Watch figure of issue #10): tools/FleetSim with N servers x M containers,
# serve with [watch] interval 10s on PostgreSQL (a schema of its own). After a warm-up, over WINDOW seconds: CPU of
# the serve process, CPU of the PostgreSQL backends serving it (found by application_name), serve RSS, and the growth
# of the metric history (rows and bytes, extrapolated to a day). Prints one line per run and the medians.
# Usage: scripts/bench/serve-fleet.sh [servers] [containers] [window-seconds] [runs]   (default 200 50 60 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/lib.sh
N=${1:-200}; M=${2:-50}; WINDOW=${3:-60}; RUNS=${4:-3}
PG_BASE=${BENCH_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor_test"}
[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build -c Release -v q --nologo tools/FleetSim/FleetSim.csproj >/dev/null
[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build -c Release -v q --nologo console/Monitor.Control.csproj >/dev/null
SIM=tools/FleetSim/bin/Release/net10.0/FleetSim.dll
MON=console/bin/Release/net10.0/monitor.dll
export PGPASSWORD=monitor
psql_q() { psql -h 127.0.0.1 -U monitor -d monitor_test -Atq -c "$1"; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
results=()
sim=""; serve=""; schema=""
# A failed step (set -e) must not leave the simulator, serve or the schema behind.
cleanup() { for p in $serve $sim; do kill "$p" 2>/dev/null || true; done; [ -n "$schema" ] && psql_q "DROP SCHEMA IF EXISTS \"$schema\" CASCADE" >/dev/null 2>&1 || true; }
trap cleanup EXIT
for run in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d); schema="mt_bench_serve_$$_$run"; app="monitor-bench-$$-$run"
  dotnet "$SIM" --dir "$dir" --servers "$N" --containers "$M" --postgres "$PG_BASE;Search Path=$schema;Application Name=$app" > "$dir/sim.log" 2>&1 &
  sim=$!
  wait_line "$dir/sim.log" "^ready"
  printf '\n[watch]\ninterval = "10s"\n' >> "$dir/monitor.toml"
  # TOML arrays of tables must follow the [watch] table's keys: move it above the first [[servers]].
  python3 - "$dir/monitor.toml" <<'PY'
import sys; p = sys.argv[1]; s = open(p).read(); w = '\n[watch]\ninterval = "10s"\n'; s = s.replace(w, '')
i = s.index('[[servers]]'); open(p, 'w').write(s[:i] + '[watch]\ninterval = "10s"\n\n[webhook]\nsecret_env = "MONITOR_BENCH_SECRET"\n\n' + s[i:])
PY
  dotnet "$MON" --config "$dir/monitor.toml" sync > /dev/null
  port=$((20000 + RANDOM % 20000)); export MONITOR_BENCH_SECRET=bench-only-secret
  dotnet "$MON" --config "$dir/monitor.toml" serve --listen "127.0.0.1:$port" > "$dir/serve.log" 2>&1 &
  serve=$!
  sleep 30 # warm-up: every server connected and pinned, the first samples written
  kill -0 "$serve" 2>/dev/null || { cat "$dir/serve.log" >&2; kill "$sim"; exit 1; }
  pids=$(psql_q "SELECT pid FROM pg_stat_activity WHERE application_name = '$app'" | tr '\n' ' ')
  rows0=$(psql_q "SELECT count(*) FROM \"$schema\".metric_history"); bytes0=$(psql_q "SELECT pg_total_relation_size('\"$schema\".metric_history')")
  # Backends that close during the window (a pool shrinking) drop out: their CPU time leaves with them.
  declare -A pt=(); s0=$(ticks "$serve"); p0=0; for p in $pids; do pt[$p]=$(ticks "$p"); done; t0=$(date +%s.%N)
  sleep "$WINDOW"
  s1=$(ticks "$serve"); p1=0; t1=$(date +%s.%N)
  for p in $pids; do now=$(ticks "$p"); [ "$now" -ge "${pt[$p]}" ] && p1=$((p1 + now - ${pt[$p]})); done
  rows1=$(psql_q "SELECT count(*) FROM \"$schema\".metric_history"); bytes1=$(psql_q "SELECT pg_total_relation_size('\"$schema\".metric_history')")
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$serve/status")
  kill "$serve" "$sim"; wait "$serve" "$sim" 2>/dev/null || true
  psql_q "DROP SCHEMA IF EXISTS \"$schema\" CASCADE" >/dev/null 2>&1
  sim=""; serve=""; schema=""
  hz=$(getconf CLK_TCK)
  line=$(awk -v s0="$s0" -v s1="$s1" -v p0="$p0" -v p1="$p1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v r0="$rows0" -v r1="$rows1" -v b0="$bytes0" -v b1="$bytes1" -v rss="$rss" \
    'BEGIN { d = t1 - t0; printf "serve_cpu_pct=%.2f postgres_cpu_pct=%.2f serve_rss_mb=%d rows_per_day=%d mb_per_day=%.0f", 100*(s1-s0)/hz/d, 100*(p1-p0)/hz/d, rss, (r1-r0)*86400/d, (b1-b0)*86400/d/1048576 }')
  echo "run $run: $line"
  results+=("$line")
  rm -rf "$dir"
done
printf '%s\n' "${results[@]}" | kv_medians
