#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: Debian packages, then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

# obs-studio (29, with its obs-websocket 5 plugin) and xvfb: the scene automation's test drives a real OBS.
packages=(lua5.1 lua-socket lua-check lua-busted lua-dkjson chromium fonts-liberation build-essential dpkg-dev
  obs-studio xvfb xauth)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  # Others may be installing at the same time: wait for dpkg's lock rather than fail.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund

# The engine's 32-bit-float Lua, built once and cached in .cache/lua-float (tests then only check its
# stamp, so no test waits for a download and a compile).
scripts/float-lua/build.sh
