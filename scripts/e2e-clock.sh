#!/usr/bin/env bash
# The browser suite with the server's clock moved past the demo's day: the demo ages as it would on
# a real server, and every test must still pass. The web app is built once for all runs.
#
#   bash scripts/e2e-clock.sh --spread   (what `npm test` runs) every browser file once: the files
#       that read how a screen is built or worded run at the demo's day; the workflow files are dealt
#       in turn to the days 0, 30, 180 and 400 after it (in file-name order), so each run of the suite
#       sees the demo on four days at the cost of about one run.
#   bash scripts/e2e-clock.sh            (`npm run test:e2e:clock`) every workflow file at each of the
#       days 30, 180 and 400 (E2E_CLOCK_OFFSETS picks others). These runs go side by side (each has its
#       own server, port, data folder and browser; a browser test mostly waits);
#       E2E_CLOCK_PARALLEL=0 runs them one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/duban-e2e-clock-XXXXXX")
trap 'rm -rf "$work"' EXIT
node node_modules/vite/bin/vite.js build --outDir "$work/web" --emptyOutDir --logLevel warn

# What reads how a screen is built or worded, not what the day makes of the data (accessibility,
# one language at a time, print sheets, previews, the portal's region, the pager, CSP, the phone
# layout), runs at the demo's day only; every workflow file is run on the moved clocks.
layout=${E2E_CLOCK_EXCLUDE-e2e/a11y.e2e.ts e2e/english.e2e.ts e2e/print.e2e.ts e2e/attachments.e2e.ts e2e/portal-similar.e2e.ts e2e/list-pager.e2e.ts e2e/csp.e2e.ts e2e/phone.e2e.ts e2e/phone-member.e2e.ts e2e/handling-aids.e2e.ts}
is_layout() {
  local f
  for f in $layout; do [ "$f" = "$1" ] && return 0; done
  return 1
}

# run DAYS [FILE...]: the suite (or the files named) with the server's clock DAYS after the demo's day.
# Screenshots of a moved clock go to the work folder: docs/ keeps the pictures of the demo's own day.
run() {
  local days=$1
  shift
  local shots=()
  [ "$days" != 0 ] && shots=(E2E_SCREENSHOT_DIR="$work/shots-$days")
  env E2E_CLOCK_DAYS="$days" E2E_WEB_ROOT="$work/web" "${shots[@]}" npx vitest run -c vitest.e2e.config.ts "$@"
}

status=0
if [ "${1:-}" = "--spread" ]; then
  days_list=(0 30 180 400)
  declare -A files
  i=0
  for f in $(ls e2e/*.e2e.ts | sort); do
    if is_layout "$f"; then
      files[0]+=" $f"
    else
      d=${days_list[$((i % ${#days_list[@]}))]}
      files[$d]+=" $f"
      i=$((i + 1))
    fi
  done
  for days in "${days_list[@]}"; do
    [ -z "${files[$days]:-}" ] && continue
    echo "== browser tests with the server's clock at the demo's day + ${days} days:${files[$days]}"
    # shellcheck disable=SC2086
    run "$days" ${files[$days]} || { status=1; echo "== FAILED at the demo's day + ${days} days"; }
  done
  exit $status
fi

exclude_args=()
for f in $layout; do exclude_args+=(--exclude "$f"); done
offsets=${E2E_CLOCK_OFFSETS:-30 180 400}
if [ "${E2E_CLOCK_PARALLEL:-1}" = "0" ]; then
  for days in $offsets; do
    echo "== browser tests with the server's clock at the demo's day + ${days} days"
    run "$days" "${exclude_args[@]}" || status=1
  done
else
  declare -A pids
  for days in $offsets; do
    run "$days" "${exclude_args[@]}" > "$work/run-$days.log" 2>&1 &
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
