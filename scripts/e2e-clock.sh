#!/usr/bin/env bash
# The browser suite with the server's clock moved 30, 180 and 400 days past the demo's day (or the
# days given in E2E_CLOCK_OFFSETS): the demo ages as it would on a real server, and every test must
# still pass. The web app is built once for all runs. The runs go side by side (each has its own
# server, port, data folder and browser; a browser test mostly waits), which also runs each of them
# under the load of the others; E2E_CLOCK_PARALLEL=0 runs them one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/duban-e2e-clock-XXXXXX")
trap 'rm -rf "$work"' EXIT
node node_modules/vite/bin/vite.js build --outDir "$work/web" --emptyOutDir --logLevel warn

# What reads how a screen is built or worded, not what the day makes of the data (accessibility,
# one language at a time, print sheets, previews, the portal's region, the pager, CSP, the phone
# layout), runs once, at the demo's day, in `npm test`; the clock runs keep every workflow test.
exclude=${E2E_CLOCK_EXCLUDE-e2e/a11y.e2e.ts e2e/english.e2e.ts e2e/print.e2e.ts e2e/attachments.e2e.ts e2e/portal-similar.e2e.ts e2e/list-pager.e2e.ts e2e/csp.e2e.ts e2e/phone.e2e.ts e2e/phone-member.e2e.ts e2e/handling-aids.e2e.ts}
exclude_args=()
for f in $exclude; do exclude_args+=(--exclude "$f"); done

run() {
  local days=$1
  E2E_CLOCK_DAYS=$days E2E_WEB_ROOT="$work/web" E2E_SCREENSHOT_DIR="$work/shots-$days" \
    npx vitest run -c vitest.e2e.config.ts "${exclude_args[@]}"
}

offsets=${E2E_CLOCK_OFFSETS:-30 180 400}
status=0
if [ "${E2E_CLOCK_PARALLEL:-1}" = "0" ]; then
  for days in $offsets; do
    echo "== browser tests with the server's clock at the demo's day + ${days} days"
    run "$days" || status=1
  done
else
  declare -A pids
  for days in $offsets; do
    run "$days" > "$work/run-$days.log" 2>&1 &
    pids[$days]=$!
  done
  for days in $offsets; do
    result=passed
    wait "${pids[$days]}" || { result=FAILED; status=1; }
    echo "== browser tests with the server's clock at the demo's day + ${days} days: ${result}"
    cat "$work/run-$days.log"
  done
fi
exit $status
