#!/usr/bin/env bash
# npm run bench:widget: the widget's figures under Debian's Lua 5.1 (see widget_bench.lua).
set -euo pipefail
cd "$(dirname "$0")"
exec lua5.1 widget_bench.lua
