import { describe, expect, it } from 'vitest';
import { parseFrame, stampReceivedAt } from './message-parser.ts';
import { sampleHello, sampleState } from '../test-support/sample-messages.ts';

describe('parseFrame', () => {
  it('accepts a valid message and keeps its text', () => {
    const text = JSON.stringify(sampleHello());
    const parsed = parseFrame(Buffer.from(text));
    expect(parsed).toEqual({ ok: true, message: sampleHello(), text });
  });

  it('names the fault of invalid UTF-8, invalid JSON and schema failures', () => {
    expect(parseFrame(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({
      ok: false,
      failure: 'bad_utf8',
    });
    expect(parseFrame(Buffer.from('{"type":'))).toMatchObject({ ok: false, failure: 'bad_json' });
    expect(parseFrame(Buffer.from('[1,2]'))).toMatchObject({
      ok: false,
      failure: 'bad_schema',
      reason: 'message is not a JSON object',
    });
    const badColor = sampleState();
    badColor.teams[0]!.color = 'red';
    const parsed = parseFrame(Buffer.from(JSON.stringify(badColor)));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain('/teams/0/color');
    expect(parsed).toMatchObject({ seq: badColor.seq });
  });
});

describe('stampReceivedAt', () => {
  it('appends received_at to the original text', () => {
    const state = sampleState();
    const text = JSON.stringify(state, null, 1) + '  ';
    const stamped = stampReceivedAt(state, text, 1234);
    expect(JSON.parse(stamped)).toEqual({ ...state, received_at: 1234 });
    expect(stamped.startsWith(text.trimEnd().slice(0, -1))).toBe(true);
  });

  it('replaces a received_at the widget sent rather than duplicating it', () => {
    const hello = { ...sampleHello(), received_at: 5 };
    const stamped = stampReceivedAt(hello, JSON.stringify(hello), 99);
    expect(stamped.match(/received_at/g)).toHaveLength(1);
    expect(JSON.parse(stamped).received_at).toBe(99);
  });
});
