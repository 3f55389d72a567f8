#!/usr/bin/env bash
# `npm test`: the unit and integration tests (both drivers), then the browser suite. One after the
# other: run side by side on two cores they took longer than in turn (measured: ~29 against ~25
# minutes; both are CPU-bound and slowed each other more than they overlapped). The last line says
# how each part went. TEST_PARTS=unit or TEST_PARTS=e2e runs one part only.
set -uo pipefail
cd "$(dirname "$0")/.."
parts=${TEST_PARTS:-unit e2e}

unit_status=skipped
e2e_status=skipped
if [[ " $parts " == *" unit "* ]]; then
  if npx vitest run; then unit_status=passed; else unit_status=FAILED; fi
fi
if [[ " $parts " == *" e2e "* ]]; then
  if bash scripts/e2e-clock.sh --spread; then e2e_status=passed; else e2e_status=FAILED; fi
fi
echo "== unit and integration tests: ${unit_status}; browser tests: ${e2e_status}"
[ "$unit_status" != FAILED ] && [ "$e2e_status" != FAILED ]
