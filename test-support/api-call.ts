// One HTTP request to the bridge's JSON API, answered with status, headers and parsed body.

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One request; a Buffer or string body goes as is, anything else as JSON. */
export async function call(
  base: string,
  method: string,
  target: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const raw = Buffer.isBuffer(body)
    ? Uint8Array.from(body).buffer
    : body === undefined || typeof body === 'string'
      ? body
      : JSON.stringify(body);
  const res = await fetch(base + target, { method, headers, body: raw });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
