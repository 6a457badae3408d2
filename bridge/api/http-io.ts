// Reading size-limited request bodies, and JSON errors with a one-line reason.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-server.ts';

export const JSON_BODY_MAX = 64 * 1024;
// An oversize body is read to its end so the client sees our answer rather than a reset; past this
// the sender is not a tool that will read an answer, and the connection is dropped.
const DRAIN_MAX = 64 * 1024 * 1024;

/** A request body we refuse, with the HTTP status that says why (413 for one past its limit). */
export class BodyError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_MAX) req.destroy();
    });
    req.on('end', () => {
      if (size > limit) reject(new BodyError(`body is larger than ${limit} bytes`, 413));
      else resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
    req.on('close', () => reject(new BodyError('request aborted')));
  });
}

/** The body as JSON, or undefined when it is empty. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BodyError(`body is not JSON: ${(err as Error).message}`);
  }
}

export function sendError(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}
