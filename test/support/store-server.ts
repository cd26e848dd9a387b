import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Case } from '../../src/domain/case.js';
import type { Collections } from '../../src/store/collections.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** JSON with dates kept as dates, both ways. */
const revive = (_key: string, value: unknown) =>
  typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value;

type Call = { op: keyof Collections; args: unknown[] };

/**
 * Serves in-memory collections over HTTP, so a worker in a child process shares the test's store and the store
 * outlives the worker when it is killed. Test support only: a real deployment shares MongoDB.
 */
export async function serveCollections(
  collections: Collections,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { op, args } = JSON.parse(Buffer.concat(chunks).toString('utf8'), revive) as Call;
    let result: unknown;
    if (op === 'findCases') {
      const found: Case[] = [];
      for await (const c of collections.findCases(args[0] as Record<string, unknown>)) found.push(c);
      result = found;
    } else {
      result = await (collections[op] as (...a: unknown[]) => Promise<unknown>)(...args);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result ?? null));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Collections served by `serveCollections`. */
export function remoteCollections(url: string): Collections {
  const call = async (op: keyof Collections, ...args: unknown[]) => {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify({ op, args }) });
    return JSON.parse(await response.text(), revive);
  };
  return {
    findCase: (filter) => call('findCase', filter),
    async *findCases(filter) {
      yield* (await call('findCases', filter)) as Case[];
    },
    findPage: (filter, sort, skip, limit) => call('findPage', filter, sort, skip, limit),
    aggregateCases: (pipeline) => call('aggregateCases', pipeline),
    updateCase: (filter, update, options) => call('updateCase', filter, update, options),
    incrementCounter: (filter, update) => call('incrementCounter', filter, update),
    async close() {},
  };
}
