#!/usr/bin/env bash
# Installs and starts everything Monitor's build and tests need on a fresh Debian 12 machine (as root), then builds.
# Idempotent: a second run installs nothing and only checks. Works without a TTY (CI=true, no stdin).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.state"
mkdir -p "$state"
step() { printf '[setup] %s\n' "$*"; }

packages=(docker.io docker-registry docker-compose busybox-static openssh-server postgresql tmux git iproute2 curl ca-certificates)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >"$state/apt.log" 2>&1 || { tail -20 "$state/apt.log"; exit 1; }
else
  step "packages present"
fi

if ! docker version >/dev/null 2>&1; then
  step "starting dockerd (log: $state/dockerd.log)"
  nohup dockerd >"$state/dockerd.log" 2>&1 </dev/null &
  echo $! >"$state/dockerd.pid"
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
  docker version >/dev/null 2>&1 || { tail -20 "$state/dockerd.log"; echo "dockerd did not start"; exit 1; }
else
  step "dockerd running"
fi

if ! docker image inspect local/busybox:latest >/dev/null 2>&1; then
  step "making base image local/busybox:latest from busybox-static (docker import)"
  "$root/scripts/lib/busybox-image.sh"
else
  step "base image local/busybox:latest present"
fi

step "PostgreSQL on 127.0.0.1:5432"
"$root/scripts/lib/postgres.sh" >"$state/postgres.log" 2>&1 || { cat "$state/postgres.log"; exit 1; }

if [ ! -f /etc/ssh/ssh_host_ed25519_key ]; then ssh-keygen -A >/dev/null; fi
if ! pgrep -x sshd >/dev/null; then
  step "starting sshd on 127.0.0.1:22"
  mkdir -p /run/sshd
  /usr/sbin/sshd -o ListenAddress=127.0.0.1 || step "sshd did not start (only needed for SSH bootstrap)"
else
  step "sshd running"
fi

step "dotnet restore + build"
cd "$root"
dotnet restore Monitor.sln --verbosity quiet >"$state/restore.log" 2>&1 || { grep -E "error" "$state/restore.log" | head -20; exit 1; }
dotnet build Monitor.sln --no-restore --verbosity quiet -nologo -clp:ErrorsOnly >"$state/build.log" 2>&1 || { grep -E " error " "$state/build.log" | sort -u | head -30; exit 1; }
step "done"
