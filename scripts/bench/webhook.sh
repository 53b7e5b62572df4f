#!/usr/bin/env bash
# Webhook figures, with the real programs (Release builds): one monitor-agent, `monitor serve`, the registry
# (Debian's docker-registry), a local git repo and the engine.
#   1. Answer time: POST → HTTP answer for N signed GitHub deliveries that deploy nothing (a push to another branch:
#      verify, dedupe record in SQLite, 202 "ignored"), then N replays of one delivery (200 "duplicate").
#      Measured by curl (%{time_total}: a new TCP connection per delivery, as git hosts send them).
#   2. Deploy time: a signed push POSTed to `monitor serve` vs `monitor stack deploy NAME` run directly, on the same
#      repo, stack and agent; each iteration commits new content first. Two clocks per run: until the site serves the
#      new content (polled every 50 ms), and until the deploy is finished (CLI: the command exits; webhook: the serve
#      log's "deploy ok" line for that delivery).
# Needs: docker (engine running), docker-registry, git, curl, openssl, python3, dotnet, local/busybox:latest.
# Usage: scripts/bench/webhook.sh [DELIVERIES] [ITERATIONS]   (default 200 and 3, after one warm-up deploy each)
set -euo pipefail
N="${1:-200}"
ITER="${2:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
W="$(mktemp -d /tmp/monitor-webhook-bench-XXXXXX)"
ID="mt-bench-hook-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SECRET="bench-secret-$(head -c8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# shellcheck source=lib.sh
source "$ROOT/scripts/bench/lib.sh"
REG="127.0.0.1:$(free_port)"; AGENT_PORT="$(free_port)"; SERVE_PORT="$(free_port)"; SITE_PORT="$(free_port)"
SITE="http://127.0.0.1:$SITE_PORT/"; HOOK="http://127.0.0.1:$SERVE_PORT/hooks/$ID"

cleanup() {
  set +e
  for pid in "${SERVE_PID:-}" "${AGENT_PID:-}" "${REG_PID:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  docker ps -aq --filter "name=$ID" | xargs -r docker rm -f >/dev/null
  docker images --format '{{.Repository}}:{{.Tag}}' | grep -F "$ID" | xargs -r docker rmi -f >/dev/null
  rm -rf "$W"
}
trap cleanup EXIT
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

echo "building monitor and monitor-agent (Release)..." >&2
dotnet build -c Release -v q -nologo "$ROOT/console/Monitor.Control.csproj" -o "$W/console" >/dev/null
dotnet build -c Release -v q -nologo "$ROOT/agent/Monitor.Agent.csproj" -o "$W/agent" >/dev/null
MON=(dotnet "$W/console/monitor.dll" --config "$W/c/monitor.toml")

start_registry "$REG"

init_site_repo
commit() { echo "content $1" > "$REPO/www/index.html"; git -C "$REPO" add -A; git -C "$REPO" -c user.name=b -c user.email=b@example.invalid commit -qm "$1"; git -C "$REPO" rev-parse HEAD; }
commit init >/dev/null

# Console: key, store, config with the webhook, the registry, the agent and the stack.
mkdir -p "$W/c"
"${MON[@]}" init >/dev/null
printf '%s\n' "$SECRET" > "$W/c/hook.secret"
cat >> "$W/c/monitor.toml" <<TOML

[webhook]
listen = "127.0.0.1:$SERVE_PORT"
secret_file = "hook.secret"

[registry]
address = "$REG"

[[servers]]
name = "bench"
url = "wss://127.0.0.1:$AGENT_PORT"

[[stacks]]
name = "$ID"
[stacks.repo]
url = "$REPO"
branch = "main"
[stacks.build]
server = "bench"
[stacks.deploy]
targets = ["bench"]
container_name = "$ID"
ports = ["127.0.0.1:$SITE_PORT:8080"]
TOML

mkdir -p "$W/agent-work"
cat > "$W/agent.toml" <<TOML
listen = "127.0.0.1:$AGENT_PORT"
authorized_keys = "$W/c/console_key.pem.pub"
work_dir = "$W/agent-work"
TOML
dotnet "$W/agent/monitor-agent.dll" --config "$W/agent.toml" >"$W/agent.log" 2>&1 & AGENT_PID=$!
for _ in $(seq 100); do ss -Hltn "sport = :$AGENT_PORT" | grep -q . && break; sleep 0.1; done
"${MON[@]}" sync >/dev/null
"${MON[@]}" serve >"$W/serve.log" 2>&1 & SERVE_PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$SERVE_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1; }
push_body() { printf '{"ref":"refs/heads/%s","after":"%s","repository":{"full_name":"bench/site"}}' "$1" "$2"; }
post() { # BODY DELIVERY → "status seconds"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$HOOK" -H 'Content-Type: application/json' \
    -H 'X-GitHub-Event: push' -H "X-GitHub-Delivery: $2" -H "X-Hub-Signature-256: sha256=$(sign "$1")" --data-binary "$1"
}
wait_serving() { local deadline=$((SECONDS + 300)); until curl -fs "$SITE" 2>/dev/null | grep -qx "content $1"; do
  ((SECONDS < deadline)) || { echo "site never served content $1" >&2; tail -5 "$W/serve.log" >&2; exit 1; }; sleep 0.05; done; }
wait_logged() { local deadline=$((SECONDS + 300)); until grep -q "delivery=$1 deploy \(ok\|FAILED\)" "$W/serve.log"; do
  ((SECONDS < deadline)) || { echo "no deploy outcome for $1" >&2; exit 1; }; sleep 0.05; done
  grep -q "delivery=$1 deploy ok" "$W/serve.log" || { grep "delivery=$1" "$W/serve.log" >&2; exit 1; }; }

# 1. Answer time.
echo "answer time: $N deliveries to another branch, then $N replays..." >&2
HEAD_SHA="$(git -C "$REPO" rev-parse HEAD)"; OTHER="$(push_body other "$HEAD_SHA")"
post "$OTHER" warm >/dev/null
: > "$W/ignored.txt"; : > "$W/duplicate.txt"
for i in $(seq "$N"); do post "$OTHER" "lat-$i" >> "$W/ignored.txt"; done
for i in $(seq "$N"); do post "$OTHER" "lat-1" >> "$W/duplicate.txt"; done
grep -qv '^202 ' "$W/ignored.txt" && { echo "an ignored delivery was not answered 202" >&2; exit 1; }
grep -qv '^200 ' "$W/duplicate.txt" && { echo "a replay was not answered 200" >&2; exit 1; }

# 2. Deploy time: webhook vs the CLI.
webhook_deploy() { # TAG → "serving done"
  local sha t0 ts; sha="$(commit "$1")"; t0="$(now)"
  post "$(push_body main "$sha")" "push-$1" | grep -q '^202 ' || { echo "push $1 not accepted" >&2; exit 1; }
  wait_serving "$1"; ts="$(now)"; wait_logged "push-$1"
  echo "$(elapsed "$t0" "$ts") $(elapsed "$t0" "$(now)")"
}
cli_deploy() { # TAG → "serving done"
  local t0 ts pid; commit "$1" >/dev/null; t0="$(now)"
  "${MON[@]}" stack deploy "$ID" >"$W/cli-$1.log" 2>&1 & pid=$!
  wait_serving "$1"; ts="$(now)"
  wait "$pid" || { cat "$W/cli-$1.log" >&2; exit 1; }
  echo "$(elapsed "$t0" "$ts") $(elapsed "$t0" "$(now)")"
}
echo "warm-up deploys..." >&2
webhook_deploy warm-w >/dev/null; cli_deploy warm-c >/dev/null
: > "$W/webhook.txt"; : > "$W/cli.txt"
for i in $(seq "$ITER"); do
  webhook_deploy "w$i" >> "$W/webhook.txt"; cli_deploy "c$i" >> "$W/cli.txt"
  echo "iteration $i: webhook $(tail -1 "$W/webhook.txt"), cli $(tail -1 "$W/cli.txt") (serving, done; s)" >&2
done
DEPLOYS="$(grep -c ' deploy started' "$W/serve.log")"
[[ "$DEPLOYS" == "$((ITER + 1))" ]] || { echo "serve started $DEPLOYS deploys; expected $((ITER + 1)) (answer-time deliveries must start none)" >&2; exit 1; }

python3 - "$W" "$N" "$DEPLOYS" <<'PY'
import statistics, sys
w, n, deploys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def col(name, i): return [float(l.split()[i]) for l in open(f"{w}/{name}.txt") if l.strip()]
def pct(xs, p): xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
for name, label in (("ignored", "push to another branch (202 ignored)"), ("duplicate", "replayed delivery (200 duplicate)")):
    ms = [x * 1000 for x in col(name, 1)]
    print(f"answer, {label}: median {statistics.median(ms):.2f} ms, p99 {pct(ms, 99):.2f} ms, max {max(ms):.2f} ms (n={len(ms)})")
for i, what in ((0, "new version serving"), (1, "deploy finished")):
    wh, cl = statistics.median(col("webhook", i)), statistics.median(col("cli", i))
    print(f"{what}: webhook median {wh:.2f} s {col('webhook', i)}, `monitor stack deploy` median {cl:.2f} s {col('cli', i)}, ratio {wh / cl:.2f}x")
print(f"deploys started by serve: {deploys} (warm-up + iterations; none from the answer-time deliveries)")
PY
