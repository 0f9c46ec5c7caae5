#!/usr/bin/env bash
# Installs everything CloudSSO Local needs from a fresh clone.
#   npm run setup          dependencies (+ the Electron runtime where it can be downloaded)
#   npm run setup:test     the same, plus Debian's Chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
[ "${1:-}" = "--with-browser" ] && with_browser=1

if [ "$with_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "The browser tests need Chromium at /usr/bin/chromium; install it with your package manager." >&2
    exit 1
  fi
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  echo "Installing Chromium for the browser tests (Debian package)…"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

# What an install depends on: the lock file, package.json (overrides, allowScripts) and the Node ABI the native
# addon is compiled for. After a successful install this is kept in node_modules; when it still matches (say
# `npm run setup:test` right after `npm run setup`), the install is skipped instead of redone. A fresh clone or CI
# has no node_modules, so it always installs.
stamp_file=node_modules/.cloudsso-local-install
install_stamp="$(cat package-lock.json package.json | sha256sum | cut -d' ' -f1) node-abi-$(node -p process.versions.modules)"

if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$install_stamp" ]; then
  echo "Dependencies already installed from this package-lock.json: skipping npm ci."
else
  # Electron's npm package downloads its runtime in an install script; where that host is unreachable the whole
  # install would fail. Install without it, then try the download on its own: its failure is not fatal.
  rm -f "$stamp_file"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$install_stamp" >"$stamp_file"
fi
if node node_modules/electron/install.js >/dev/null 2>&1 && node -e "require('fs').accessSync(require('electron'))" 2>/dev/null; then
  echo "Electron runtime installed: npm start opens the desktop app."
else
  echo "Electron runtime not available here: npm start serves the console on loopback instead."
fi
