#!/usr/bin/env bash
# Runs every test project against the real services (setup first), then prints failed tests and a final
# plain line "N passed, N failed". Exit code non-zero when anything failed or a project did not run.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh" || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

results="$root/.state/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "[test] $name"
  dotnet test "$project" --no-build --nologo --verbosity quiet --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    >"$results/$name.log" 2>&1 || status=1
  grep -E "^(Passed|Failed)!|error" "$results/$name.log" | head -5
done

python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    root = ET.parse(f).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    for r in root.iter("{%s}UnitTestResult" % ns["t"]):
        if r.get("outcome") != "Passed":
            print("FAILED:", r.get("testName"))
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1
    print("a test project did not run: see .state/test-results/*.log")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
