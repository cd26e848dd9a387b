import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** A request's body as bytes. */
export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A request's body as JSON; an empty one is `{}`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  return JSON.parse((await readRaw(req)).toString('utf8') || '{}');
}

/** Answers with JSON. */
export const send = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** A sandbox's web server on `port`: a request the page sent wrong is a 400, anything else that fails a 500. */
export async function listenSandbox(
  port: number,
  route: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, error instanceof z.ZodError ? 400 : 500, { error: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
