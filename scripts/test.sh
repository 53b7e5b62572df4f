#!/usr/bin/env bash
# Runs every test project of Monitor.sln against the real services (scripts/setup.sh starts what is down and
# builds when sources changed), writes one TRX file per project into .state/test-results/, prints the name of
# each failed test and ends with exactly one plain line: "N passed, N failed".
# Exit code: non-zero when a test failed or a project did not run to completion.
# Environment: TEST_SKIP_SETUP=1 skips setup; TEST_FILTER is passed to `dotnet test --filter`;
# TEST_HANG_MINUTES (default 10) aborts a project whose single test hangs longer than that.
# MONITOR_TEST_AGENT=published|inprocess picks how TestAgent runs the agent (default: published when
# .state/publish/agent/monitor-agent is at least as new as the Debug build); MONITOR_TEST_AGENT_EXECUTABLE and
# MONITOR_TEST_EXECUTABLE name other agent / console binaries. The first lines say which ones this run uses.
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

# newer_or_same A B: A exists and is not older than B (or B is missing): the rule of tests/Monitor.TestSupport
# (ConsoleExecutable, AgentExecutable).
newer_or_same() { [ -f "$1" ] && { [ ! -f "$2" ] || [ ! "$1" -ot "$2" ]; }; }
published_agent="${REPO}/.state/publish/agent/monitor-agent"
published_console="${REPO}/.state/publish/console/monitor"
case "${MONITOR_TEST_AGENT:-}" in
  published) agent_mode="published (MONITOR_TEST_AGENT)" ;;
  inprocess|in-process) agent_mode="in-process (MONITOR_TEST_AGENT)" ;;
  "") if [ -n "${MONITOR_TEST_AGENT_EXECUTABLE:-}" ] || newer_or_same "${published_agent}" "${REPO}/agent/bin/Debug/net10.0/monitor-agent.dll"; then
        agent_mode="published"; else agent_mode="in-process (no published agent as new as the Debug build)"; fi ;;
  *) echo "test: MONITOR_TEST_AGENT=${MONITOR_TEST_AGENT}: use published or inprocess"; echo "0 passed, 0 failed"; exit 2 ;;
esac
case "${agent_mode}" in published*) agent_mode="${agent_mode}: ${MONITOR_TEST_AGENT_EXECUTABLE:-${published_agent}}" ;; esac
if [ -n "${MONITOR_TEST_EXECUTABLE:-}" ]; then console_mode="${MONITOR_TEST_EXECUTABLE} (MONITOR_TEST_EXECUTABLE)"
elif newer_or_same "${published_console}" "${REPO}/console/bin/Debug/net10.0/monitor.dll"; then console_mode="published: ${published_console}"
else console_mode="Debug build: ${REPO}/console/bin/Debug/net10.0/monitor (no published console as new as it)"; fi
echo "test: agent ${agent_mode}"
echo "test: console (spawned monitor processes) ${console_mode}; in-test CLI calls run in-process"

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
