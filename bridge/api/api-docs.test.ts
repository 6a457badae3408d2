// docs/api.md, run: every curl example against a real bridge in the order written (each must
// succeed), the documented refusals word for word, the documented match document and WebSocket
// messages checked against the schemas and the real answers, and GET /api/state's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ActionResultMessage, ServerMessage } from '../../protocol/types.ts';
import {
  validateApiState,
  validateClientMessage,
  validateServerMessage,
  validateThemeList,
} from '../../protocol/validate.ts';
import { checkMatch } from '../match/match-document.ts';
import { pngBytes } from '../../test-support/logo-images.ts';
import { OverlayClient } from '../../test-support/overlay-client.ts';
import { sampleHello } from '../../test-support/sample-messages.ts';
import { waitFor } from '../../test-support/wait.ts';
import { WidgetSocket } from '../../test-support/widget-socket.ts';
import { startControlBridge, type ControlBridge } from '../../test-support/control-bridge.ts';

const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

/** The fenced code blocks of one language, each with the heading it stands under. */
function blocks(language: string): { heading: string; text: string }[] {
  const found: { heading: string; text: string }[] = [];
  let heading = '';
  for (const part of docs.split(/^```/m).entries()) {
    const [index, text] = part;
    if (index % 2 === 0) {
      heading = [...text.matchAll(/^#+ (.*)$/gm)].at(-1)?.[1] ?? heading;
    } else if (text.startsWith(`${language}\n`)) {
      found.push({ heading, text: text.slice(language.length + 1) });
    }
  }
  return found;
}
const block = (language: string, heading: string): string => {
  const found = blocks(language).filter((b) => b.heading === heading);
  expect(found, `${language} block under "${heading}"`).not.toHaveLength(0);
  return found.map((b) => b.text).join('\n');
};

/** Shell words with quotes removed; a `#` outside quotes starts a comment. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const [, single, double, bare] of line.matchAll(/'([^']*)'|"([^"]*)"|(#.*|[^\s'"]+)/g)) {
    if (bare?.startsWith('#')) break;
    out.push(single ?? double ?? bare!);
  }
  return out;
}

interface Request {
  line: string;
  method: string;
  url: string;
  body?: Buffer;
  headers: Record<string, string>;
}

/** One documented curl command as a request; the files `@FILE` names come from `files`. */
function curl(line: string, base: string, files: Record<string, Buffer>): Request {
  const [command, ...args] = words(line.replaceAll('$B', base));
  expect(command, line).toBe('curl');
  const request: Request = { line, method: 'GET', url: '', headers: {} };
  let method: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '-X') method = args[++i]!;
    else if (arg === '-s') continue;
    else if (arg === '-H') {
      const [name, ...value] = args[++i]!.split(':');
      request.headers[name!.toLowerCase()] = value.join(':').trim();
    } else if (arg === '-d' || arg === '--data-binary') {
      const data = args[++i]!;
      const file = data.startsWith('@') ? files[data.slice(1)] : Buffer.from(data);
      expect(file, `${line}: a file the test provides`).toBeDefined();
      request.body = file;
    } else if (arg.startsWith('-')) throw new Error(`${line}: the test does not know ${arg}`);
    else request.url = arg;
  }
  request.method = method ?? (request.body ? 'POST' : 'GET');
  return request;
}

async function run(request: Request): Promise<{ status: number; text: string }> {
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body ? Uint8Array.from(request.body) : undefined,
  });
  return { status: res.status, text: await res.text() };
}

let cb: ControlBridge;
let widget: WidgetSocket;
let files: Record<string, Buffer>;

beforeAll(async () => {
  cb = await startControlBridge();
  // The examples select source c1: the first widget connection, here this one.
  widget = await WidgetSocket.connect(cb.bridge.tcpPort);
  widget.send(sampleHello());
  await waitFor('source c1', () => cb.bridge.status().source?.id === 'c1');
  files = {
    'match.json': Buffer.from(block('json', 'The match document')),
    'armada.png': pngBytes(12, 12),
  };
});
afterAll(async () => {
  await widget.close();
  await cb.close();
});

describe('docs/api.md', () => {
  it('shows a valid match document, which PUT takes as it is', async () => {
    const documented = JSON.parse(block('json', 'The match document'));
    expect(checkMatch(documented)).toEqual({ ok: true, value: documented });
    const answer = await run(curl(`curl -X PUT $B/api/match -d @match.json`, cb.base, files));
    expect([answer.status, JSON.parse(answer.text)]).toEqual([200, documented]);
  });

  it('every example succeeds, in the order written', async () => {
    const lines = block('sh', 'Examples')
      .split('\n')
      .filter((line) => line.startsWith('curl '));
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      const answer = await run(curl(line, cb.base, files));
      expect(answer.status, `${line} → ${answer.text}`).toBe(200);
    }
  });

  it('every documented refusal is word for word what the bridge says', async () => {
    const lines = block('sh', 'Examples').split('\n');
    let checked = 0;
    for (const [index, line] of lines.entries()) {
      if (!line.startsWith('$ curl ')) continue;
      const answer = await run(curl(line.slice(2), cb.base, files));
      expect(answer.status, line).toBeGreaterThanOrEqual(400);
      expect(answer.text, line).toBe(lines[index + 1]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('GET /api/state has every field shown, with ids as shown', async () => {
    const shown = block('json', '`GET /api/state`');
    const overlay = await OverlayClient.connect(
      cb.bridge.httpPort,
      '?role=overlay&page=scoreboard',
    );
    const state = await (await fetch(`${cb.base}/api/state`)).text();
    await overlay.close();
    const keys = (text: string) => new Set([...text.matchAll(/"(\w+)":/g)].map((m) => m[1]));
    expect(validateApiState(JSON.parse(state))).toMatchObject({ ok: true });
    const real = keys(state);
    for (const key of keys(shown)) expect(real, `"${key}"`).toContain(key);
    // An id shown is of the real ids' form: "c1" stands for the widget connections c1, c2, ...
    for (const [, id] of shown.matchAll(/"id": "([^"]*)"/g)) {
      expect(state).toMatch(new RegExp(`"id":"${id!.replace(/\d+/g, '\\d+')}"`));
    }
  });

  it('GET /api/themes answers with its schema', async () => {
    const themes: unknown = await (await fetch(`${cb.base}/api/themes`)).json();
    expect(validateThemeList(themes)).toMatchObject({ ok: true });
  });

  it('the WebSocket action and its answers are what the bridge sends', async () => {
    const [action] = blocks('json').filter((b) => b.heading === 'WebSocket actions');
    const message = JSON.parse(action!.text);
    expect(validateClientMessage(message).ok).toBe(true);
    const answers = blocks('json')
      .filter((b) => b.heading === 'WebSocket actions')[1]!
      .text.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ActionResultMessage);
    const control = await OverlayClient.connect(cb.bridge.httpPort, '?role=control');
    try {
      const isResult = (m: ServerMessage): m is ActionResultMessage => m.type === 'action_result';
      for (const answer of answers) {
        expect(validateServerMessage(answer).ok).toBe(true);
        // The documented action, or for a refusal that action for the team the error names.
        const team = answer.ok ? message.team : Number(/no team (\d+)/.exec(answer.error!)![1]);
        const from = control.messages.length;
        control.ws.send(JSON.stringify({ ...message, id: answer.id, team }));
        expect(await control.next(isResult, from)).toEqual(answer);
      }
    } finally {
      await control.close();
    }
  });
});
