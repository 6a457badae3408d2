#!/usr/bin/env bash
# The widget's busted specs (npm run test:lua): under Debian's Lua 5.1, then under the 32-bit-float
# Lua 5.1 the engine has (scripts/float-lua), where number formatting, lengths and counters differ.
set -euo pipefail
cd "$(dirname "$0")"

echo "== busted under lua5.1 (double numbers)"
busted --lua=lua5.1 "$@"

echo "== busted under the float Lua (32-bit numbers, as in the engine)"
../scripts/float-lua/with-float-lua.sh busted --lua=lua5.1 "$@"
