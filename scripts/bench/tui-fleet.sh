#!/usr/bin/env bash
# TUI at fleet scale, the keypress part of fleet.sh alone (README "Fleet scale" / "tui2"): tools/FleetSim serves N
# simulated servers x M containers (TLS, key auth); scripts/bench/FleetBench runs the real console with MainWindow
# headless at 120x40, waits for every server online with metrics, then times 400 keys (j/k/PageDown/PageUp) from
# injection to redrawn screen, reads its RSS, and idles S seconds with the TUI open while this script reads its CPU.
# Prints each run and a table of medians. Usage: scripts/bench/tui-fleet.sh [servers] [containers] [runs] [idle-s]
# (default 1000 20 3 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/lib.sh
N=${1:-1000}; M=${2:-20}; RUNS=${3:-3}; IDLE=${4:-10}
dotnet build -c Release -v q --nologo tools/FleetSim/FleetSim.csproj >/dev/null
dotnet build -c Release -v q --nologo scripts/bench/FleetBench/FleetBench.csproj >/dev/null
SIM=tools/FleetSim/bin/Release/net10.0/FleetSim.dll
BENCH=scripts/bench/FleetBench/bin/Release/net10.0/FleetBench.dll
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
results=()
for run in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d)
  dotnet "$SIM" --dir "$dir" --servers "$N" --containers "$M" > "$dir/sim.log" 2>&1 &
  sim=$!
  wait_line "$dir/sim.log" "^ready"
  pin=$(grep -o 'tls SHA256:[^ ]*' "$dir/sim.log" | cut -d' ' -f2)
  dotnet "$BENCH" "$dir/monitor.toml" "$N" --pin "$pin" --idle "$IDLE" > "$dir/bench.log" 2>&1 &
  bench=$!
  wait_line "$dir/bench.log" "^idle_start"
  b0=$(ticks "$bench"); t0=$(date +%s.%N)
  wait_line "$dir/bench.log" "^idle_end"
  b1=$(ticks "$bench"); t1=$(date +%s.%N)
  wait "$bench" || { cat "$dir/bench.log" >&2; kill "$sim"; exit 1; }
  kill "$sim"; wait "$sim" 2>/dev/null || true
  cpu=$(awk -v b0="$b0" -v b1="$b1" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "idle_console_cpu_pct=%.1f", 100*(b1-b0)/hz/(t1-t0) }')
  line="$(head -1 "$dir/bench.log") $cpu load=$(cut -d' ' -f1 /proc/loadavg)"
  echo "run $run: $line"
  results+=("$line")
  rm -rf "$dir"
done
printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
rows = [dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in sys.stdin if line.strip()]
keys = ["key_p50_ms", "key_p99_ms", "key_max_ms", "rss_mb", "idle_console_cpu_pct", "online_ms", "load"]
print("%-22s %10s   (runs: %s)" % ("median of %d runs" % len(rows), "", ", ".join(r.get("key_p99_ms", "?") for r in rows)))
for k in keys:
    vals = [float(r[k]) for r in rows if r.get(k)]
    if vals: print("%-22s %10.2f" % (k, statistics.median(vals)))'
