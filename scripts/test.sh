#!/usr/bin/env bash
# `npm test`: the unit and integration tests (both drivers) and the browser suite, side by side. The
# browser suite mostly waits on Chromium and its server while the unit files wait on the database, so
# on two cores the two together take about the time of the longer one, not of both (CI's 30 minutes).
# The unit run's output is printed when it ends, whole, so that neither output is cut into the other;
# the last lines say how each part went. TEST_PARTS=unit or TEST_PARTS=e2e runs one part only.
set -uo pipefail
cd "$(dirname "$0")/.."
parts=${TEST_PARTS:-unit e2e}
log=$(mktemp "${TMPDIR:-/tmp}/duban-unit-XXXXXX.log")
trap 'rm -f "$log"' EXIT

unit_status=skipped
e2e_status=skipped
if [[ " $parts " == *" unit "* ]]; then
  # Two workers (vitest.config.ts), not one: with one, the unit files got too small a share of the CPU
  # beside the browser suite and ran on alone for minutes after it, on one core (measured).
  npx vitest run > "$log" 2>&1 &
  unit_pid=$!
fi
if [[ " $parts " == *" e2e "* ]]; then
  if bash scripts/e2e-clock.sh --spread; then e2e_status=passed; else e2e_status=FAILED; fi
fi
if [[ " $parts " == *" unit "* ]]; then
  if wait "$unit_pid"; then unit_status=passed; else unit_status=FAILED; fi
  echo "== unit and integration tests (vitest run):"
  cat "$log"
fi
echo "== unit and integration tests: ${unit_status}; browser tests: ${e2e_status}"
[ "$unit_status" != FAILED ] && [ "$e2e_status" != FAILED ]
