#!/usr/bin/env bash
# Bootstrap of a fresh host to online, seconds by step (median of RUNS): each run makes a new network-namespace host
# with its own sshd (scripts/lib/netns.sh), a new console (`monitor init`), then times the whole
# `monitor server bootstrap` process (connect → check → host → upload → config → start → online, steps as reported
# by --json) and an immediate re-run (everything already right). Needs root (ip netns).
# Usage: scripts/bench/bootstrap.sh [RUNS]   (default 3)
#   BENCH_AGENT=PATH  the agent build to install (a single file or a directory); default: the newest packaged
#                     dist/monitor-agent-*-linux-x64/monitor-agent, made with `scripts/package.sh linux-x64` when missing.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
# shellcheck source=../lib/netns.sh
source "${REPO}/scripts/lib/netns.sh"
W="$(mktemp -d /tmp/mt-bench-boot.XXXXXX)"
HOSTDIR=""
cleanup() { [ -z "$HOSTDIR" ] || netns_down "$HOSTDIR"; rm -rf "$W"; }
trap cleanup EXIT

AGENT="${BENCH_AGENT:-}"
if [ -z "$AGENT" ]; then
  AGENT="$(ls -t "${REPO}"/dist/monitor-agent-*-linux-x64/monitor-agent 2>/dev/null | head -1 || true)"
  if [ -z "$AGENT" ]; then
    echo "bench: no packaged agent; running scripts/package.sh linux-x64 (once)" >&2
    "${REPO}/scripts/package.sh" linux-x64 >&2
    AGENT="$(ls -t "${REPO}"/dist/monitor-agent-*-linux-x64/monitor-agent | head -1)"
  fi
fi
MONITOR="${REPO}/.state/publish/console/monitor"
[ -x "$MONITOR" ] || MONITOR="${REPO}/console/bin/Debug/net10.0/monitor"
[ -x "$MONITOR" ] || { echo "bench: build the console first (scripts/setup.sh or dotnet build console)" >&2; exit 1; }
echo "bench: agent build ${AGENT} ($(du -sb "$AGENT" | cut -f1) bytes), console ${MONITOR}, ${RUNS} runs" >&2

for run in $(seq "$RUNS"); do
  HOSTDIR="$W/host$run"
  netns_up "$HOSTDIR"
  export MONITOR_CONFIG="$W/console$run/monitor.toml"
  "$MONITOR" init >/dev/null
  start=$(date +%s.%N)
  "$MONITOR" --json server bootstrap bench "root@${NETNS_IP}" --key "$NETNS_SSH_KEY" --accept-new \
    --agent-file "$AGENT" --prefix "$HOSTDIR/prefix" >"$W/first$run.json" 2>"$W/first$run.err" \
    || { cat "$W/first$run.err" >&2; exit 1; }
  first=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  "$MONITOR" --json server bootstrap bench "root@${NETNS_IP}" --key "$NETNS_SSH_KEY" \
    --agent-file "$AGENT" --prefix "$HOSTDIR/prefix" >"$W/again$run.json" 2>"$W/again$run.err" \
    || { cat "$W/again$run.err" >&2; exit 1; }
  again=$(echo "$(date +%s.%N) - $start" | bc)
  echo "$first $again" >"$W/wall$run"
  echo "bench: run $run: fresh host online in ${first} s, re-run ${again} s" >&2
  netns_down "$HOSTDIR"; HOSTDIR=""
done

python3 - "$W" "$RUNS" <<'PY'
import json, statistics, sys
w, runs = sys.argv[1], int(sys.argv[2])
firsts = [json.load(open(f"{w}/first{r}.json")) for r in range(1, runs + 1)]
agains = [json.load(open(f"{w}/again{r}.json")) for r in range(1, runs + 1)]
walls = [tuple(map(float, open(f"{w}/wall{r}").read().split())) for r in range(1, runs + 1)]
def fmt(xs): return f"{statistics.median(xs):.2f} s [" + ", ".join(f"{x:.2f}" for x in xs) + "]"
print("| Step | Fresh host | Re-run (nothing to do) |")
print("|---|---|---|")
for i, step in enumerate(firsts[0]["steps"]):
    name = step["step"]
    print(f"| {step['number']}. {name} | {fmt([f['steps'][i]['seconds'] for f in firsts])} ({firsts[0]['steps'][i]['status']}) "
          f"| {fmt([a['steps'][i]['seconds'] for a in agains])} ({agains[0]['steps'][i]['status']}) |")
print(f"| whole `monitor server bootstrap` process | **{fmt([x[0] for x in walls])}** | {fmt([x[1] for x in walls])} |")
PY
