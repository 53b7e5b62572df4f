#!/usr/bin/env bash
# The hostile-input harness, long form: runs tests/Monitor.Hostile.Tests' harness (a real monitor-agent and a real
# `monitor serve` as child processes) with large counts and prints its report (also in .state/hostile-report-N.txt).
#   scripts/bench/hostile.sh [RUNS]      env: HOSTILE_FRAMES (100000), HOSTILE_FLOOD_SECONDS (30),
#                                             HOSTILE_WEBHOOKS (2400), CONFIG (Release), SKIP_BUILD=1
# The short form (small counts, seconds) runs in CI as the test Hostile_harness_keeps_agent_and_serve_answering.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-1}
CONFIG=${CONFIG:-Release}
export HOSTILE_FRAMES=${HOSTILE_FRAMES:-100000} HOSTILE_FLOOD_SECONDS=${HOSTILE_FLOOD_SECONDS:-30} HOSTILE_WEBHOOKS=${HOSTILE_WEBHOOKS:-2400}
mkdir -p .state
[ "${SKIP_BUILD:-}" = 1 ] || dotnet build tests/Monitor.Hostile.Tests -c "$CONFIG" -v q -nologo >/dev/null
echo "hostile harness: $HOSTILE_FRAMES fuzz frames, ${HOSTILE_FLOOD_SECONDS} s flood (500 unauthenticated + 200 slow-header sockets), $HOSTILE_WEBHOOKS bad webhook signatures; $CONFIG; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$RUNS"); do
  export HOSTILE_REPORT="$PWD/.state/hostile-report-$run.txt"
  rm -f "$HOSTILE_REPORT"
  dotnet test tests/Monitor.Hostile.Tests -c "$CONFIG" --no-build --filter "FullyQualifiedName~HostileHarness" >".state/hostile-run-$run.log" 2>&1 \
    || { echo "run $run FAILED; see .state/hostile-run-$run.log"; tail -30 ".state/hostile-run-$run.log"; exit 1; }
  echo "--- run $run"
  cat "$HOSTILE_REPORT"
done
