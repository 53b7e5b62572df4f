#!/usr/bin/env bash
# A throwaway "second host" for bootstrap tests and benchmarks: a network namespace with a veth pair to this machine
# and its own sshd (own host key, own authorized_keys with a key made here). It shares this machine's filesystem.
# Source it, then:
#   netns_up DIR        makes mt-boot-<id>: sets NETNS_NAME, NETNS_HOST_IP (this side), NETNS_IP (inside),
#                       NETNS_SSH_KEY (private key that logs in as root), NETNS_SSHD_PID; files in DIR
#   netns_down DIR      kills the sshd it started and the agent a bootstrap left (by their PID files), deletes the namespace
# Subnet: a random /30 in 10.231.0.0/16, so parallel runs do not clash.
netns_up() {
  local dir="$1" id a b
  id="$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  a=$((RANDOM % 256)); b=$((RANDOM % 64 * 4))
  NETNS_NAME="mt-boot-${id}"; NETNS_HOST_IP="10.231.${a}.$((b + 1))"; NETNS_IP="10.231.${a}.$((b + 2))"
  mkdir -p "$dir"
  ip netns add "$NETNS_NAME"
  ip link add "mtb${id}h" type veth peer name "mtb${id}n"
  ip link set "mtb${id}n" netns "$NETNS_NAME"
  ip addr add "${NETNS_HOST_IP}/30" dev "mtb${id}h"; ip link set "mtb${id}h" up
  ip netns exec "$NETNS_NAME" ip addr add "${NETNS_IP}/30" dev "mtb${id}n"
  ip netns exec "$NETNS_NAME" ip link set "mtb${id}n" up
  ip netns exec "$NETNS_NAME" ip link set lo up
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" <<<y >/dev/null
  ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key" <<<y >/dev/null
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  cat >"$dir/sshd_config" <<CFG
Port 22
ListenAddress ${NETNS_IP}
HostKey ${dir}/host_key
AuthorizedKeysFile ${dir}/authorized_keys
PidFile ${dir}/sshd.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
CFG
  mkdir -p /run/sshd
  ip netns exec "$NETNS_NAME" /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
  NETNS_SSHD_PID=$!
  echo "$NETNS_NAME" >"$dir/netns"; echo "$NETNS_SSHD_PID" >"$dir/sshd.launcher.pid"
  NETNS_SSH_KEY="$dir/client_key"
  local i=0
  until ip netns exec "$NETNS_NAME" sh -c "exec 3<>/dev/tcp/${NETNS_IP}/22" 2>/dev/null || bash -c "exec 3<>/dev/tcp/${NETNS_IP}/22" 2>/dev/null; do
    i=$((i + 1)); [ "$i" -lt 100 ] || { echo "netns: sshd did not start: $(cat "$dir/sshd.log")" >&2; return 1; }; sleep 0.05
  done
}

netns_down() {
  local dir="$1" f
  for f in "$dir"/prefix/var/lib/monitor-agent/supervisor.pid "$dir"/prefix/var/lib/monitor-agent/agent.pid "$dir/sshd.launcher.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  [ -f "$dir/netns" ] && ip netns del "$(cat "$dir/netns")" 2>/dev/null
  return 0
}
