#!/usr/bin/env bash
# npm run bench:widget: the widget's figures (see widget_bench.lua) under Debian's Lua 5.1, then
# under the 32-bit-float Lua 5.1 the engine has (scripts/float-lua), as widget/run-specs.sh does.
set -euo pipefail
cd "$(dirname "$0")"

echo "== the widget benchmark under lua5.1 (double numbers)"
lua5.1 widget_bench.lua

echo ""
echo "== the widget benchmark under the float Lua (32-bit numbers, as in the engine)"
../../scripts/float-lua/with-float-lua.sh lua5.1 widget_bench.lua
