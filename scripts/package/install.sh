#!/bin/sh
# Installs monitor-agent from this unpacked archive (run as root on the server):
#   ./install.sh [--listen HOST:PORT] [--key 'monitor-ecdsa-p256 BASE64 [role=admin] [name=NAME]'] [--no-start]
# Layout: /usr/local/bin/monitor-agent, /etc/monitor-agent/{agent.toml,authorized_keys}, /var/lib/monitor-agent.
# Idempotent: an existing agent.toml and existing keys are kept (a given key is added once). Starts the systemd unit,
# or, without systemd, a background process supervised by a restart loop. Prints the TLS fingerprint to pin.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
listen="0.0.0.0:8120"; key=""; start=1
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) listen="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --no-start) start=0; shift ;;
    *) echo "install.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (or with sudo)" >&2; exit 1; }

step() { echo "install: $*"; }
getent group docker >/dev/null 2>&1 || { step "group docker (made: docker is not installed yet)"; groupadd --system docker; }
if ! id monitor-agent >/dev/null 2>&1; then
  step "user monitor-agent"
  useradd --system --home-dir /var/lib/monitor-agent --shell /usr/sbin/nologin --user-group monitor-agent
fi
usermod -a -G docker monitor-agent
install -d -m 0750 -o monitor-agent -g monitor-agent /etc/monitor-agent /var/lib/monitor-agent
step "binary /usr/local/bin/monitor-agent"
install -m 0755 "$here/monitor-agent" /usr/local/bin/monitor-agent.new && mv -f /usr/local/bin/monitor-agent.new /usr/local/bin/monitor-agent
if [ ! -f /etc/monitor-agent/agent.toml ]; then
  step "config /etc/monitor-agent/agent.toml (listen $listen)"
  sed "s|^listen = .*|listen = \"$listen\"|" "$here/agent.toml" >/etc/monitor-agent/agent.toml
  chown monitor-agent:monitor-agent /etc/monitor-agent/agent.toml; chmod 0640 /etc/monitor-agent/agent.toml
fi
touch /etc/monitor-agent/authorized_keys
if [ -n "$key" ]; then
  keybody="$(echo "$key" | awk '{print $2}')"
  grep -q " $keybody" /etc/monitor-agent/authorized_keys || { step "authorized key added"; echo "$key" >>/etc/monitor-agent/authorized_keys; }
fi
chown monitor-agent:monitor-agent /etc/monitor-agent/authorized_keys; chmod 0600 /etc/monitor-agent/authorized_keys
runuser -u monitor-agent -- env HOME=/var/lib/monitor-agent DOTNET_BUNDLE_EXTRACT_BASE_DIR=/var/lib/monitor-agent/.bundle \
  /usr/local/bin/monitor-agent --config /etc/monitor-agent/agent.toml --fingerprint >/var/lib/monitor-agent/fingerprint
[ "$start" = 1 ] || { step "not started (--no-start)"; echo "fingerprint $(cat /var/lib/monitor-agent/fingerprint)"; exit 0; }
if [ -d /run/systemd/system ]; then
  step "systemd unit monitor-agent.service"
  install -m 0644 "$here/monitor-agent.service" /etc/systemd/system/monitor-agent.service
  systemctl daemon-reload
  systemctl enable monitor-agent.service >/dev/null 2>&1
  systemctl restart monitor-agent.service
else
  step "no systemd: background start under a restart loop (log /var/lib/monitor-agent/agent.log)"
  for f in supervisor agent; do   # a previous background start: stop it by the PIDs it recorded
    [ -f "/var/lib/monitor-agent/$f.pid" ] && kill "$(cat "/var/lib/monitor-agent/$f.pid")" 2>/dev/null || true
  done
  setsid sh -c 'echo $$ >/var/lib/monitor-agent/supervisor.pid; while :; do
      runuser -u monitor-agent -- env HOME=/var/lib/monitor-agent DOTNET_BUNDLE_EXTRACT_BASE_DIR=/var/lib/monitor-agent/.bundle \
        /usr/local/bin/monitor-agent --config /etc/monitor-agent/agent.toml >>/var/lib/monitor-agent/agent.log 2>&1 &
      echo $! >/var/lib/monitor-agent/agent.pid; wait $!
      sleep 2; done' </dev/null >/dev/null 2>&1 &
fi
echo "fingerprint $(cat /var/lib/monitor-agent/fingerprint)"
