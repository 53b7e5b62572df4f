#!/usr/bin/env bash
# Builds the installable packages:
#   dist/monitor-agent-<version>-<rid>.tar.gz  monitor-agent (self-contained single file: no .NET on the server),
#                                               monitor-agent.service (hardened systemd unit), agent.toml, install.sh
#   dist/monitor-<version>-<rid>.tar.gz        the console `monitor`, also one self-contained file
#   dist/SHA256SUMS
# Usage: scripts/package.sh [RID ...]   (default: linux-x64 linux-arm64)
# The publish mode is the project's own (ReadyToRun, NativeAOT ... set in the csproj): this script only asks for
# self-contained + single file, and leaves single file out where the project publishes NativeAOT (already one file).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${REPO}/dist"
RIDS=("$@"); [ ${#RIDS[@]} -gt 0 ] || RIDS=(linux-x64 linux-arm64)
say() { printf 'package: %s\n' "$*" >&2; }

single_file_flags() {  # $1 = project
  local aot; aot="$(dotnet msbuild "$1" -getProperty:PublishAot 2>/dev/null | tr -d '[:space:]')"
  if [ "${aot,,}" = "true" ]; then echo ""; else echo "-p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true"; fi
}

# NativeAOT compiles with the host's clang and libraries: another architecture would need its cross toolchain and
# sysroot (not installed here), so for that RID the project is published as a self-contained single file instead.
case "$(uname -m)" in aarch64|arm64) host_rid=linux-arm64 ;; *) host_rid=linux-x64 ;; esac

version="$(git -C "$REPO" describe --tags --always --dirty 2>/dev/null || echo dev)"
mkdir -p "$DIST"
agent_flags="$(single_file_flags "$REPO/agent/Monitor.Agent.csproj")"
console_flags="$(single_file_flags "$REPO/console/Monitor.Control.csproj")"
for rid in "${RIDS[@]}"; do
  for part in agent console; do
    if [ "$part" = agent ]; then project="$REPO/agent/Monitor.Agent.csproj"; name="monitor-agent"; flags="$agent_flags"
    else project="$REPO/console/Monitor.Control.csproj"; name="monitor"; flags="$console_flags"; fi
    if [ -z "$flags" ] && [ "$rid" != "$host_rid" ]; then
      flags="-p:PublishAot=false -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true"
      say "note: $name for $rid: NativeAOT needs a $rid cross toolchain; publishing a self-contained single file instead"
    fi
    out="$DIST/$name-$version-$rid"
    rm -rf "$out"
    say "$name for $rid"
    # shellcheck disable=SC2086
    dotnet publish "$project" -c Release -r "$rid" --self-contained true $flags -p:DebugType=none -p:GenerateDocumentationFile=false \
      -o "$out" >"$DIST/$name-$rid.publish.log" 2>&1 || { say "FAILED: see $DIST/$name-$rid.publish.log"; exit 1; }
    find "$out" -maxdepth 1 -type f \( -name '*.pdb' -o -name '*.dbg' -o -name '*.staticwebassets.endpoints.json' \) -delete
    extra="$(find "$out" -maxdepth 1 -type f ! -name "$name" -printf '%f ')"
    [ -z "$extra" ] || say "note: $name for $rid ships beside it: $extra"
    if [ "$part" = agent ]; then
      cp "$REPO/scripts/package/monitor-agent.service" "$REPO/scripts/package/agent.toml" "$REPO/scripts/package/install.sh" "$out/"
    fi
    tar -C "$DIST" -czf "$out.tar.gz" "$(basename "$out")"
    say "$(basename "$out").tar.gz: $name $(du -b "$out/$name" | cut -f1) bytes"
  done
done
(cd "$DIST" && sha256sum ./*.tar.gz >SHA256SUMS)
say "done: $DIST"
