#!/usr/bin/env bash
# Runs CMD with the float Lua (build.sh) in place of Debian's: `lua` and `lua5.1` on PATH are the
# float interpreter and `require` finds only float builds of C modules.
#   scripts/float-lua/with-float-lua.sh busted widget/spec
# (busted's `#!/usr/bin/env lua` then picks the float interpreter; `busted --lua=lua5.1` does too.)
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$here/build.sh"
root=$(cd "$here/../.." && pwd)/.cache/lua-float/root

export PATH="$root/bin:$PATH"
# Whatever the caller set: a stock double C module in this interpreter would corrupt every number.
export LUA_CPATH="$root/lib/lua/5.1/?.so"
# LUA_PATH is kept (Lua files are the same for both builds); ';;' in it expands to the float defaults.
exec "$@"
