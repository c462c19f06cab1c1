#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Chromium for the browser test; the
# test skips with a clear message where it cannot be installed). Ends with one summary
# line: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/install-chromium.sh ]; then
  scripts/install-chromium.sh || echo "warning: Chromium could not be installed; the browser test will skip"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --locked 2>&1 | tee "$log" || status=$?
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
