#!/usr/bin/env bash
# Fleet figures (README "Fleet scale"): tools/FleetSim serves N simulated servers x M containers (real protocol, TLS,
# key auth) in one process; scripts/bench/FleetBench runs the real console headless (services, store, agent clients,
# MainWindow at 120x40) against it. Per run: time to all online with metrics, keypress redraw p50/p99, console RSS,
# console and simulator CPU over 10 s with the TUI open and idle, then 500 servers dropped for 10 s: time to see the
# drop, time until all are back, peak dials/s at the simulator. Prints each run and the medians.
# The console is published NativeAOT, like the shipped `monitor` (FLEET_BENCH=jit: the JIT build, as measured before).
# FLEET_SIM_ARGS: more FleetSim options (e.g. --old-watch: agents that ignore metrics.watch's hostOnly).
# Connect-phase figures: start_ms, first_online_ms, all_online_ms (TLS + auth done), online_cpu_ms / sim_cpu_ms (CPU
# of the console / the simulator from the console's clock start to all online with metrics).
# Usage: scripts/bench/fleet.sh [servers] [containers] [runs]     (default 1000 20 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/bench/lib.sh
N=${1:-1000}; M=${2:-20}; RUNS=${3:-3}; DROP=$((N / 2))
MODE=${FLEET_BENCH:-aot}
AOT_DIR=scripts/bench/FleetBench/bin/aot
# The simulator stands in for 1,000 agents that are NativeAOT on their own machines: it is published ReadyToRun so
# its JIT warm-up (~40 % of its connect-phase CPU when JIT-run) is not charged to the 2 cores it shares with the console.
SIM_DIR=tools/FleetSim/bin/r2r
[ -n "${BENCH_NO_BUILD:-}" ] || dotnet publish -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true -v q --nologo \
  -clp:'ErrorsOnly;NoSummary' -o "$SIM_DIR" tools/FleetSim/FleetSim.csproj >/dev/null
if [ "$MODE" = jit ]; then
  [ -n "${BENCH_NO_BUILD:-}" ] || dotnet build -c Release -v q --nologo scripts/bench/FleetBench/FleetBench.csproj >/dev/null
  BENCH_CMD=(dotnet scripts/bench/FleetBench/bin/Release/net10.0/FleetBench.dll)
else
  [ -n "${BENCH_NO_BUILD:-}" ] || dotnet publish -c Release -r linux-x64 -p:PublishAot=true -v q --nologo \
    -clp:'ErrorsOnly;NoSummary' -o "$AOT_DIR" scripts/bench/FleetBench/FleetBench.csproj >/dev/null
  BENCH_CMD=("$AOT_DIR/FleetBench")
fi
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
results=()
for run in $(seq 1 "$RUNS"); do
  dir=$(mktemp -d)
  mkfifo "$dir/ctl"
  # shellcheck disable=SC2086  # FLEET_SIM_ARGS is a list of options
  "$SIM_DIR/FleetSim" --dir "$dir" --servers "$N" --containers "$M" --stats ${FLEET_SIM_ARGS:-} < "$dir/ctl" > "$dir/sim.log" 2>&1 &
  sim=$!
  exec 3>"$dir/ctl"
  wait_line "$dir/sim.log" "^ready"
  pin=$(grep -o 'tls SHA256:[^ ]*' "$dir/sim.log" | cut -d' ' -f2)
  "${BENCH_CMD[@]}" "$dir/monitor.toml" "$N" --pin "$pin" --idle 10 --watch-drop 120 --sim-pid "$sim" > "$dir/bench.log" 2>&1 &
  bench=$!
  wait_line "$dir/bench.log" "^idle_start"
  s0=$(ticks "$sim"); b0=$(ticks "$bench"); t0=$(date +%s.%N)
  wait_line "$dir/bench.log" "^idle_end"
  s1=$(ticks "$sim"); b1=$(ticks "$bench"); t1=$(date +%s.%N)
  echo "drop $DROP 10" >&3
  wait "$bench" || { cat "$dir/bench.log" >&2; kill "$sim"; exit 1; }
  exec 3>&-
  kill "$sim"; wait "$sim" 2>/dev/null || true
  hz=$(getconf CLK_TCK)
  cpu=$(awk -v s0="$s0" -v s1="$s1" -v b0="$b0" -v b1="$b1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v n="$N" \
    'BEGIN { d = t1 - t0; printf "idle_console_cpu_pct=%.1f idle_sim_cpu_pct=%.1f idle_sim_cpu_per_server_pct=%.3f", 100*(b1-b0)/hz/d, 100*(s1-s0)/hz/d, 100*(s1-s0)/hz/d/n }')
  after=$(awk '/returned/{on=1; next} on && /dials\/s/ {if ($3 > m) m = $3} END {print m+0}' "$dir/sim.log")
  line="$(head -1 "$dir/bench.log") $(grep '^down_seen' "$dir/bench.log") $cpu peak_dials_per_s_after_return=$after"
  echo "run $run: $line"
  results+=("$line")
  rm -rf "$dir"
done
printf '%s\n' "${results[@]}" | kv_medians
