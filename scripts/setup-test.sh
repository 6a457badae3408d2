#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: Debian packages, then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/apt-install.sh lua5.1 lua-socket lua-check lua-busted lua-dkjson chromium fonts-liberation build-essential \
  dpkg-dev zip unzip
# The release tests run the Windows download's node.exe under wine (/usr/lib/wine/wine64); wine's
# recommended extras (fonts, sound, Mono and Gecko packages) are not needed for a console program.
scripts/apt-install.sh --no-install-recommends wine64
# obs-studio (29, with its obs-websocket 5 plugin) and xvfb: the scene automation's test drives a real OBS.
scripts/apt-install.sh obs-studio xvfb xauth

# Debian's spring package for the real-engine lane (npm run test:engine installs it too).
scripts/install-engine.sh

npm ci --no-audit --no-fund

# The engine's 32-bit-float Lua, built once and cached in .cache/lua-float (tests then only check its
# stamp, so no test waits for a download and a compile).
scripts/float-lua/build.sh
