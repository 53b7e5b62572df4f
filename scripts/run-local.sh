#!/usr/bin/env bash
# Runs the console against this machine with the embedded (SQLite) store:
#   1. a console config dir in .state/console (MONITOR_CONFIG=.state/console/monitor.toml) made by `monitor init`
#      (config, key pair, SQLite store; init never overwrites the key),
#   2. an agent config in .state/agent (listen 127.0.0.1:8120, authorized_keys = the console's public key line),
#   3. monitor-agent started in the background unless something already listens on 127.0.0.1:8120,
#   4. `monitor server add local --url wss://127.0.0.1:8120` (pins the agent's TLS certificate) (unless it is already there with that URL),
#   5. then `monitor` itself with your arguments: no arguments opens the TUI.
# Examples: scripts/run-local.sh
#           scripts/run-local.sh container list --server local
#           scripts/run-local.sh stop        (stops the agent this script started)
# Environment: MONITOR_LOCAL_PORT (default 8120) when that port is taken by something else.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONSOLE_DIR="${REPO}/.state/console"
AGENT_DIR="${REPO}/.state/agent"
AGENT_PID="${AGENT_DIR}/agent.pid"
AGENT_LOG="${AGENT_DIR}/agent.log"
AGENT_HOST=127.0.0.1
AGENT_PORT="${MONITOR_LOCAL_PORT:-8120}"
AGENT_URL="wss://${AGENT_HOST}:${AGENT_PORT}"
export MONITOR_CONFIG="${CONSOLE_DIR}/monitor.toml"

say() { printf 'run-local: %s\n' "$*" >&2; }
fail() { printf 'run-local: FAILED %s\n' "$*" >&2; exit 1; }

monitor() { "${REPO}/scripts/monitor" "$@"; }

# PID of the agent this script started, when it is still that process.
our_agent_pid() {
  [ -f "${AGENT_PID}" ] || return 1
  local pid; pid="$(cat "${AGENT_PID}")"
  [ -n "${pid}" ] && kill -0 "${pid}" 2>/dev/null && tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null | grep -q 'monitor-agent' || return 1
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

# 1. Console config, key and store (monitor init is idempotent and prints the public key line).
init_out="$(monitor init)" || fail "monitor init did not succeed (see above); MONITOR_CONFIG=${MONITOR_CONFIG}"
grep -q '(created)' <<<"${init_out}" && printf '%s\n' "${init_out}" >&2
key_line="$(grep -m1 '^monitor-ecdsa-p256 ' <<<"${init_out}" || true)"
[ -n "${key_line}" ] || fail "monitor init printed no public key line (monitor-ecdsa-p256 ...); output was: ${init_out}"
say "console config ${MONITOR_CONFIG}"

# 2. Agent config: this console's key is the one key allowed in.
keys_file="${AGENT_DIR}/authorized_keys"
keys_changed=0
if ! grep -qxF "${key_line}" "${keys_file}" 2>/dev/null; then
  printf '# written by scripts/run-local.sh: the local console\n%s\n' "${key_line}" >"${keys_file}"
  keys_changed=1
fi
cat >"${AGENT_DIR}/agent.toml" <<EOF
# written by scripts/run-local.sh
listen = "${AGENT_HOST}:${AGENT_PORT}"
authorized_keys = "${keys_file}"
work_dir = "${AGENT_DIR}/work"
docker_socket = "unix:///var/run/docker.sock"
EOF

# 3. Agent (restarted when the key list changed: the agent reads it at start).
if [ "${keys_changed}" = 1 ] && our_agent_pid >/dev/null; then
  stop_agent
fi
if agent_listening; then
  if pid="$(our_agent_pid)"; then say "monitor-agent already running (pid ${pid}) on ${AGENT_URL}"
  else
    say "warning: ${AGENT_HOST}:${AGENT_PORT} is taken by a process this script did not start; using it as the local agent."
    say "         If the console's key is refused, stop that process or pick another port: MONITOR_LOCAL_PORT=8121 scripts/run-local.sh"
  fi
else
  # An agent we started earlier on another port would be orphaned by a new PID file: stop it first.
  our_agent_pid >/dev/null && stop_agent
  [ -x "${REPO}/.state/publish/agent/monitor-agent" ] || [ -f "${REPO}/agent/bin/Debug/net10.0/monitor-agent.dll" ] || "${REPO}/scripts/setup.sh" >&2
  setsid nohup "${REPO}/scripts/monitor-agent" --config "${AGENT_DIR}/agent.toml" >"${AGENT_LOG}" 2>&1 </dev/null &
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

# 4. The local server, added once (kept out of the history on later runs).
if monitor server list 2>/dev/null | grep -Eq "^local[[:space:]]+${AGENT_URL}([[:space:]]|\$)"; then
  say "server 'local' is ${AGENT_URL}"
else
  add_out="$(monitor server add local --url "${AGENT_URL}")" || fail "monitor server add local --url ${AGENT_URL} did not succeed (see above)"
  say "server: ${add_out}"
fi

# 5. The console.
exec "${REPO}/scripts/monitor" "$@"
