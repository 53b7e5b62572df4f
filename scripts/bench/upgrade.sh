#!/usr/bin/env bash
# `monitor server upgrade --all` of N agents (default 20): real agent processes on loopback, each running from its
# own directory (apphost copied, the rest of agent/bin/Debug linked), upgraded to a second single-file build that
# reports another version. Prints the wall time of the whole `monitor` process per run and the median of RUNS
# (default 3), for --wave 4 (the default) side by side with --wave 1 (one at a time, the baseline) and --wave N.
# Usage: scripts/bench/upgrade.sh   (env: N=20 RUNS=3 WAVES="4 1 20" NEXT=/path/to/monitor-agent)
# Needs the built console and agent (dotnet build) and, unless NEXT is given, publishes the next build once into
# .state/test-builds (what the upgrade tests use).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${N:-20}"; RUNS="${RUNS:-3}"; WAVES="${WAVES:-4 1 20}"
MONITOR="$REPO/console/bin/Debug/net10.0/monitor"; AGENT_DIR="$REPO/agent/bin/Debug/net10.0"
[ -x "$MONITOR" ] && [ -x "$AGENT_DIR/monitor-agent" ] || { echo "build first: dotnet build console/Monitor.Control.csproj agent/Monitor.Agent.csproj" >&2; exit 1; }
W="$(mktemp -d /tmp/mt-bench-upgrade-XXXXXX)"
source "$REPO/scripts/bench/lib.sh"
PIDS=()
cleanup() {
  for log in "$W"/a*/agent.log; do [ -f "$log" ] && PIDS+=($(grep -o 'new agent (pid [0-9]*' "$log" | grep -o '[0-9]*$' || true)); done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT

NEXT="${NEXT:-}"
if [ -z "$NEXT" ]; then
  stamp="$(sha256sum "$AGENT_DIR/monitor-agent.dll" | cut -c1-16)"; root="$REPO/.state/test-builds/agent-$stamp"; NEXT="$root/out/monitor-agent"
  if [ ! -x "$NEXT" ]; then
    echo "publishing the next agent build into $root ..." >&2
    dotnet publish "$REPO/agent/Monitor.Agent.csproj" -c Release -r linux-x64 --self-contained false -p:PublishSingleFile=true \
      -p:IncludeNativeLibrariesForSelfExtract=true -p:PublishAot=false -p:Version=99.0.0-upgradetest -p:DebugType=none \
      --artifacts-path "$root/artifacts" -o "$root/publish" -nologo -v q >&2
    mkdir -p "$root/out"; cp "$root/publish/monitor-agent" "$NEXT"; rm -rf "$root/artifacts"
  fi
fi
next_version="$("$NEXT" --version | cut -d' ' -f2)"

run_once() {  # $1 = wave; writes the seconds to $W/seconds
  local wave="$1" config="$W/console/monitor.toml"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for log in "$W"/a*/agent.log; do [ -f "$log" ] && for pid in $(grep -o 'new agent (pid [0-9]*' "$log" | grep -o '[0-9]*$' || true); do kill "$pid" 2>/dev/null || true; done; done
  PIDS=(); rm -rf "$W"/a* "$W/console"; mkdir -p "$W/console"
  "$MONITOR" --config "$config" init >/dev/null
  local key; key="$(head -1 "$W/console/console_key.pem.pub")"
  for i in $(seq -w 1 "$N"); do
    local d="$W/a$i"; mkdir -p "$d/bin" "$d/work"
    for f in "$AGENT_DIR"/*; do ln -s "$f" "$d/bin/$(basename "$f")"; done
    rm "$d/bin/monitor-agent"; cp "$AGENT_DIR/monitor-agent" "$d/bin/monitor-agent"
    echo "$key" > "$d/authorized_keys"
    local port; port="$(free_port)"; echo "$port" > "$d/port"
    MONITOR_AGENT_CONFIG="$d/absent.toml" MONITOR_AGENT_LISTEN="127.0.0.1:$port" MONITOR_AGENT_AUTHORIZED_KEYS="$d/authorized_keys" \
      MONITOR_AGENT_WORK_DIR="$d/work" "$d/bin/monitor-agent" >"$d/agent.log" 2>&1 &
    PIDS+=($!)
  done
  for i in $(seq -w 1 "$N"); do
    local d="$W/a$i"
    for _ in $(seq 600); do grep -q "listening on" "$d/agent.log" && break; sleep 0.1; done
    "$MONITOR" --config "$config" server add "a$i" --url "wss://127.0.0.1:$(cat "$d/port")" >/dev/null
  done
  local start end; start="$(now)"
  "$MONITOR" --config "$config" server upgrade --all --wave "$wave" --to "$NEXT" >"$W/upgrade-$wave.log" 2>&1 || { cat "$W/upgrade-$wave.log" >&2; exit 1; }
  end="$(now)"
  [ "$(grep -c " -> $next_version in " "$W/upgrade-$wave.log")" = "$N" ] || { echo "not every agent reports $next_version:" >&2; cat "$W/upgrade-$wave.log" >&2; exit 1; }
  python3 -c "print(f'{$end - $start:.1f}')" > "$W/seconds"
}

echo "server upgrade --all: $N agents on loopback, $(stat -c %s "$NEXT") bytes each, to $next_version; median of $RUNS runs"
for wave in $WAVES; do
  times=(); for _ in $(seq "$RUNS"); do run_once "$wave"; times+=("$(cat "$W/seconds")"); done
  median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
  echo "--wave $wave: median ${median} s (runs: ${times[*]})"
done
