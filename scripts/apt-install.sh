#!/usr/bin/env bash
# Installs the Debian packages named that are not installed yet (idempotent: quick when they all
# are), waiting for apt's lock while another install runs. Options before the names go to apt-get
# install (e.g. --no-install-recommends). Prints how long it took.
set -euo pipefail
start=$(date +%s%N)
options=()
while (($#)) && [[ $1 == -* ]]; do
  options+=("$1")
  shift
done
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "apt-install: installing Debian packages: ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    "${options[@]}" "${missing[@]}" >/dev/null
fi
echo "apt-install: $* ready in $((($(date +%s%N) - start) / 1000000)) ms"
