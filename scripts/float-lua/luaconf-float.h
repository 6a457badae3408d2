/*
** bar-livedata: numbers as Recoil's Lua has them (rts/lib/lua/include/luaconf.h,
** README_SPRING item 4). build.sh inserts this block at the end of Lua 5.1.5's
** luaconf.h, after a generated FLOAT_LUA_ROOT define, so C modules compiled
** against these headers get the same ABI as the interpreter.
*/
#undef LUA_NUMBER_DOUBLE
#undef LUA_NUMBER
#define LUA_NUMBER float

/* variadic arguments promote float to double, so this stays double */
#undef LUAI_UACNUMBER
#define LUAI_UACNUMBER double

#undef LUA_NUMBER_SCAN
#define LUA_NUMBER_SCAN "%f"
/*
** tostring and `..` on a number: what a float holds, in C's %g. The engine has its own
** (spring_lua_ftoa: whole numbers as digits, about 10 characters otherwise), so number text
** from either build is no contract: the widget writes every number itself (Json.number).
*/
#undef LUA_NUMBER_FMT
#define LUA_NUMBER_FMT "%.7g"
#undef lua_str2number
#define lua_str2number(s, p) strtof((s), (p))

/* plain casts: the i386 double trick upstream assumes a double lua_Number */
#undef lua_number2int
#define lua_number2int(i, d) ((i) = (int)(d))
#undef lua_number2integer
#define lua_number2integer(i, d) ((i) = (lua_Integer)(d))

/* Recoil uses int on every platform */
#undef LUA_INTEGER
#define LUA_INTEGER int

/*
** Recoil's language switches: no math.mod, string.gfind only raises an error, no implicit 'arg'
** table in vararg functions, nested [[ ]] inside a long string is no error
*/
#undef LUA_COMPAT_MOD
#undef LUA_COMPAT_GFIND
#undef LUA_COMPAT_VARARG
#undef LUA_COMPAT_LSTR

/*
** Search only this tree (and Debian's pure-Lua modules) by default: a stock
** double C module loaded into this interpreter would corrupt every number.
*/
#undef LUA_PATH_DEFAULT
#define LUA_PATH_DEFAULT \
  "./?.lua;" FLOAT_LUA_ROOT "/share/lua/5.1/?.lua;" FLOAT_LUA_ROOT \
  "/share/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua"
#undef LUA_CPATH_DEFAULT
#define LUA_CPATH_DEFAULT FLOAT_LUA_ROOT "/lib/lua/5.1/?.so"
