#!/usr/bin/env bash
# Runs the console against this machine with the embedded (SQLite) store:
#   1. a console config dir in .state/console (MONITOR_CONFIG points there) made by `monitor init` (key + store),
#   2. an agent config in .state/agent (listen 127.0.0.1:8120, authorized_keys = the console's public key line),
#   3. monitor-agent started in the background unless something already listens on 127.0.0.1:8120,
#   4. `monitor server add local --url ws://127.0.0.1:8120` (once),
#   5. then `monitor` itself with your arguments: no arguments opens the TUI.
# Examples: scripts/run-local.sh
#           scripts/run-local.sh container list --server local
#           scripts/run-local.sh stop        (stops the agent this script started)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONSOLE_DIR="${REPO}/.state/console"
AGENT_DIR="${REPO}/.state/agent"
AGENT_PID="${AGENT_DIR}/agent.pid"
AGENT_LOG="${AGENT_DIR}/agent.log"
AGENT_HOST=127.0.0.1
AGENT_PORT=8120
AGENT_URL="ws://${AGENT_HOST}:${AGENT_PORT}"
export MONITOR_CONFIG="${CONSOLE_DIR}"

say() { printf 'run-local: %s\n' "$*" >&2; }
fail() { printf 'run-local: FAILED %s\n' "$*" >&2; exit 1; }

monitor() { "${REPO}/scripts/monitor" "$@"; }

# PID of the agent this script started, when it is still that process.
our_agent_pid() {
  [ -f "${AGENT_PID}" ] || return 1
  local pid; pid="$(cat "${AGENT_PID}")"
  [ -n "${pid}" ] && kill -0 "${pid}" 2>/dev/null && tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q 'monitor-agent.dll' || return 1
  echo "${pid}"
}

agent_listening() { ss -Hltn "sport = :${AGENT_PORT}" 2>/dev/null | grep -q "${AGENT_HOST}:${AGENT_PORT}\|0.0.0.0:${AGENT_PORT}\|\*:${AGENT_PORT}"; }

stop_agent() {
  local pid
  if pid="$(our_agent_pid)"; then
    kill "${pid}"
    for _ in $(seq 1 50); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.1; done
    kill -0 "${pid}" 2>/dev/null && kill -9 "${pid}"
    say "stopped monitor-agent (pid ${pid})"
  else
    say "no monitor-agent started by this script is running"
  fi
  rm -f "${AGENT_PID}"
}

if [ "${1:-}" = "stop" ]; then
  stop_agent
  exit 0
fi

mkdir -p "${CONSOLE_DIR}" "${AGENT_DIR}/work"

# 1. Console key and store.
pub_file="${CONSOLE_DIR}/console_key.pem.pub"
if [ ! -s "${pub_file}" ]; then
  init_out="$(monitor init)" || fail "monitor init did not succeed (see above); MONITOR_CONFIG=${MONITOR_CONFIG}"
  printf '%s\n' "${init_out}" >&2
fi
if [ -s "${pub_file}" ]; then
  key_line="$(grep -m1 '^monitor-ecdsa-p256 ' "${pub_file}")"
else
  key_line="$(printf '%s\n' "${init_out:-}" | grep -m1 -o 'monitor-ecdsa-p256 .*' || true)"
fi
[ -n "${key_line}" ] || fail "could not find the console's public key line (monitor-ecdsa-p256 ...) in ${pub_file} or in the output of monitor init"
say "console config in ${CONSOLE_DIR}"

# 2. Agent config: this console's key is the one key allowed in.
keys_file="${AGENT_DIR}/authorized_keys"
if ! grep -qxF "${key_line}" "${keys_file}" 2>/dev/null; then
  printf '# written by scripts/run-local.sh: the local console\n%s\n' "${key_line}" >"${keys_file}"
fi
cat >"${AGENT_DIR}/agent.toml" <<EOF
# written by scripts/run-local.sh
listen = "${AGENT_HOST}:${AGENT_PORT}"
authorized_keys = "${keys_file}"
work_dir = "${AGENT_DIR}/work"
docker_socket = "unix:///var/run/docker.sock"
EOF

# 3. Agent.
if agent_listening; then
  if pid="$(our_agent_pid)"; then say "monitor-agent already running (pid ${pid}) on ${AGENT_URL}"
  else say "something already listens on ${AGENT_HOST}:${AGENT_PORT}; using it as the local agent"; fi
else
  agent_dll="${REPO}/agent/bin/Debug/net10.0/monitor-agent.dll"
  [ -f "${agent_dll}" ] || "${REPO}/scripts/setup.sh" >&2
  setsid nohup dotnet "${agent_dll}" --config "${AGENT_DIR}/agent.toml" >"${AGENT_LOG}" 2>&1 </dev/null &
  echo $! >"${AGENT_PID}"
  for _ in $(seq 1 100); do
    agent_listening && break
    kill -0 "$(cat "${AGENT_PID}")" 2>/dev/null || break
    sleep 0.2
  done
  if ! agent_listening; then
    tail -n 20 "${AGENT_LOG}" >&2 || true
    rm -f "${AGENT_PID}"
    fail "monitor-agent did not start listening on ${AGENT_HOST}:${AGENT_PORT} (log: ${AGENT_LOG})"
  fi
  say "started monitor-agent (pid $(cat "${AGENT_PID}")) on ${AGENT_URL}; log ${AGENT_LOG}; stop it with: scripts/run-local.sh stop"
fi

# 4. The local server, once.
if ! monitor server list 2>/dev/null | grep -Eq '(^|[^[:alnum:]_-])local([^[:alnum:]_-]|$)'; then
  monitor server add local --url "${AGENT_URL}" >&2 || fail "monitor server add local --url ${AGENT_URL} did not succeed (see above)"
fi
say "server 'local' is ${AGENT_URL}"

# 5. The console.
exec "${REPO}/scripts/monitor" "$@"
