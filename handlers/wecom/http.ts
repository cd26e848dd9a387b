import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request body too large to be one WeCom sends or one form a person fills in. */
export class BodyTooLarge extends Error {
  readonly code = 'body-too-large';
}

/** The body of a request as text, refused past `maxBytes` before more of it is read. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new BodyTooLarge(`a body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers a request in one go. */
export function answer(
  res: ServerResponse,
  status: number,
  body = '',
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
