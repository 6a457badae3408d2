#!/usr/bin/env bash
# Builds Lua 5.1.5 with 32-bit float numbers, as the Recoil engine compiles it, plus float builds of
# the C modules our specs load (LuaSocket, lfs, term.core, system.core), into <repo>/.cache/lua-float.
# Sources are Debian's source packages, except system.core (system-core.c: the mirror lacks
# lua-system's source). A run whose stamp matches the cached tree does nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=$(cd "$here/../.." && pwd)/.cache/lua-float
root=$cache/root
sources=$cache/sources
log=$cache/build.log
packages=(lua5.1 luasocket lua-filesystem lua-term)

die() {
  echo "float-lua: $*" >&2
  exit 1
}

# Anything that changes the result changes the stamp: the recipe, the source tarballs, and where the
# tree lives (that path is compiled into the interpreter's default search paths).
stamp() {
  {
    cat "$here/build.sh" "$here/luaconf-float.h" "$here/system-core.c"
    echo "$root"
    ls "$sources" 2>/dev/null | grep '\.orig\.tar\.' || true
  } | sha256sum | cut -d' ' -f1
}

up_to_date() {
  [ -x "$root/bin/lua5.1" ] && [ "$(cat "$root/.stamp" 2>/dev/null)" = "$(stamp)" ]
}

up_to_date && exit 0

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "needs root or sudo to run: $*"
  fi
}

# Runs a build step with its output in the log; on failure shows the log's end.
run() {
  if ! "$@" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "failed: $* (full log: $log)"
  fi
}

ensure_tools() {
  command -v gcc >/dev/null && command -v make >/dev/null && command -v dpkg-source >/dev/null && return
  echo "float-lua: installing build-essential dpkg-dev" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential dpkg-dev >/dev/null
}

# apt-get source needs deb-src entries; derive them from the system's deb822 sources.
ensure_deb_src() {
  apt-cache showsrc lua5.1 2>/dev/null | grep -q '^Package: lua5.1$' && return
  local system_sources=/etc/apt/sources.list.d/debian.sources
  [ -f "$system_sources" ] || die "no deb-src entries and no $system_sources to derive them from"
  echo "float-lua: adding /etc/apt/sources.list.d/debian-src.sources" >&2
  sed 's/^Types: deb$/Types: deb-src/' "$system_sources" |
    as_root tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
  as_root apt-get update -qq
}

tarball() {
  compgen -G "$sources/${1}_*.orig.tar.*" | sort -V | tail -n 1
}

download_sources() {
  mkdir -p "$sources"
  local pkg
  for pkg in "${packages[@]}"; do
    [ -n "$(tarball "$pkg")" ] && continue
    ensure_deb_src
    echo "float-lua: downloading the $pkg source package" >&2
    # The mirror may lack a package's debian/ tarball; the orig tarball is all we build from.
    (cd "$sources" && apt-get source --download-only -qq "$pkg") >>"$log" 2>&1 || true
    [ -n "$(tarball "$pkg")" ] || die "could not download the $pkg orig tarball (see $log)"
  done
}

# Unpacks a package's orig tarball into $work/<package> and prints that folder.
unpack() {
  mkdir "$work/$1"
  tar -xf "$(tarball "$1")" -C "$work/$1" --strip-components=1
  echo "$work/$1"
}

# Inserts the float settings before luaconf.h's closing #endif.
configure_float() {
  local conf=$1 last
  case $root in *[\"\\]*) die "the repository path must not contain \" or \\: $root" ;; esac
  last=$(grep -n '^#endif' "$conf" | tail -n 1 | cut -d: -f1)
  {
    head -n $((last - 1)) "$conf"
    printf '#define FLOAT_LUA_ROOT "%s"\n' "$root"
    cat "$here/luaconf-float.h"
    tail -n +"$last" "$conf"
  } >"$conf.float"
  mv "$conf.float" "$conf"
}

build_lua() {
  local src
  src=$(unpack lua5.1)/src
  configure_float "$src/luaconf.h"
  # Upstream's "linux" target without readline: POSIX features and dlopen for C modules.
  run make -C "$src" -j2 all MYCFLAGS="-DLUA_USE_POSIX -DLUA_USE_DLOPEN" MYLIBS="-Wl,-E -ldl"
  install -D -m755 "$src/lua" "$new/bin/lua5.1"
  ln -s lua5.1 "$new/bin/lua"
  install -d "$new/include"
  install -m644 "$src"/{lua.h,luaconf.h,lualib.h,lauxlib.h} "$new/include/"
  "$new/bin/lua5.1" -e 'assert(2^24 + 1 == 2^24, "lua_Number is not float")' ||
    die "the interpreter built is not a float build"
}

# One C file against the float headers into lib/lua/5.1/<module path>.so.
build_module() {
  local source=$1 target=$new/lib/lua/5.1/$2.so
  install -d "$(dirname "$target")"
  run gcc -O2 -Wall -fPIC -shared -I"$new/include" "$source" -o "$target"
}

build_luasocket() {
  local dir
  dir=$(unpack luasocket)
  local settings=(PLAT=linux LUAV=5.1 LUAINC_linux="$new/include" prefix="$new")
  run make -C "$dir/src" -j2 all "${settings[@]}"
  run make -C "$dir/src" install "${settings[@]}"
}

build_all() {
  local started=$SECONDS dir
  ensure_tools
  download_sources
  work=$(mktemp -d "$cache/build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  new=$work/root
  echo "float-lua: building Lua 5.1.5 with float numbers and its C modules in $cache" >&2

  build_lua
  build_luasocket
  dir=$(unpack lua-filesystem)
  build_module "$dir/src/lfs.c" lfs
  dir=$(unpack lua-term)
  build_module "$dir/core.c" term/core
  install -D -m644 -t "$new/share/lua/5.1/term" "$dir"/term/*.lua
  # lua-system's source tarball is not on the mirror; its init.lua comes from Debian's lua-system.
  build_module "$here/system-core.c" system/core

  stamp >"$new/.stamp"
  rm -rf "$root"
  mv "$new" "$root"
  echo "float-lua: built in $((SECONDS - started)) s" >&2
}

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
# Another run may have built it while this one waited for the lock.
up_to_date && exit 0
: >"$log"
build_all
