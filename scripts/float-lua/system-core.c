/*
 * system.core for the float Lua: the three functions busted 2.1 takes from
 * lua-system (gettime, monotime, sleep). Debian's lua-system source tarball
 * is not served by the package mirror here, so this small module stands in
 * for it, compiled against the float Lua headers like every other C module.
 */
#include <errno.h>
#include <time.h>

#include "lauxlib.h"
#include "lua.h"

static lua_Number clock_seconds(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (lua_Number)((double)ts.tv_sec + (double)ts.tv_nsec * 1e-9);
}

static int system_gettime(lua_State *L) {
  lua_pushnumber(L, clock_seconds(CLOCK_REALTIME));
  return 1;
}

static int system_monotime(lua_State *L) {
  lua_pushnumber(L, clock_seconds(CLOCK_MONOTONIC));
  return 1;
}

static int system_sleep(lua_State *L) {
  double seconds = (double)luaL_checknumber(L, 1);
  struct timespec left;
  if (seconds <= 0) return 0;
  left.tv_sec = (time_t)seconds;
  left.tv_nsec = (long)((seconds - (double)left.tv_sec) * 1e9);
  /* a signal cuts nanosleep short: sleep the rest */
  while (nanosleep(&left, &left) == -1 && errno == EINTR) {
  }
  return 0;
}

static const luaL_Reg system_functions[] = {
    {"gettime", system_gettime},
    {"monotime", system_monotime},
    {"sleep", system_sleep},
    {NULL, NULL},
};

int luaopen_system_core(lua_State *L) {
  lua_newtable(L);
  luaL_register(L, NULL, system_functions);
  lua_pushliteral(L, "bar-livedata system.core (float Lua)");
  lua_setfield(L, -2, "_VERSION");
  return 1;
}
