#!/usr/bin/env bash
# Central log figures (issue #12), whole processes:
#  1. shipping rate: a container's 200,000-line log (already written) kept by `monitor serve` ([logs] keep) from a real
#     monitor-agent into SQLite; lines/s = lines committed after the first batch / (last commit - first commit), median
#     of RUNS runs, each on a fresh store; side by side with `docker logs` reading the same log to a pipe (the baseline).
#  2. lag: a container printing ~1,000 lines/s while it is kept; lag = commit time (log_lines.kept) - Docker's timestamp
#     of the line (log_lines.at), p50/p99 over 20 s.
#  3. search over 10,000,000 kept lines on SQLite and PostgreSQL (scripts/bench/logsearch/: bulk INSERT ... SELECT, then
#     term queries through the store as `monitor logs search` makes them; p50/p95).
# Uses the published builds in .state/publish (scripts/setup.sh) when present, else builds Release. Needs Docker,
# sqlite3 and (for 3) PostgreSQL. Usage: scripts/bench/logsearch.sh [runs] [search-lines]   (SKIP_SEARCH=1 skips 3)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${1:-3}"; SEARCH_LINES="${2:-10000000}"; LINES="${SHIP_LINES:-200000}"
PUB="${MONITOR_PUBLISH:-${REPO}/.state/publish}"
if [ -x "${PUB}/console/monitor" ] && [ -x "${PUB}/agent/monitor-agent" ]; then
  MON=("${PUB}/console/monitor"); AGENT=("${PUB}/agent/monitor-agent")
else
  dotnet build "${REPO}/agent/Monitor.Agent.csproj" -c Release -nologo -v q >/dev/null
  dotnet build "${REPO}/console/Monitor.Control.csproj" -c Release -nologo -v q >/dev/null
  MON=(dotnet "${REPO}/console/bin/Release/net10.0/monitor.dll"); AGENT=(dotnet "${REPO}/agent/bin/Release/net10.0/monitor-agent.dll")
fi
W="$(mktemp -d)"; . "${REPO}/scripts/bench/lib.sh"
IMG=local/busybox:latest; AGENT_PID=""; SERVE_PID=""
cleanup() {
  [ -n "${SERVE_PID}" ] && kill "${SERVE_PID}" 2>/dev/null || true
  [ -n "${AGENT_PID}" ] && kill "${AGENT_PID}" 2>/dev/null || true
  docker ps -aq --filter name=mt-bench-logs | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "${W}"
}
trap cleanup EXIT
median() { LC_ALL=C sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f", m}'; }

export MONITOR_CONFIG="${W}/console/monitor.toml" MONITOR_BENCH_SECRET="bench-$$"
mkdir -p "${W}/console" "${W}/agent/work"
key_line="$("${MON[@]}" init | grep -m1 '^monitor-ecdsa-p256 ')"
printf '%s\n' "${key_line}" >"${W}/agent/keys"
PORT="$(free_port)"
printf 'tls = false\nlisten = "127.0.0.1:%s"\nauthorized_keys = "%s"\nwork_dir = "%s"\n' "${PORT}" "${W}/agent/keys" "${W}/agent/work" >"${W}/agent/agent.toml"
"${AGENT[@]}" --config "${W}/agent/agent.toml" >"${W}/agent.log" 2>&1 & AGENT_PID=$!
for _ in $(seq 200); do ss -Hltn "sport = :${PORT}" | grep -q LISTEN && break; sleep 0.1; done
base_config="$(cat "${MONITOR_CONFIG}")"

# serve_keeping NAME...: a fresh store, then `monitor serve` keeping those containers (sets SERVE_PID, DB)
serve_keeping() {
  rm -f "${W}/console/bench.db"*
  local keep; keep="$(printf '"%s",' "$@")"
  { echo "${base_config}" | sed 's/^sqlite_path = .*/sqlite_path = "bench.db"/'
    printf '\n[webhook]\nsecret_env = "MONITOR_BENCH_SECRET"\n\n[logs]\nkeep = [%s]\n' "${keep%,}"; } >"${MONITOR_CONFIG}"
  "${MON[@]}" server add bench --url "ws://127.0.0.1:${PORT}" >/dev/null
  DB="${W}/console/bench.db"
  "${MON[@]}" serve --listen "127.0.0.1:$(free_port)" >"${W}/serve.log" 2>&1 & SERVE_PID=$!
}
stop_serve() { kill "${SERVE_PID}" 2>/dev/null || true; wait "${SERVE_PID}" 2>/dev/null || true; SERVE_PID=""; }
q() { sqlite3 -cmd ".timeout 5000" "${DB}" "$1" 2>/dev/null || echo 0; }

echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); ${RUNS} runs; ${LINES} lines per shipping run" >&2
docker rm -f mt-bench-logs-flood >/dev/null 2>&1 || true
docker run --name mt-bench-logs-flood --network none "${IMG}" sh -c "seq 1 ${LINES} | sed 's/^/GET \/api\/orders status=200 took 12ms request=/'" >/dev/null
rates=(); dockers=(); cpus=()
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
for run in $(seq "${RUNS}"); do
  s=$(now); n=$(docker logs -t mt-bench-logs-flood 2>&1 | wc -l); dockers+=("$(echo "${n} / ($(now) - ${s})" | bc -l)")
  serve_keeping mt-bench-logs-flood
  for _ in $(seq 6000); do n_a="$(q 'SELECT count(*) FROM log_lines')"; [ "${n_a}" -gt 0 ] && break
    kill -0 "${SERVE_PID}" 2>/dev/null || { cat "${W}/serve.log" >&2; exit 1; }; sleep 0.05; done
  c_a=$(( $(ticks "${SERVE_PID}") + $(ticks "${AGENT_PID}") ))
  for _ in $(seq 36000); do [ "$(q 'SELECT count(*) FROM log_lines')" -ge "${LINES}" ] && break
    kill -0 "${SERVE_PID}" 2>/dev/null || { cat "${W}/serve.log" >&2; exit 1; }; sleep 0.1; done
  c_b=$(( $(ticks "${SERVE_PID}") + $(ticks "${AGENT_PID}") ))
  rates+=("$(q "SELECT (SELECT count(*) FROM log_lines WHERE kept > (SELECT min(kept) FROM log_lines)) * 1e6 / (max(kept) - min(kept)) FROM log_lines")")
  cpus+=("$(echo "(${LINES} - ${n_a}) * $(getconf CLK_TCK) / (${c_b} - ${c_a} + 1)" | bc -l)")
  echo "run ${run}: $(q 'SELECT count(*) FROM log_lines') lines kept, ${rates[-1]} lines/s, ${cpus[-1]} lines per CPU-second of serve + agent (docker logs: ${dockers[-1]} lines/s)" >&2
  stop_serve
done

docker rm -f mt-bench-logs-paced >/dev/null 2>&1 || true
docker run -d --name mt-bench-logs-paced --network none "${IMG}" sh -c 'i=0; while :; do j=0; while [ $j -lt 50 ]; do echo "paced line $i"; i=$((i+1)); j=$((j+1)); done; usleep 50000; done' >/dev/null
serve_keeping mt-bench-logs-paced
sleep 5; from=$(( $(date +%s) * 1000000 )); sleep 20
lags="$(q "SELECT kept - at FROM log_lines WHERE at > ${from} ORDER BY 1")"
stop_serve
pct() { awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; printf "%.0f", a[i]/1000}'; }
paced=$(echo "${lags}" | wc -l)

echo
echo "| log shipping (one agent → SQLite, whole processes) | figure |"
echo "|---|---|"
echo "| lines/s kept (median of ${RUNS}, ${LINES} lines) | $(printf '%s\n' "${rates[@]}" | median) |"
echo "| lines per CPU-second of serve + agent (CPU used by both processes together) | $(printf '%s\n' "${cpus[@]}" | median) |"
echo "| baseline: \`docker logs -t\` to a pipe, lines/s | $(printf '%s\n' "${dockers[@]}" | median) |"
echo "| lag p50 / p99 at ~1,000 lines/s (${paced} lines), ms | $(echo "${lags}" | pct 50) / $(echo "${lags}" | pct 99) |"

if [ "${SKIP_SEARCH:-}" != 1 ]; then
  echo
  echo "| store | term | hits | p50 ms | p95 ms |"
  echo "|---|---|---|---|---|"
  dotnet run -c Release --project "${REPO}/scripts/bench/logsearch/LogSearchBench.csproj" -- "${SEARCH_LINES}" 20
fi
