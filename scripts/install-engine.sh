#!/usr/bin/env bash
# Installs what the real-engine lane (npm run test:engine) needs: Debian's spring 106 package
# (spring-headless, the stock Lua content and NullAI) and unzip (the lane takes the engine's stock
# gadgets out of springcontent.sdz). Idempotent: quick when installed. Prints how long it took.
set -euo pipefail
start=$(date +%s%N)
packages=(spring unzip)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-engine: installing Debian packages: ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "install-engine: spring and unzip ready in $(((($(date +%s%N) - start) / 1000000))) ms"
