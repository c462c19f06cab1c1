#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Chromium for the browser test; the
# test skips with a clear message where it cannot be installed).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/install-chromium.sh ]; then
  scripts/install-chromium.sh || echo "warning: Chromium could not be installed; the browser test will skip"
fi
cargo test --locked
