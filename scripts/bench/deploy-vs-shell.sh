#!/usr/bin/env bash
# Wall time of a full Monitor deploy of a built stack vs a shell script doing the same steps with the git and docker
# CLIs, on the same repo, registry and engine: fetch → build (classic builder) → tag latest + git commit → push 3 tags →
# on two targets in parallel: pull, stop + remove the old container, run the new one, wait until it has run 2 s.
# Each iteration commits new content first, so every deploy builds a new image. Prints medians and the ratio.
# Needs: docker (engine running), docker-registry (Debian), git, dotnet, python3, local/busybox:latest.
# Usage: scripts/bench/deploy-vs-shell.sh [ITERATIONS]   (default 3, after one warm-up deploy each)
set -euo pipefail
ITER="${1:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
W="$(mktemp -d /tmp/monitor-bench-XXXXXX)"
ID="mt-bench-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# shellcheck source=lib.sh
source "$ROOT/scripts/bench/lib.sh"
REG_PORT="$(free_port)"; REG="127.0.0.1:$REG_PORT"
PORTS=( "$(free_port)" "$(free_port)" "$(free_port)" "$(free_port)" )

cleanup() {
  set +e
  [[ -n "${REG_PID:-}" ]] && kill "$REG_PID" 2>/dev/null && wait "$REG_PID" 2>/dev/null
  docker ps -aq --filter "name=$ID" | xargs -r docker rm -f >/dev/null
  docker images --format '{{.Repository}}:{{.Tag}}' | grep -F "$ID" | xargs -r docker rmi -f >/dev/null
  rm -rf "$W"
}
trap cleanup EXIT

echo "building deploy-bench..." >&2
dotnet build -c Release -v q -nologo "$ROOT/scripts/bench/deploy-bench/DeployBench.csproj" -o "$W/bin" >/dev/null

start_registry "$REG"

init_site_repo
commit() { echo "content $1 $(date +%s%N)" > "$REPO/www/index.html"; git -C "$REPO" add -A; git -C "$REPO" -c user.name=b -c user.email=b@example.invalid commit -qm "$1"; }


monitor_deploy() {
  "$W/bin/deploy-bench" "$W/monitor.db" "$W/agents" "$REPO" "$REG" "$ID-m" "${PORTS[0]}" "${PORTS[1]}"
}

SH_VERSION=0
shell_target() { # $1 image, $2 container, $3 port
  docker pull -q "$1" >/dev/null
  docker stop -t 10 "$2" >/dev/null 2>&1 || true
  docker rm -f "$2" >/dev/null 2>&1 || true
  docker run -d --name "$2" --restart unless-stopped -p "127.0.0.1:$3:8080" --label "monitor.stack=$ID-s" "$1" >/dev/null
  local since="" state
  while true; do
    state="$(docker inspect -f '{{.State.Running}} {{.RestartCount}}' "$2")"
    if [[ "$state" == "true 0" ]]; then
      [[ -z "$since" ]] && since="$(now)"
      python3 -c "import sys; sys.exit(0 if float('$(now)') - float('$since') >= 2 else 1)" && return 0
    else
      echo "container $2 is not running: $state" >&2; return 1
    fi
    sleep 0.2
  done
}
shell_deploy() {
  local clone="$W/shell-clone" img
  if [[ -d "$clone/.git" ]]; then
    git -C "$clone" fetch -q --prune origin
    git -C "$clone" checkout -q -f --detach origin/main
    git -C "$clone" reset -q --hard origin/main
    git -C "$clone" clean -qfdx
  else
    git clone -q --branch main -- "$REPO" "$clone"
  fi
  local sha; sha="$(git -C "$clone" rev-parse HEAD)"
  SH_VERSION=$((SH_VERSION + 1)); img="$REG/$ID-s"
  DOCKER_BUILDKIT=0 docker build -q -t "$img:0.0.$SH_VERSION" --label "monitor.commit=$sha" "$clone" >/dev/null
  docker tag "$img:0.0.$SH_VERSION" "$img:latest"
  docker tag "$img:0.0.$SH_VERSION" "$img:git-${sha:0:12}"
  for tag in "0.0.$SH_VERSION" latest "git-${sha:0:12}"; do docker push -q "$img:$tag" >/dev/null; done
  shell_target "$img:0.0.$SH_VERSION" "$ID-s" "${PORTS[2]}" & local a=$!
  shell_target "$img:0.0.$SH_VERSION" "$ID-s-b" "${PORTS[3]}" & local b=$!
  wait "$a"; wait "$b"
}

timed() { local t0 t1; t0="$(now)"; "$@" >&2; t1="$(now)"; python3 -c "print(f'{$t1 - $t0:.3f}')"; }

echo "warm-up..." >&2
commit warm-m; timed monitor_deploy >/dev/null
commit warm-s; timed shell_deploy >/dev/null
M=(); S=()
for i in $(seq "$ITER"); do
  commit "m$i"; M+=("$(timed monitor_deploy)")
  commit "s$i"; S+=("$(timed shell_deploy)")
  echo "iteration $i: monitor ${M[-1]}s, shell ${S[-1]}s" >&2
done
curl -fsS "http://127.0.0.1:${PORTS[0]}/" | grep -q "content m$ITER" || { echo "monitor target does not serve the last commit" >&2; exit 1; }
curl -fsS "http://127.0.0.1:${PORTS[3]}/" | grep -q "content s$ITER" || { echo "shell target does not serve the last commit" >&2; exit 1; }
python3 - "${M[*]}" "${S[*]}" <<'PY'
import statistics, sys
m = [float(x) for x in sys.argv[1].split()]; s = [float(x) for x in sys.argv[2].split()]
mm, sm = statistics.median(m), statistics.median(s)
print(f"monitor deploy (whole process): median {mm:.3f}s  runs {m}")
print(f"shell script (git+docker CLI):  median {sm:.3f}s  runs {s}")
print(f"ratio monitor/shell: {mm/sm:.2f}x (goal <= 1.10x)")
PY
