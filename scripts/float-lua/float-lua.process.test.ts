// Proves scripts/float-lua gives a Lua 5.1 with 32-bit float numbers, as the Recoil engine has, whose
// C modules share its number type, and that Debian's stock lua5.1 is a different (double) interpreter.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const floatRoot = fileURLToPath(new URL('../../.cache/lua-float/root', import.meta.url));
const withFloatLua = join(here, 'with-float-lua.sh');
const stockLua = '/usr/bin/lua5.1';
const debianCModules = '/usr/lib/x86_64-linux-gnu/lua/5.1/?.so';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeout = 60_000,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: here, env: { ...process.env, ...env }, timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const floatLua = (code: string, env?: NodeJS.ProcessEnv) =>
  run(withFloatLua, ['lua5.1', '-e', code], env);

// Prints what separates float from double numbers, without tostring (which differs by itself).
const numberProbe = `
  print(_VERSION)
  print(2^24 + 1 == 2^24)
  print(string.format("%d", tonumber("16777217")))
  print(16777217 == 16777216)`;

// Prints what Recoil's luaconf.h switches off: math.mod, string.gfind, the implicit 'arg' of vararg
// functions, the error on nested [[ ]] in a long string.
const switchProbe = `
  print(type(math.mod))
  print((pcall(string.gfind, "a", "a")))
  local function varargs(...) return arg end
  print(type(varargs(1)))
  print(loadstring("return [[ [[ ]]") ~= nil)`;

let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'float-lua-'));
  // The first build downloads Debian sources and compiles (about 10 s here); later runs are instant.
  const build = await run(join(here, 'build.sh'), [], {}, 600_000);
  expect(build.code, build.stderr).toBe(0);
}, 600_000);

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the float Lua', () => {
  it('rounds numbers to 32-bit floats', async () => {
    const result = await floatLua(numberProbe);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['Lua 5.1', 'true', '16777216', 'true', '']);
  });

  it('is not what stock lua5.1 does', async () => {
    const result = await run(stockLua, ['-e', numberProbe]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['Lua 5.1', 'false', '16777217', 'false', '']);
  });

  it('has Recoil’s 5.1 language switches, unlike stock lua5.1', async () => {
    const float = await floatLua(switchProbe);
    expect(float.code, float.stderr).toBe(0);
    expect(float.stdout.split('\n')).toEqual(['nil', 'false', 'nil', 'true', '']);
    const stock = await run(stockLua, ['-e', switchProbe]);
    expect(stock.code, stock.stderr).toBe(0);
    expect(stock.stdout.split('\n')).toEqual(['function', 'true', 'table', 'false', '']);
  });

  it('loads only float builds of C modules, even when the caller points LUA_CPATH at Debian’s', async () => {
    const file = join(scratch, 'stamped');
    await writeFile(file, 'x');
    // 1.6e9 is a multiple of 128, so a float holds it exactly.
    await utimes(file, 1_600_000_000, 1_600_000_000);
    const result = await floatLua(
      `for entry in package.cpath:gmatch("[^;]+") do print("CPATH " .. entry) end
       print("LFS " .. string.format("%d", require("lfs").attributes("${file}").modification))
       print("SOCKET " .. string.format("%d", require("socket").gettime()))
       print("SYSTEM " .. string.format("%d", require("system").gettime()))
       print("TERM " .. type(require("term").isatty))`,
      { LUA_CPATH: `${debianCModules};;` },
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const cpath = lines.filter((line) => line.startsWith('CPATH ')).map((line) => line.slice(6));
    expect(cpath).toEqual([`${floatRoot}/lib/lua/5.1/?.so`]);
    const value = (name: string) =>
      Number(lines.find((line) => line.startsWith(`${name} `))?.slice(name.length + 1));
    expect(value('LFS')).toBe(1_600_000_000);
    const now = Date.now() / 1000;
    // Epoch seconds as floats step by 128. Debian's double builds of these modules push garbage
    // into this interpreter (2e-14 from socket.gettime, 2e24 from system.gettime).
    expect(Math.abs(value('SOCKET') - now)).toBeLessThanOrEqual(256);
    expect(Math.abs(value('SYSTEM') - now)).toBeLessThanOrEqual(256);
    expect(lines).toContain('TERM function');
  });

  it(
    'sends and receives length-prefixed frames exactly through a non-blocking LuaSocket',
    { timeout: 60_000 },
    async () => {
      // Headers using 1 to 4 bytes, up to a frame of exactly 2^24 bytes: the longest buffer whose
      // send indices are all exact floats.
      const sizes = [5, 300, 65_537, 1_048_579, 16_777_212];
      const total = sizes.reduce((sum, size) => sum + 4 + size, 0);
      const received: { length: number; intact: boolean }[] = [];
      const server = createServer((socket: Socket) => {
        const chunks: Buffer[] = [];
        let length = 0;
        socket.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
          if (length < total) return;
          const stream = Buffer.concat(chunks);
          for (let offset = 0; offset < stream.length;) {
            const size = stream.readUInt32BE(offset);
            const body = stream.subarray(offset + 4, offset + 4 + size);
            received.push({
              length: size,
              intact: body.every((byte, i) => byte === 48 + (i % 10)),
            });
            const ack = Buffer.alloc(8);
            ack.writeUInt32BE(4, 0);
            ack.writeUInt32BE(size, 4);
            socket.write(ack);
            offset += 4 + size;
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const client = join(here, 'test', 'round-trip-client.lua');
        const result = await run(withFloatLua, [
          'lua5.1',
          client,
          String(port),
          ...sizes.map(String),
        ]);
        expect(result.code, result.stderr).toBe(0);
        expect(received).toEqual(sizes.map((length) => ({ length, intact: true })));
        expect(result.stdout.trim().split('\n')).toEqual(sizes.map((size) => `ACK ${size}`));
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );

  it.each([
    ['busted', ['-o', 'TAP']],
    ['busted --lua=lua5.1', ['--lua=lua5.1', '-o', 'TAP']],
  ])('runs a busted spec as `%s` under the float Lua', async (_form, options) => {
    const result = await run(withFloatLua, [
      'busted',
      ...options,
      join(here, 'test', 'float_spec.lua'),
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('FLOAT-SPEC Lua 5.1 2^24+1==2^24:true');
    expect(result.stdout).toContain('1..3');
    expect(result.stdout).not.toContain('not ok');
  });

  it('fails the same spec under stock busted', async () => {
    const result = await run(stockLua, [
      '/usr/bin/busted',
      '-o',
      'TAP',
      join(here, 'test', 'float_spec.lua'),
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('FLOAT-SPEC Lua 5.1 2^24+1==2^24:false');
    expect(result.stdout).toContain('not ok 2 - the float Lua rounds numbers to 32-bit floats');
  });
});
