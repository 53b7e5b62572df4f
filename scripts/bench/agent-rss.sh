#!/usr/bin/env bash
# The agent's resident memory and CPU, whole process, side by side with node_exporter (when installed): VmRSS and its
# anonymous / file-backed parts (/proc/PID/status) and the share of one core used, at idle (no console), with 50
# running containers, after 30 container lists, while `monitor logs -f` follows ~1,000 lines/s, while a stack deploy
# runs (git clone + docker build + push to a local registry + replace the container, all agent-side) and after it.
# Medians of RUNS agent starts. Publishes nothing: uses $AGENT_BIN, else .state/publish/agent/monitor-agent, and
# $MONITOR_BIN, else .state/publish/console/monitor (scripts/setup.sh publishes both).
# Usage: scripts/bench/agent-rss.sh [runs]     (default 3)   Docker objects: mt-bench-rss-*, removed at the end.
# The published agent trims its memory 2 s after start-up and after work (agent/Hosting/IdleTrimmer.cs);
# MONITOR_AGENT_IDLE_TRIM=0 in the environment measures it without. The wall time of the first list after idle shows
# what reading paged-out code back costs.
# AGENT_RSS_SMAPS=1 also prints the agent's largest mappings (from /proc/PID/smaps) after the deploy of the last run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-3}"
AGENT="${AGENT_BIN:-${ROOT}/.state/publish/agent/monitor-agent}"
MON="${MONITOR_BIN:-${ROOT}/.state/publish/console/monitor}"
[ -x "${MON}" ] || MON="${ROOT}/scripts/monitor"
[ -x "${AGENT}" ] || { echo "no agent at ${AGENT}; run scripts/setup.sh or set AGENT_BIN" >&2; exit 1; }
W="$(mktemp -d /tmp/agent-rss-XXXXXX)"; . "${ROOT}/scripts/bench/lib.sh"
IMG=local/busybox:latest; P=mt-bench-rss; AGENT_PID=""; FOLLOW_PID=""; NE_PID=""; REG_PID=""
cleanup() {
  set +e
  for pid in "${FOLLOW_PID}" "${AGENT_PID}" "${NE_PID}" "${REG_PID}"; do [ -n "${pid}" ] && kill "${pid}" 2>/dev/null && wait "${pid}" 2>/dev/null; done
  docker ps -aq --filter "name=${P}-" | xargs -r docker rm -f >/dev/null 2>&1
  docker images --format '{{.Repository}}:{{.Tag}}' | grep -F "${P}" | xargs -r docker rmi -f >/dev/null 2>&1
  rm -rf "${W}"
}
trap cleanup EXIT

median() { LC_ALL=C sort -g | awk '{a[NR]=$1} END {if (!NR) {print "-"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
status_mb() { awk -v k="$2:" '$1 == k {printf "%.1f", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
TCK=$(getconf CLK_TCK)
# sample NAME PID SECONDS: appends "rss anon file cpu%" of PID (RSS at the end of the window) to $W/NAME
sample() {
  local a b; a=$(cpu_ticks "$2"); sleep "$3"; b=$(cpu_ticks "$2")
  echo "$(status_mb "$2" VmRSS) $(status_mb "$2" RssAnon) $(status_mb "$2" RssFile) $(echo "scale=3; ($b - $a) * 100 / (${TCK} * $3)" | bc -l)" >>"${W}/$1"
}
col() { [ -f "${W}/$1" ] && awk -v c="$2" '{print $c}' "${W}/$1" | median || echo "-"; }
row() { printf '| %-58s | %6s | %6s | %6s | %7s |\n' "$1" "$(col "$2" 1)" "$(col "$2" 2)" "$(col "$2" 3)" "$(col "$2" 4)"; }
wait_port() { for _ in $(seq 300); do ss -Hltn "sport = :$1" | grep -q LISTEN && return 0; sleep 0.1; done; echo "nothing listens on :$1" >&2; return 1; }

export MONITOR_CONFIG="${W}/console/monitor.toml"
mkdir -p "${W}/console" "${W}/agent/work"
key_line="$("${MON}" init | grep -m1 '^monitor-ecdsa-p256 ')"
printf '%s\n' "${key_line}" >"${W}/agent/keys"
PORT="$(free_port)"; APP_PORT="$(free_port)"; REG="127.0.0.1:$(free_port)"
# Plain ws:// on loopback (the agent's memory, not TLS, is measured; BENCH_TLS_LINE="" measures the TLS default).
write_agent_toml "${PORT}"
start_agent() {
  "${AGENT}" --config "${W}/agent/agent.toml" >>"${W}/agent.log" 2>&1 & AGENT_PID=$!
  wait_port "${PORT}"
}
stop_agent() { kill "${AGENT_PID}"; wait "${AGENT_PID}" 2>/dev/null || true; AGENT_PID=""; }

echo "# agent ${AGENT} ($(stat -c %s "${AGENT}") bytes); console ${MON}; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); ${RUNS} starts" >&2

# Baseline: node_exporter (Debian's prometheus-node-exporter), started the same way, scraped once like Prometheus would.
if command -v prometheus-node-exporter >/dev/null; then
  NE_PORT="$(free_port)"
  for _ in $(seq "${RUNS}"); do
    prometheus-node-exporter --web.listen-address="127.0.0.1:${NE_PORT}" >/dev/null 2>&1 & NE_PID=$!
    wait_port "${NE_PORT}"; sleep 3; sample ne-idle "${NE_PID}" 5
    curl -fsS "http://127.0.0.1:${NE_PORT}/metrics" >/dev/null; sleep 2; sample ne-scraped "${NE_PID}" 5
    kill "${NE_PID}"; wait "${NE_PID}" 2>/dev/null || true; NE_PID=""
  done
fi

# Idle with none of this bench's containers, no console connected.
for _ in $(seq "${RUNS}"); do start_agent; sleep 3; sample idle0 "${AGENT_PID}" 5; stop_agent; done

# 50 running containers (49 sleepers + 1 writing ~1,000 lines/s for the follow phase), a registry and a stack to deploy.
for i in $(seq 1 49); do docker run -d --name "${P}-c${i}" "${IMG}" sleep 100000 >/dev/null; done
docker run -d --name "${P}-live" "${IMG}" sh -c 'while :; do seq 100; sleep 0.1; done' >/dev/null
start_registry "${REG}"
init_site_repo
echo "hello" >"${REPO}/www/index.html"
git -C "${REPO}" add -A; git -C "${REPO}" -c user.name=b -c user.email=b@example.invalid commit -qm init
cat >>"${MONITOR_CONFIG}" <<TOML

[registry]
address = "${REG}"

[[stacks]]
name = "${P}-web"
[stacks.repo]
url = "${REPO}"
branch = "main"
[stacks.build]
server = "b"
[stacks.deploy]
targets = ["b"]
ports = ["127.0.0.1:${APP_PORT}:8080"]
start_timeout_seconds = 30
TOML

for run in $(seq "${RUNS}"); do
  start_agent
  [ "${run}" = 1 ] && { "${MON}" server add b --url "ws://127.0.0.1:${PORT}" >/dev/null; "${MON}" sync >/dev/null; }
  sleep 3; sample idle50 "${AGENT_PID}" 5
  t0=$(now); "${MON}" container list --server b >/dev/null; echo "$(echo "($(now) - ${t0}) * 1000" | bc -l)" >>"${W}/list1.ms"
  sleep 2; sample list1 "${AGENT_PID}" 5
  for _ in $(seq 29); do "${MON}" container list --server b >/dev/null; done
  sleep 2; sample list30 "${AGENT_PID}" 5
  "${MON}" logs "${P}-live" --server b --follow --tail 0 >/dev/null 2>&1 & FOLLOW_PID=$!
  sleep 2; sample follow "${AGENT_PID}" 8
  kill "${FOLLOW_PID}"; wait "${FOLLOW_PID}" 2>/dev/null || true; FOLLOW_PID=""
  echo "content ${run} $(date +%s%N)" >"${REPO}/www/index.html"
  git -C "${REPO}" -c user.name=b -c user.email=b@example.invalid commit -qam "run ${run}"
  # While deploying: CPU over the whole deploy, RSS as the peak of 0.2 s samples.
  t0=$(now); c0=$(cpu_ticks "${AGENT_PID}"); peak=0; peak_anon=0; peak_file=0
  "${MON}" stack deploy "${P}-web" --wait >"${W}/deploy.out" 2>&1 & dpid=$!
  while kill -0 "${dpid}" 2>/dev/null; do
    r=$(status_mb "${AGENT_PID}" VmRSS)
    if awk -v a="${r}" -v b="${peak}" 'BEGIN {exit !(a > b)}'; then
      peak=${r}; peak_anon=$(status_mb "${AGENT_PID}" RssAnon); peak_file=$(status_mb "${AGENT_PID}" RssFile)
    fi
    sleep 0.2
  done
  wait "${dpid}" || { echo "stack deploy failed:" >&2; cat "${W}/deploy.out" >&2; exit 1; }
  c1=$(cpu_ticks "${AGENT_PID}"); t1=$(now)
  echo "${peak} ${peak_anon} ${peak_file} $(echo "scale=3; (${c1} - ${c0}) * 100 / (${TCK} * (${t1} - ${t0}))" | bc -l)" >>"${W}/deploy"
  echo "$(echo "${t1} - ${t0}" | bc -l)" >>"${W}/deploy.secs"
  sleep 5; sample after "${AGENT_PID}" 5
  if [ "${AGENT_RSS_SMAPS:-0}" = 1 ] && [ "${run}" = "${RUNS}" ]; then
    echo "# largest mappings (KB: Rss Anonymous path)" >&2
    awk '/^[0-9a-f]+-[0-9a-f]+ / {name=$6; if (name=="") name="[anon]"} /^Rss:/ {rss[name]+=$2} /^Anonymous:/ {an[name]+=$2}
         END {for (n in rss) if (rss[n] >= 256) printf "%8d %8d %s\n", rss[n], an[n], n}' "/proc/${AGENT_PID}/smaps" | sort -rn >&2
  fi
  stop_agent
done

echo "| ${AGENT##*/}, median of ${RUNS} starts | VmRSS MB | anon MB | file MB | CPU % |"
echo "|---|---|---|---|---|"
[ -f "${W}/ne-idle" ] && row "node_exporter (baseline), idle" ne-idle && row "node_exporter, 2 s after one scrape" ne-scraped
row "idle, no console, none of the bench's containers (5 s)" idle0
row "idle, no console, 50 running containers (5 s)" idle50
row "2 s after one \`container list\` (5 s)" list1
printf '| %-58s | %6s | %6s | %6s | %7s |\n' "(wall ms of that first \`container list\`, agent idle 8 s)" "$(median <"${W}/list1.ms")" "" "" ""
row "2 s after 30 \`container list\` (5 s)" list30
row "while \`logs -f\` follows ~1,000 lines/s (8 s)" follow
row "during \`stack deploy --wait\` (peak RSS; CPU over $(median <"${W}/deploy.secs") s)" deploy
row "5 s after the deploy (5 s)" after
