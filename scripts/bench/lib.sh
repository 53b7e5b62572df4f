# Shared by the deploy benchmarks: a free port, a clock, Debian's docker-registry in the bench dir, a site repo.
# Source it after setting W (the bench's temp dir).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# start_registry ADDR: serves a registry on ADDR with storage under $W/registry; sets REG_PID; waits until /v2/ answers.
start_registry() {
  mkdir -p "$W/registry"
  cat > "$W/registry.yml" <<YML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $W/registry } }
http: { addr: $1 }
YML
  docker-registry serve "$W/registry.yml" >"$W/registry.log" 2>&1 & REG_PID=$!
  for _ in $(seq 100); do curl -fsS "http://$1/v2/" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "registry on $1 did not answer; see $W/registry.log" >&2; return 1
}

# init_site_repo: a git repo at $REPO (branch main) with a Dockerfile serving www/ with busybox httpd on 8080.
init_site_repo() {
  REPO="$W/repo"; mkdir -p "$REPO/www"
  git -C "$REPO" init -q -b main
  printf 'FROM local/busybox:latest\nCOPY www /www\nCMD ["httpd","-f","-p","8080","-h","/www"]\n' > "$REPO/Dockerfile"
}

# write_agent_toml PORT: $W/agent/agent.toml for a bench agent on 127.0.0.1:PORT, keys in $W/agent/keys, work dir
# $W/agent/work. Plain ws:// on loopback unless BENCH_TLS_LINE is set ("" = the TLS default).
write_agent_toml() {
  cat >"${W}/agent/agent.toml" <<TOML
${BENCH_TLS_LINE-tls = false}
listen = "127.0.0.1:$1"
authorized_keys = "${W}/agent/keys"
work_dir = "${W}/agent/work"
TOML
}

# kv_medians: reads "run N: key=value ..." lines on stdin, prints one "median: key=value ..." line (keys of the first).
kv_medians() {
  python3 -c '
import sys, statistics
rows = [dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in sys.stdin if line.strip()]
med = lambda k: statistics.median(float(r[k]) for r in rows if r.get(k))
print("median: " + " ".join("%s=%g" % (k, med(k)) for k in rows[0]))'
}

# wait_line FILE PATTERN: waits up to 180 s for a line matching PATTERN in FILE (a process's log).
wait_line() { for _ in $(seq 1 1800); do grep -q "$2" "$1" && return 0; sleep 0.1; done; echo "$(basename "$0"): no '$2' in $1" >&2; return 1; }
