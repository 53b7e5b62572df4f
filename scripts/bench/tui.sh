#!/usr/bin/env bash
# TUI figures: keypress-to-redraw, log pane lines/s under 10,000 lines/s (dropped lines, key latency), memory of a
# 100,000-line buffer, and the naive TextView-append baseline. Usage: scripts/bench/tui.sh [seconds-per-flood]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release -v q scripts/bench/TuiBench/TuiBench.csproj >/dev/null
dotnet scripts/bench/TuiBench/bin/Release/net10.0/TuiBench.dll "${1:-5}"
