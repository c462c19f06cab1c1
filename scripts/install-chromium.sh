#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the browser test (tests/web/browser.rs)
# when it is missing. Safe to run again: does nothing if Chromium is already there.
#
# Exit status: 0 when a Chromium is available afterwards, 1 when it could not be installed
# (no apt-get, not root and no sudo, or the package could not be fetched); the browser
# test then skips with a message saying so.
set -uo pipefail

find_chromium() {
  if [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM}" ]; then
    echo "${CHROMIUM}"
    return 0
  fi
  for candidate in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

if found=$(find_chromium); then
  echo "install-chromium: using $found"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: Chromium is missing and apt-get is not available here; install Chromium by hand (or set CHROMIUM=/path/to/chromium)" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "install-chromium: Chromium is missing and installing it needs root (apt-get install chromium)" >&2
    exit 1
  fi
fi

echo "install-chromium: installing Debian's chromium (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
  echo "install-chromium: apt-get update failed" >&2
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
  echo "install-chromium: apt-get install chromium failed" >&2
  exit 1
fi

if found=$(find_chromium); then
  echo "install-chromium: installed $("$found" --version 2>/dev/null | head -n1) at $found"
  exit 0
fi
echo "install-chromium: chromium was installed but is not on PATH" >&2
exit 1
