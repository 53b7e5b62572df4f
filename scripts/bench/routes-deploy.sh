#!/usr/bin/env bash
# Requests through the server's proxy (a real Caddy configured by a real monitor-agent) while `monitor stack deploy`
# runs DEPLOYS times in a row, for strategy = "blue-green" and, as the baseline, strategy = "replace" (stop old, start
# new: what deploys did before routes). A client (routes_load.py) sends requests one after another as fast as they
# are answered the whole time. Prints, per strategy: requests, failed requests, p50/p99 latency while a deploy runs
# vs in steady state (between deploys), and the median deploy wall time.
# Needs: caddy, docker + local/busybox:latest, git, dotnet (built solution), python3.
# Usage: scripts/bench/routes-deploy.sh [DEPLOYS]   (default 10)
set -euo pipefail
DEPLOYS="${1:-10}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
W="$(mktemp -d /tmp/monitor-routes-bench-XXXXXX)"
ID="mt-bench-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# shellcheck source=lib.sh
source "$ROOT/scripts/bench/lib.sh"
ADMIN="$(free_port)"; HTTP="$(free_port)"; HTTPS="$(free_port)"; AGENT="$(free_port)"

cleanup() {
  set +e
  [[ -n "${LOAD_PID:-}" ]] && kill "$LOAD_PID" 2>/dev/null && wait "$LOAD_PID" 2>/dev/null
  [[ -n "${AGENT_PID:-}" ]] && kill "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null
  [[ -n "${CADDY_PID:-}" ]] && kill "$CADDY_PID" 2>/dev/null && wait "$CADDY_PID" 2>/dev/null
  docker ps -aq --filter "name=$ID" | xargs -r docker rm -f >/dev/null
  docker images --format '{{.Repository}}:{{.Tag}}' | grep -F "$ID" | xargs -r docker rmi -f >/dev/null
  rm -rf "$W"
}
trap cleanup EXIT

# Caddy with nothing but its admin address; the agent configures it.
mkdir -p "$W/caddy"
printf '{"admin":{"listen":"127.0.0.1:%s"}}\n' "$ADMIN" > "$W/caddy/bootstrap.json"
HOME="$W/caddy" XDG_DATA_HOME="$W/caddy/data" XDG_CONFIG_HOME="$W/caddy/config" caddy run --config "$W/caddy/bootstrap.json" >"$W/caddy.log" 2>&1 & CADDY_PID=$!

# Console key, then the agent that trusts it.
M() { "$ROOT/scripts/monitor" --config "$W/console/monitor.toml" "$@"; }
M init >/dev/null
mkdir -p "$W/agent/work"
cp "$W/console/console_key.pem.pub" "$W/agent/authorized_keys"
cat > "$W/agent/agent.toml" <<TOML
listen = "127.0.0.1:$AGENT"
authorized_keys = "$W/agent/authorized_keys"
work_dir = "$W/agent/work"
tls = false
caddy_admin = "http://127.0.0.1:$ADMIN"
route_listen_host = "127.0.0.1"
route_http_port = $HTTP
route_https_port = $HTTPS
route_check_seconds = 2
TOML
"$ROOT/scripts/monitor-agent" --config "$W/agent/agent.toml" >"$W/agent.log" 2>&1 & AGENT_PID=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$AGENT") 2>/dev/null && break; sleep 0.1; done
M server add local --url "ws://127.0.0.1:$AGENT" >/dev/null

init_site_repo
printf 'FROM local/busybox:latest\nCOPY www /www\nHEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1\nCMD ["httpd","-f","-p","8080","-h","/www"]\n' > "$REPO/Dockerfile"
echo "hello" > "$REPO/www/index.html"
git -C "$REPO" add -A; git -C "$REPO" -c user.name=b -c user.email=b@example.invalid commit -qm site

for strategy in blue-green replace; do
  cat >> "$W/console/monitor.toml" <<TOML

[[stacks]]
name = "$ID-$strategy"
[stacks.repo]
url = "$REPO"
branch = "main"
[stacks.build]
server = "local"
[stacks.deploy]
targets = ["local"]
strategy = "$strategy"
drain_seconds = 2
[stacks.route]
hosts = ["$strategy.bench.test"]
port = 8080
tls = "off"
TOML
done
M sync >/dev/null

summary() { # $1 strategy, $2 load file, $3 windows file, $4 durations file
  python3 - "$@" <<'PY'
import sys
strategy, load, windows, durations = sys.argv[1:5]
rows = [tuple(map(float, l.split(","))) for l in open(load) if l.count(",") == 3]
wins = [tuple(map(float, l.split())) for l in open(windows)]
def during(t): return any(a <= t <= b for a, b in wins)
dep = [r for r in rows if during(r[0])]; steady = [r for r in rows if not during(r[0])]
def pct(xs, p):
    xs = sorted(x[1] for x in xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")
durs = sorted(float(l) for l in open(durations))
print(f"| {strategy} | {len(wins)} | {len(rows)} | {sum(1 for r in rows if r[2] == 0)} | {sum(1 for r in rows if r[3] == 1)} | "
      f"{pct(dep, 50):.1f} / {pct(dep, 99):.1f} | {pct(steady, 50):.1f} / {pct(steady, 99):.1f} | {durs[len(durs) // 2]:.1f} |")
PY
}

echo "| strategy | deploys | requests | failed | retried on a closed keep-alive | p50 / p99 ms during deploys | p50 / p99 ms steady | median deploy s |"
echo "|---|---|---|---|---|---|---|---|"
for strategy in blue-green replace; do
  name="$ID-$strategy"
  M stack deploy "$name" >/dev/null   # first version (warm-up, not measured)
  python3 "$ROOT/scripts/bench/routes_load.py" 127.0.0.1 "$HTTP" "$strategy.bench.test" "$W/load-$strategy.csv" & LOAD_PID=$!
  sleep 3
  : > "$W/windows-$strategy"; : > "$W/durations-$strategy"
  for _ in $(seq "$DEPLOYS"); do
    t0="$(now)"; M stack deploy "$name" >/dev/null || echo "deploy of $name failed" >&2; t1="$(now)"
    echo "$t0 $t1" >> "$W/windows-$strategy"
    python3 -c "print(f'{$t1 - $t0:.3f}')" >> "$W/durations-$strategy"
    sleep 3
  done
  kill "$LOAD_PID"; wait "$LOAD_PID" 2>/dev/null || true; LOAD_PID=""
  summary "$strategy" "$W/load-$strategy.csv" "$W/windows-$strategy" "$W/durations-$strategy"
done
