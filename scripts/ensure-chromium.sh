#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never a downloaded browser). Install it if missing.
set -euo pipefail
# CHROMIUM_PATH names another Chromium-based browser already on the machine (e.g. a CI image's Chrome).
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Debian's chromium is missing: installing it (needed by the browser tests)..." >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "error: /usr/bin/chromium not found and not root; run: apt-get install -y chromium" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
