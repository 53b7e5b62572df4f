#!/usr/bin/env bash
# CLI and agent figures, whole processes, side by side with docker: start+list, restart, a 200,000-line log read to a
# pipe, live log latency at ~1,000 lines/s, and the agent's RSS / CPU (idle, 50 containers, after listing, during and
# after a long log read). Medians of RUNS runs. Uses the published builds (scripts/setup.sh makes .state/publish);
# MONITOR_PUBLISH=DIR measures another publish (DIR/console/monitor, DIR/agent/monitor-agent), e.g. an older commit.
# Usage: scripts/bench/cli-agent.sh [runs]      Docker objects: mt-bench-PID-* (its own, so two runs at once do not
# remove each other's containers), removed at the end.
# BENCH_CLI_ONLY=1 stops after the CLI rows (container list, container restart).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-5}"
PUB="${MONITOR_PUBLISH:-${REPO}/.state/publish}"
MON="${PUB}/console/monitor"; AGENT="${PUB}/agent/monitor-agent"
[ -x "${MON}" ] && [ -x "${AGENT}" ] || { echo "no published build in ${PUB}; run scripts/setup.sh" >&2; exit 1; }
W="$(mktemp -d)"; . "${REPO}/scripts/bench/lib.sh"
IMG=local/busybox:latest; AGENT_PID=""; P="mt-bench-$$"
cleanup() {
  [ -n "${AGENT_PID}" ] && kill "${AGENT_PID}" 2>/dev/null || true
  docker ps -aq --filter "name=${P}-" | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "${W}"
}
trap cleanup EXIT

median() { LC_ALL=C sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
# timeit N CMD...: "wall (cpu)": median wall seconds and median CPU seconds (user+sys of CMD and its children, which
# a loaded machine distorts much less than wall time) of N runs of CMD (output discarded)
timeit() {
  local n="$1"; shift; local i s cpu walls=() cpus=() TIMEFORMAT='%U %S'
  for i in $(seq "${n}"); do
    s=$(now)
    rm -f "${W}/failed"
    cpu=$( { time { "$@" >/dev/null 2>"${W}/err" || : >"${W}/failed"; }; } 2>&1 | awk '{print $1 + $2}')
    # a failed command must not pass for a fast one
    [ -e "${W}/failed" ] && { echo "FAILED: $* ($(tail -n 2 "${W}/err" | tr '\n' ' '))" >&2; echo "FAILED"; return; }
    walls+=("$(echo "$(now) - ${s}" | bc -l)"); cpus+=("${cpu}")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) ($(printf '%s\n' "${cpus[@]}" | median))"
}
rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
# cpu_percent PID SECONDS: share of one core the process used over that many seconds
cpu_percent() { local a b; a=$(cpu_ticks "$1"); sleep "$2"; b=$(cpu_ticks "$1"); echo "scale=2; ($b - $a) * 100 / ($(getconf CLK_TCK) * $2)" | bc -l; }
# row LABEL MONITOR DOCKER: the two cells and Monitor's wall median over docker's (the first number of each cell)
row() {
  local ratio; ratio=$(awk -v a="${2%% *}" -v b="${3%% *}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else print "-" }')
  printf '| %-52s | %14s | %14s | %6s |\n' "$1" "$2" "$3" "${ratio}"
}

export MONITOR_CONFIG="${W}/console/monitor.toml"
mkdir -p "${W}/console" "${W}/agent/work"
key_line="$("${MON}" init | grep -m1 '^monitor-ecdsa-p256 ')"
printf '%s\n' "${key_line}" >"${W}/agent/keys"
PORT="$(free_port)"
# Plain ws:// on loopback, like the older builds it is compared with (BENCH_TLS_LINE="" for a build without the key).
write_agent_toml "${PORT}"
"${AGENT}" --config "${W}/agent/agent.toml" >"${W}/agent.log" 2>&1 & AGENT_PID=$!
for _ in $(seq 200); do ss -Hltn "sport = :${PORT}" | grep -q LISTEN && break; sleep 0.1; done
"${MON}" server add b --url "ws://127.0.0.1:${PORT}" >/dev/null
sleep 5
idle_rss=$(rss_mb "${AGENT_PID}"); idle_cpu=$(cpu_percent "${AGENT_PID}" 10)

echo "# build ${PUB}; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); ${RUNS} runs per figure" >&2
docker run -d --name ${P}-sleep "${IMG}" sh -c 'trap "exit 0" TERM; while :; do sleep 0.1; done' >/dev/null
for i in $(seq 1 48); do docker run -d --name "${P}-c${i}" "${IMG}" sleep 100000 >/dev/null; done
docker run -d --name ${P}-logs "${IMG}" busybox awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%08d %071d\n", i, 0 }' >/dev/null
while [ "$(docker inspect -f '{{.State.Running}}' ${P}-logs)" = true ]; do sleep 0.2; done
sleep 5
c50_rss=$(rss_mb "${AGENT_PID}"); c50_cpu=$(cpu_percent "${AGENT_PID}" 10)

echo "| measure: median wall s (median CPU s) | Monitor | docker | Monitor / docker |"
echo "|---|---|---|---|"
row "container list (s, whole process)" "$(timeit "${RUNS}" "${MON}" container list --server b)" "$(timeit "${RUNS}" docker ps -a)"
after_list_rss=$(rss_mb "${AGENT_PID}")
row "container restart (s)" "$(timeit "${RUNS}" "${MON}" container restart ${P}-sleep --server b)" "$(timeit "${RUNS}" docker restart ${P}-sleep)"
# BENCH_CLI_ONLY=1: only the two CLI rows above (start + list, restart), a few minutes shorter.
[ "${BENCH_CLI_ONLY:-0}" = "1" ] && exit 0
logs_runs=$(( RUNS < 3 ? RUNS : 3 ))
mon_logs() { "${MON}" logs ${P}-logs --server b | cat >/dev/null; }
docker_logs() { docker logs ${P}-logs 2>&1 | cat >/dev/null; }
lines=$("${MON}" logs ${P}-logs --server b | wc -l)
# The CLI's CPU is not the whole cost: the agent and dockerd work for it too (per read, median-free averages).
DOCKERD_PID="$(pidof dockerd | cut -d' ' -f1)"; tick="$(getconf CLK_TCK)"
a0=$(cpu_ticks "${AGENT_PID}"); d0=$(cpu_ticks "${DOCKERD_PID}")
mon_cell="$(timeit "${logs_runs}" mon_logs)"
a1=$(cpu_ticks "${AGENT_PID}"); d1=$(cpu_ticks "${DOCKERD_PID}")
docker_cell="$(timeit "${logs_runs}" docker_logs)"
d2=$(cpu_ticks "${DOCKERD_PID}")
row "logs, ${lines} lines x 81 bytes, to a pipe (s)" "${mon_cell}" "${docker_cell}"
row "  CPU s per read: agent + dockerd (server side)" "$(echo "scale=2; ($a1 - $a0 + $d1 - $d0) / ($tick * $logs_runs)" | bc -l)" "$(echo "scale=2; ($d2 - $d1) / ($tick * $logs_runs)" | bc -l)"
logs_hwm=$(hwm_mb "${AGENT_PID}"); sleep 5; after_logs_rss=$(rss_mb "${AGENT_PID}")

# Live latency: 100 lines every 0.1 s; latency = time the reader got the line - Docker's timestamp of the line.
docker run -d --name ${P}-live "${IMG}" sh -c 'while :; do seq 100; sleep 0.1; done' >/dev/null
sleep 1
live() {
  python3 - "$@" <<'PY'
import subprocess, sys, time, datetime
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
# 10 s of lines, counted from the first one (a slow start must not eat the window); the first 200 are warm-up.
lat = []; end = time.time() + 120; buf = b""; started = False
while time.time() < end:
    chunk = p.stdout.read1(65536) if hasattr(p.stdout, "read1") else p.stdout.read(65536)
    got = time.time()
    if not chunk: break
    buf += chunk
    *lines, buf = buf.split(b"\n")
    for line in lines:
        ts = line.split(b" ", 1)[0].decode()
        try:
            main, frac = ts.rstrip("Z").split(".")
            t = datetime.datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp() + float("0." + frac)
        except ValueError:
            continue
        lat.append((got - t) * 1000)
        if not started: started = True; end = time.time() + 10
p.kill()
lat = sorted(lat[200:]) or [float("nan")]
print(f"{lat[len(lat)//2]:.1f} / {lat[int(len(lat)*0.99)-1]:.1f} ({len(lat)} lines)")
PY
}
( cpu_percent "${AGENT_PID}" 8 >"${W}/streaming.cpu"; rss_mb "${AGENT_PID}" >"${W}/streaming.rss" ) & sampler=$!
mon_live=$(live "${MON}" logs ${P}-live --server b --follow --timestamps --tail 0)
wait "${sampler}"
row "live latency p50 / p99 at ~1,000 lines/s (ms)" "${mon_live}" "$(live docker logs -f -t --tail 0 ${P}-live)"
docker rm -f ${P}-live >/dev/null

echo
echo "| agent (${AGENT##*/}) | RSS MB | CPU % of a core |"
echo "|---|---|---|"
echo "| idle, no containers of its own | ${idle_rss} | ${idle_cpu} (10 s) |"
echo "| idle, 50 more containers | ${c50_rss} | ${c50_cpu} (10 s) |"
echo "| after ${RUNS} lists and ${RUNS} restarts | ${after_list_rss} | |"
echo "| peak during the ${lines}-line log reads (VmHWM) | ${logs_hwm} | |"
echo "| 5 s after the log reads | ${after_logs_rss} | |"
echo "| while following ~1,000 lines/s (8 s) | $(cat "${W}/streaming.rss") | $(cat "${W}/streaming.cpu") |"
