#!/usr/bin/env bash
# Build Ombud and run every test project against throw-away PostgreSQL/Redis
# servers (started and stopped by scripts/services.sh).
#
#   ./test.sh                          # everything
#   ./test.sh --filter Category=X      # extra args go to `dotnet test`
#   ARTIFACTS=/tmp/out ./test.sh       # where TRX files and screenshots go
#
# Ends with one line `N passed, N failed[, N skipped]` summed over all TRX
# files, and exits with dotnet test's exit code.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD

ARTIFACTS=${ARTIFACTS:-$ROOT/artifacts}
mkdir -p "$ARTIFACTS"
ARTIFACTS=$(cd "$ARTIFACTS" && pwd)   # absolute: dotnet test runs from elsewhere
RESULTS_DIR=$ARTIFACTS/test-results
# Start clean so the summary only counts this run's TRX files and stale
# screenshots are not mistaken for this run's.
rm -rf "$RESULTS_DIR" "$ARTIFACTS/screenshots"
mkdir -p "$RESULTS_DIR" "$ARTIFACTS/screenshots"
export OMBUD_TEST_ARTIFACTS=$ARTIFACTS/screenshots

log() { echo "test.sh: $*" >&2; }

if ! command -v dotnet >/dev/null; then
    log "ERROR: dotnet not found on PATH (the .NET SDK from global.json is needed)"
    exit 1
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# No network but the package registries: don't let NuGet wait on certificate
# revocation servers it cannot reach.
export NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-offline}

# Node packages used by some tests: the reference webhook verifier, and axe-core for the browser tests' page sweep.
for node_dir in tests/webhooks-verifier tests/axe; do
    [[ -f $node_dir/package.json ]] || continue
    if ! command -v npm >/dev/null; then
        log "ERROR: $node_dir needs npm, which is not installed"
        exit 1
    fi
    log "installing npm packages in $node_dir"
    if [[ -f $node_dir/package-lock.json ]]; then
        (cd "$node_dir" && npm ci --no-audit --no-fund)
    else
        (cd "$node_dir" && npm install --no-audit --no-fund)
    fi
done

# shellcheck source=scripts/services.sh
source scripts/services.sh
# Stop the servers however we leave. INT/TERM are turned into a normal exit,
# otherwise bash would die from the signal without running the EXIT trap.
# Test hosts start `ombud serve` nodes of their own; one whose host died (a crash, a fixture that failed to start,
# a killed run) would keep running and loading the machine for every run after it. Stop any left from this checkout.
stop_stray_nodes() {
    pkill -KILL -f "$ROOT/tests/[^ ]*/ombud.dll serve" 2>/dev/null || true
}

cleanup() {
    stop_stray_nodes
    services_stop
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
services_start

dotnet tool restore

# Build once; dotnet test then runs with --no-build. --disable-build-servers:
# no MSBuild node / compiler server left running after the script (on CI such
# a leftover can hold the output pipe open).
dotnet build Ombud.slnx -c Release --disable-build-servers

# LogFilePrefix, not LogFileName: with a fixed LogFileName every test project
# of the solution writes the same file and only the last one survives
# (microsoft/vstest#3026). The prefix gives results_<tfm>_<time>.trx per project.
# --blame-hang-timeout: a hung test is killed and reported as failed, instead
# of eating the whole CI time budget. It is per test, so it must stay above the
# longest test's own bound (TwoNodeEventTests waits up to 20 minutes).
test_args=(-c Release --no-build
    --results-directory "$RESULTS_DIR"
    --logger "trx;LogFilePrefix=results"
    --logger "console;verbosity=normal"
    --blame-hang-timeout "${OMBUD_TEST_HANG_TIMEOUT:-30m}" --blame-hang-dump-type none)
set +e
if (($# == 0)); then
    # Tests marked [Trait("Category", "Alone")] keep both cores busy for many
    # minutes (two real nodes and 500 agents): beside the browser tests they
    # starve the pages' circuits. So a whole run does the rest first, both
    # projects side by side, and then those alone.
    dotnet test Ombud.slnx "${test_args[@]}" --filter "Category!=Alone"
    test_rc=$?
    log "now the tests that run alone (Category=Alone)"
    dotnet test tests/Ombud.Tests/Ombud.Tests.csproj "${test_args[@]}" --filter "Category=Alone"
    alone_rc=$?
    ((test_rc == 0)) && test_rc=$alone_rc
else
    dotnet test Ombud.slnx "${test_args[@]}" "$@"
    test_rc=$?
fi
set -e

# Stop now rather than in the trap, so nothing is printed after the summary.
stop_stray_nodes
services_stop

# Sum the <Counters total=".." passed=".." failed=".." ...> of every TRX file.
# Skipped tests are not in any counter of their own (xunit's skips are not
# "notExecuted"), so skipped = total - passed - failed.
total=0 passed=0 failed=0 aborted_runs=0
while IFS= read -r -d '' trx; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    [[ -n "$counters" ]] || { log "no <Counters> in $trx"; continue; }
    file_failed=0
    for attr in total passed failed error timeout aborted; do
        n=0
        [[ "$counters" =~ \ $attr=\"([0-9]+)\" ]] && n=${BASH_REMATCH[1]}
        case $attr in
            total) total=$((total + n)) ;;
            passed) passed=$((passed + n)) ;;
            *) file_failed=$((file_failed + n)) ;;   # error/timeout/aborted are failures too
        esac
    done
    failed=$((failed + file_failed))
    # A test host that crashed or was killed by --blame-hang-timeout leaves a
    # run marked Failed whose counters hold only the tests that finished: the
    # culprit is in no counter. Count it as one failure so the summary does
    # not read "0 failed" for a broken run.
    if ((file_failed == 0)) && grep -q '<ResultSummary outcome="\(Failed\|Aborted\|Error\)"' "$trx"; then
        log "test run aborted (crash or hang), counted as 1 failed: $trx"
        aborted_runs=$((aborted_runs + 1))
    fi
done < <(find "$RESULTS_DIR" -name '*.trx' -print0)
skipped=$((total - passed - failed))
((skipped < 0)) && skipped=0
failed=$((failed + aborted_runs))

# A run that ran nothing (a killed test host, a filter that matches nothing)
# proves nothing: it must not read as a pass.
if ((passed + failed == 0)); then
    log "no test ran: see the output above"
    failed=1
fi
if ((test_rc != 0 && failed == 0)); then
    log "dotnet test exited with $test_rc without a failed test in the TRX files (test host crash, hang or bad arguments?): see its output above"
fi
log "TRX files and screenshots in $ARTIFACTS"

# Name each failed test last, with the first lines of its message, so the tail
# of a CI log says what failed without opening the TRX files.
if ((failed > 0)); then
    log "failed tests:"
    find "$RESULTS_DIR" -name '*.trx' -print0 | xargs -0 -r python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
        lines = (message.text or "").strip().splitlines()[:8] if message is not None else []
        # The test code lines in the stack say which step failed (a Playwright call log does not always).
        stack = result.find("t:Output/t:ErrorInfo/t:StackTrace", ns)
        lines += [l.strip() for l in (stack.text or "").splitlines() if "Tests" in l and ".cs:line" in l][:3] if stack is not None else []
        print("  FAILED %s (%s)" % (result.get("testName"), result.get("duration")))
        for line in lines:
            print("      " + line[:300])
' || log "could not read the failed tests from the TRX files"
fi

summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"

# A failure the TRX files recorded must fail the run even if dotnet test said 0.
if ((test_rc == 0 && failed > 0)); then
    test_rc=1
fi
exit "$test_rc"
