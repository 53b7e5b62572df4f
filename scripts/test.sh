#!/usr/bin/env bash
# Runs every test project of Monitor.sln against the real services (scripts/setup.sh starts what is down and
# builds when sources changed), writes one TRX file per project into .state/test-results/, prints the name of
# each failed test and ends with exactly one plain line: "N passed, N failed".
# Exit code: non-zero when a test failed or a project did not run to completion.
# Environment: TEST_SKIP_SETUP=1 skips setup; TEST_FILTER is passed to `dotnet test --filter`;
# TEST_HANG_MINUTES (default 10) aborts a project whose single test hangs longer than that.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS="${REPO}/.state/test-results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "${TEST_SKIP_SETUP:-0}" != "1" ]; then
  if ! "${REPO}/scripts/setup.sh"; then
    echo "test: setup failed; no tests ran (fix the step above, then run scripts/test.sh again)"
    echo "0 passed, 0 failed"
    exit 2
  fi
fi

rm -rf "${RESULTS}"
mkdir -p "${RESULTS}"

# Test projects are the solution's *.Tests projects (Monitor.TestSupport is a library, not a test project).
mapfile -t projects < <(cd "${REPO}" && dotnet sln Monitor.sln list 2>/dev/null | tr '\\' '/' | grep -E '\.Tests\.csproj$' | sort)
if [ "${#projects[@]}" -eq 0 ]; then
  echo "test: no *.Tests.csproj project found in Monitor.sln"
  echo "0 passed, 0 failed"
  exit 2
fi

filter_args=()
[ -n "${TEST_FILTER:-}" ] && filter_args=(--filter "${TEST_FILTER}")

not_run=()
started=${SECONDS}
for project in "${projects[@]}"; do
  name="$(basename "${project}" .csproj)"
  echo "test: ${name}"
  project_started=${SECONDS}
  dotnet test "${REPO}/${project}" --no-build --nologo -v q \
    --logger "trx;LogFileName=${name}.trx" --results-directory "${RESULTS}" \
    --blame-hang-timeout "${TEST_HANG_MINUTES:-10}m" --blame-hang-dump-type none \
    "${filter_args[@]}" 2>&1 | grep -vE '^\s*$|TestAdapterPath|Make sure that test discoverer|^Test run for |test files matched the specified pattern'
  rc=${PIPESTATUS[0]}
  trx="${RESULTS}/${name}.trx"
  if [ ! -f "${trx}" ]; then
    not_run+=("${name} (no results file; exit code ${rc})")
  elif grep -q '<ResultSummary outcome="\(Aborted\|Error\)"' "${trx}"; then
    not_run+=("${name} (test run aborted; exit code ${rc})")
  fi
  echo "test: ${name} done in $((SECONDS - project_started)) s (exit code ${rc})"
done

echo "test: all projects done in $((SECONDS - started)) s; results in ${RESULTS}"
for entry in "${not_run[@]}"; do
  echo "NOT RUN ${entry}"
done
"${REPO}/scripts/lib/trx-summary.sh" "${RESULTS}"
summary_rc=$?
[ "${summary_rc}" -eq 0 ] && [ "${#not_run[@]}" -eq 0 ]
