#!/usr/bin/env bash
# Agent CPU with 20 supervised apps vs the same agent with none (whole processes: the built monitor-agent and monitor).
# usage: scripts/bench/apps-cpu.sh [RUNS=3] [SECONDS=20]. Prints per-run CPU% of the agent process and the medians.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"; SECS="${2:-20}"
W="$(mktemp -d /tmp/mt-apps-bench.XXXXXX)"
source "$REPO/scripts/bench/lib.sh"
CG="mt-apps-bench$$"
AGENT_DLL="$REPO/agent/bin/Debug/net10.0/monitor-agent.dll"; CONSOLE_DLL="$REPO/console/bin/Debug/net10.0/monitor.dll"
[ -f "$AGENT_DLL" ] && [ -f "$CONSOLE_DLL" ] || dotnet build "$REPO/console" -v q --nologo >/dev/null
mon() { dotnet "$CONSOLE_DLL" --config "$W/monitor.toml" "$@"; }
cleanup() {
  [ -n "${AGENT_PID:-}" ] && kill "$AGENT_PID" 2>/dev/null || true
  for c in memory cpu cpuacct pids; do
    for d in /sys/fs/cgroup/$c/$CG/*/; do [ -d "$d" ] || continue; for p in $(cat "$d/cgroup.procs"); do kill -9 "$p" 2>/dev/null || true; done; done
  done
  sleep 0.5
  for c in memory cpu cpuacct pids; do rmdir /sys/fs/cgroup/$c/$CG/* /sys/fs/cgroup/$c/$CG 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT

mon init >/dev/null
PORT=$(free_port)
cat > "$W/agent.toml" <<TOML
listen = "127.0.0.1:$PORT"
authorized_keys = "$W/console_key.pem.pub"
work_dir = "$W/work"
apps_cgroup = "$CG"
tls = false
TOML
mkdir -p "$W/work"
dotnet "$AGENT_DLL" --config "$W/agent.toml" >"$W/agent.log" 2>&1 & AGENT_PID=$!
for _ in $(seq 200); do mon server add local --url "ws://127.0.0.1:$PORT" >/dev/null 2>&1 && break; sleep 0.1; done
cp "$W/monitor.toml" "$W/monitor.base.toml"

ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$AGENT_PID/stat"; }
HZ=$(getconf CLK_TCK)
measure() { local a b; a=$(ticks); sleep "$SECS"; b=$(ticks); echo "scale=2; ($b - $a) * 100 / $HZ / $SECS" | bc; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

with_apps() {
  cp "$W/monitor.base.toml" "$W/monitor.toml"
  for i in $(seq -w 1 20); do printf '\n[[apps]]\nname = "bench-%s"\nservers = ["local"]\ncommand = ["sleep", "3600"]\nmemory = "32m"\n' "$i" >> "$W/monitor.toml"; done
  mon sync >/dev/null
}
without_apps() { for i in $(seq -w 1 20); do mon app remove "bench-$i" --server local >/dev/null 2>&1 || true; done; }

: > "$W/idle"; : > "$W/busy"
sleep 3
for r in $(seq "$RUNS"); do
  without_apps; sleep 2; idle=$(measure); echo "$idle" >> "$W/idle"
  with_apps; sleep 2; busy=$(measure); echo "$busy" >> "$W/busy"
  running=$(mon --json app list --server local | grep -c '"state": "running"')
  echo "run $r: agent CPU ${idle}% with 0 apps, ${busy}% with $running running apps (over ${SECS} s)"
done
without_apps
echo "median: 0 apps $(median < "$W/idle")% | 20 apps $(median < "$W/busy")% of one core (Debug build, ${SECS} s windows, $RUNS runs)"
