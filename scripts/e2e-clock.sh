#!/usr/bin/env bash
# The browser suite with the server's clock moved 30, 180 and 400 days past the demo's day (or the
# days given in E2E_CLOCK_OFFSETS): the demo ages as it would on a real server, and every test must
# still pass. The web app is built once for all runs.
set -euo pipefail
cd "$(dirname "$0")/.."
web=$(mktemp -d "${TMPDIR:-/tmp}/duban-e2e-web-XXXXXX")
trap 'rm -rf "$web"' EXIT
node node_modules/vite/bin/vite.js build --outDir "$web" --emptyOutDir --logLevel warn
for days in ${E2E_CLOCK_OFFSETS:-30 180 400}; do
  echo "== browser tests with the server's clock at the demo's day + ${days} days"
  E2E_CLOCK_DAYS=$days E2E_WEB_ROOT=$web npx vitest run -c vitest.e2e.config.ts
done
