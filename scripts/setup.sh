#!/usr/bin/env bash
# Prepares this machine to build and test Monitor: installs the real services the tests use (Docker,
# PostgreSQL, sshd, a registry, tmux, git), starts what is down, makes the local base image and builds.
# Idempotent and quiet: a second run changes nothing and takes a few seconds. One line per step.
# Runs as root on Debian 12 with the .NET 10 SDK; needs no stdin or TTY (CI=true is fine).
# Environment: SETUP_FORCE_BUILD=1 rebuilds even when nothing changed; SETUP_SKIP_BUILD=1 skips the build;
# SETUP_BASE_IMAGE names the base image (default local/busybox:latest, which the tests use).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${REPO}/.state"
mkdir -p "${STATE}"
export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

BASE_IMAGE="${SETUP_BASE_IMAGE:-local/busybox:latest}"
PACKAGES=(docker.io docker-registry docker-compose busybox-static openssh-server postgresql tmux zsh git iproute2 procps ca-certificates caddy curl e2fsprogs util-linux mount)
PACKAGES+=(python3-aiosmtpd)  # watch: the local SMTP sink of the email channel tests
PACKAGES+=(clang zlib1g-dev)  # NativeAOT publish (console; agent)
PACKAGES+=(prometheus-node-exporter)  # the agent footprint baseline of scripts/bench/agent-rss.sh (not started as a service)

step() { printf 'setup: %-10s %s\n' "$1" "$2"; }
fail() { printf 'setup: FAILED %s\n' "$*" >&2; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || fail "$1 needs root; run scripts/setup.sh as root (sudo scripts/setup.sh)"; }

# Runs a command quietly; on failure shows its output and stops.
quiet() {
  local log; log="$(mktemp)"
  if ! "$@" >"${log}" 2>&1; then
    cat "${log}" >&2; rm -f "${log}"
    fail "command failed: $*"
  fi
  rm -f "${log}"
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "${p}" 2>/dev/null | grep -q 'install ok installed' || missing+=("${p}")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    step packages "all present (${#PACKAGES[@]})"
    return
  fi
  need_root "installing ${missing[*]}"
  quiet apt-get update -qq
  quiet apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
  step packages "installed ${missing[*]}"
}

docker_answers() { timeout 10 docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

start_docker() {
  if docker_answers; then
    step docker "running (API $(docker version --format '{{.Server.APIVersion}}'))"
    return
  fi
  need_root "starting dockerd"
  if pgrep -x dockerd >/dev/null; then
    step docker "dockerd is starting; waiting for it"
  else
    setsid nohup dockerd >"${STATE}/dockerd.log" 2>&1 </dev/null &
  fi
  for _ in $(seq 1 120); do
    docker_answers && break
    sleep 0.5
  done
  docker_answers || { tail -n 20 "${STATE}/dockerd.log" >&2 || true; fail "dockerd did not answer within 60 s (log: ${STATE}/dockerd.log)"; }
  step docker "started dockerd (log: ${STATE}/dockerd.log)"
}

# The base image tests run: busybox-static imported as an image (no internet, so no docker pull).
make_base_image() {
  if docker image inspect "${BASE_IMAGE}" >/dev/null 2>&1; then
    step image "${BASE_IMAGE} present"
    return
  fi
  local root applet
  root="$(mktemp -d)"
  mkdir -p "${root}/bin" "${root}/etc" "${root}/tmp" "${root}/www"
  chmod 1777 "${root}/tmp"
  cp /bin/busybox "${root}/bin/busybox"
  for applet in sh ls cat echo sleep httpd seq date printf wget env true false mkdir rm hostname ps id nc; do
    ln -s busybox "${root}/bin/${applet}"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"${root}/etc/passwd"
  printf 'root:x:0:\n' >"${root}/etc/group"
  tar -C "${root}" -c . | quiet docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "${BASE_IMAGE}"
  rm -rf "${root}"
  step image "imported ${BASE_IMAGE} from /bin/busybox"
}

start_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && PGPASSWORD=monitor psql -qtAX -h 127.0.0.1 -U monitor -d monitor_test -c 'SELECT 1' >/dev/null 2>&1; then
    step postgres "running; role monitor and database monitor_test ready"
    return
  fi
  need_root "starting PostgreSQL"
  quiet "${REPO}/scripts/lib/postgres.sh"
  step postgres "started on 127.0.0.1:5432; role monitor / database monitor_test"
}

start_sshd() {
  local made=""
  if ! ls /etc/ssh/ssh_host_*_key >/dev/null 2>&1; then
    need_root "creating sshd host keys"
    quiet ssh-keygen -A
    made="made host keys; "
  fi
  if ss -Hltn 'sport = :22' 2>/dev/null | grep -Eq '(127\.0\.0\.1|0\.0\.0\.0|\*|\[::\]):22'; then
    step sshd "${made}listening on 127.0.0.1:22"
    return
  fi
  need_root "starting sshd"
  mkdir -p /run/sshd
  quiet /usr/sbin/sshd -o ListenAddress=127.0.0.1 -o Port=22
  for _ in $(seq 1 20); do
    ss -Hltn 'sport = :22' | grep -q ':22' && break
    sleep 0.25
  done
  ss -Hltn 'sport = :22' | grep -q ':22' || fail "sshd did not start listening on 127.0.0.1:22"
  step sshd "${made}started on 127.0.0.1:22"
}

# Caddy for routes: admin API on loopback only, no config file (agents configure it through the API); no systemd here.
start_caddy() {
  if curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:2019/config/ 2>/dev/null; then
    step caddy "admin API on 127.0.0.1:2019"
    return
  fi
  mkdir -p "${STATE}/caddy"
  printf '{"admin":{"listen":"127.0.0.1:2019"}}\n' > "${STATE}/caddy/bootstrap.json"
  HOME="${STATE}/caddy" XDG_DATA_HOME="${STATE}/caddy/data" XDG_CONFIG_HOME="${STATE}/caddy/config" \
    nohup caddy run --config "${STATE}/caddy/bootstrap.json" >"${STATE}/caddy.log" 2>&1 &
  for _ in $(seq 1 40); do
    curl -fsS -o /dev/null --max-time 1 http://127.0.0.1:2019/config/ 2>/dev/null && break
    sleep 0.25
  done
  curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:2019/config/ || fail "caddy did not start (log: ${STATE}/caddy.log)"
  step caddy "started; admin API on 127.0.0.1:2019 (log: ${STATE}/caddy.log)"
}

# Fingerprint of the build inputs (every source file's path, size and mtime): catches edits, new and deleted files.
source_fingerprint() {
  find "${REPO}" \( -path "${REPO}/.git" -o -path "${REPO}/.state" -o -name bin -o -name obj -o -name TestResults -o -name BenchmarkDotNet.Artifacts \) -prune -o \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.sln' -o -name '*.json' -o -name '*.toml' \) \
    -printf '%P %s %T@\n' | LC_ALL=C sort | md5sum | cut -d' ' -f1
}

build_is_current() {
  local stamp="${STATE}/build.stamp"
  [ -f "${stamp}" ] || return 1
  [ -f "${REPO}/console/bin/Debug/net10.0/monitor.dll" ] || return 1
  [ -f "${REPO}/agent/bin/Debug/net10.0/monitor-agent.dll" ] || return 1
  [ "$(cat "${stamp}")" = "$(source_fingerprint)" ]
}

build() {
  if [ "${SETUP_SKIP_BUILD:-0}" = "1" ]; then
    step build "skipped (SETUP_SKIP_BUILD=1)"
    return
  fi
  if [ "${SETUP_FORCE_BUILD:-0}" != "1" ] && build_is_current; then
    step build "up to date"
    return
  fi
  command -v dotnet >/dev/null || fail "dotnet not found; install the .NET 10 SDK and put dotnet on PATH"
  local started=${SECONDS}
  local fingerprint; fingerprint="$(source_fingerprint)"
  quiet dotnet restore "${REPO}/Monitor.sln" -v q --nologo
  if ! dotnet build "${REPO}/Monitor.sln" --no-restore -v q --nologo -clp:'ErrorsOnly;NoSummary' >"${STATE}/build.log" 2>&1; then
    grep -E ': error ' "${STATE}/build.log" | sort -u >&2 || cat "${STATE}/build.log" >&2
    fail "dotnet build Monitor.sln (full log: ${STATE}/build.log)"
  fi
  printf '%s\n' "${fingerprint}" >"${STATE}/build.stamp"
  step build "built Monitor.sln in $((SECONDS - started)) s"
}

# publish_one NAME PROJECT [ARGS...]: dotnet publish PROJECT (Release, linux-x64) into .state/publish/NAME.
publish_one() {
  local name="$1" project="$2"; shift 2
  if ! dotnet publish "${REPO}/${project}" -c Release -r linux-x64 "$@" -o "${STATE}/publish/${name}" \
       -v q --nologo -clp:'ErrorsOnly;NoSummary' >"${STATE}/publish.log" 2>&1; then
    cat "${STATE}/publish.log" >&2; fail "dotnet publish ${project} (log: ${STATE}/publish.log)"
  fi
}

# Release builds for the wrappers (scripts/monitor, scripts/monitor-agent, run-local.sh): the console NativeAOT (its
# csproj; clang and zlib1g-dev link it), so the CLI starts like docker's. Incremental: skipped when the sources match
# the last publish; SETUP_SKIP_PUBLISH=1 skips it.
publish() {
  local stamp="${STATE}/publish.stamp" fingerprint
  if [ "${SETUP_SKIP_BUILD:-0}" = "1" ] || [ "${SETUP_SKIP_PUBLISH:-0}" = "1" ]; then step publish "skipped"; return; fi
  fingerprint="$(source_fingerprint)"
  if [ "${SETUP_FORCE_BUILD:-0}" != "1" ] && [ -x "${STATE}/publish/console/monitor" ] && [ -x "${STATE}/publish/agent/monitor-agent" ] \
     && [ "$(cat "${stamp}" 2>/dev/null)" = "${fingerprint}" ]; then step publish "up to date"; return; fi
  local started=${SECONDS}
  rm -rf "${STATE}/publish/console" "${STATE}/publish/agent"  # NativeAOT outputs: no stale files from an older mode
  publish_one console console/Monitor.Control.csproj
  publish_one agent agent/Monitor.Agent.csproj
  printf '%s\n' "${fingerprint}" >"${stamp}"
  step publish "published Release console and agent (both NativeAOT) to .state/publish in $((SECONDS - started)) s"
}

install_packages
start_docker
make_base_image
start_postgres
start_sshd
start_caddy
build
publish
step done "ready: scripts/test.sh runs the tests, scripts/run-local.sh starts the console against this machine"
