#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: Debian packages, then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(lua5.1 lua-socket lua-check lua-busted lua-dkjson chromium fonts-liberation build-essential dpkg-dev zip unzip)
# The release tests run the Windows download's node.exe under wine (/usr/lib/wine/wine64); wine's
# recommended extras (fonts, sound, Mono and Gecko packages) are not needed for a console program.
bare_packages=(wine64)
missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt=($sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
mapfile -t need < <(missing "${packages[@]}")
mapfile -t need_bare < <(missing "${bare_packages[@]}")
if ((${#need[@]} + ${#need_bare[@]})); then
  echo "setup: installing Debian packages: ${need[*]} ${need_bare[*]}"
  "${apt[@]}" update -qq
  ((${#need[@]} == 0)) || "${apt[@]}" install -y -qq "${need[@]}" >/dev/null
  ((${#need_bare[@]} == 0)) || "${apt[@]}" install -y -qq --no-install-recommends "${need_bare[@]}" >/dev/null
fi

npm ci --no-audit --no-fund

# The engine's 32-bit-float Lua, built once and cached in .cache/lua-float (tests then only check its
# stamp, so no test waits for a download and a compile).
scripts/float-lua/build.sh
