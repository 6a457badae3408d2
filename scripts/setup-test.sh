#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: Debian packages, then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(lua5.1 lua-socket lua-check lua-busted lua-dkjson chromium fonts-liberation build-essential dpkg-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

# Debian's spring package for the real-engine lane (npm run test:engine installs it too).
scripts/install-engine.sh

npm ci --no-audit --no-fund

# The engine's 32-bit-float Lua, built once and cached in .cache/lua-float (tests then only check its
# stamp, so no test waits for a download and a compile).
scripts/float-lua/build.sh
