#!/usr/bin/env bash
# Builds local/busybox:latest without internet: busybox-static's binary in an empty root, then `docker import`.
set -euo pipefail
rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,www}
cp /bin/busybox "$rootfs/bin/busybox"
for applet in sh ls cat echo sleep httpd seq date printf wget env true false mkdir rm hostname ps id nc grep sed head tail wc kill top; do
  ln -sf busybox "$rootfs/bin/$applet"
done
echo "root:x:0:0:root:/:/bin/sh" >"$rootfs/etc/passwd"
tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - local/busybox:latest >/dev/null
