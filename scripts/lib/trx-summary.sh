#!/usr/bin/env bash
# Summarises the TRX files in a results directory: prints one "FAILED <test name>" line per failed test,
# then, as the very last line, exactly "N passed, N failed" summed over all files.
# Usage: scripts/lib/trx-summary.sh RESULTS_DIR    Exit code: 0 when nothing failed, 1 otherwise.
set -euo pipefail

dir="${1:?usage: trx-summary.sh RESULTS_DIR}"
shopt -s nullglob
files=("${dir}"/*.trx)

passed=0
failed=0
if [ "${#files[@]}" -gt 0 ]; then
  # One <UnitTestResult ...> start tag per test; XmlWriter escapes '>' inside attribute values.
  results="$(grep -ho '<UnitTestResult [^>]*' "${files[@]}" || true)"
  if [ -n "${results}" ]; then
    passed="$(grep -c 'outcome="Passed"' <<<"${results}" || true)"
    while IFS= read -r name; do
      [ -n "${name}" ] || continue
      failed=$((failed + 1))
      printf 'FAILED %s\n' "${name}"
    done < <(grep -E 'outcome="(Failed|Error|Timeout|Aborted)"' <<<"${results}" \
      | sed -E 's/.* testName="([^"]*)".*/\1/; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g')
  fi
fi

printf '%d passed, %d failed\n' "${passed}" "${failed}"
[ "${failed}" -eq 0 ]
