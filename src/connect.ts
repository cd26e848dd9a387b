import type { Redis } from 'ioredis';
import { ConfigError } from './config.js';

/** How long start-up waits for Redis and MongoDB when CONNECT_WAIT is not set: `docker compose up` order. */
export const DEFAULT_CONNECT_WAIT_MS = 15_000;

/** An address as it may be printed: without its password. */
export function printableAddress(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Waits until Redis answers; after `waitMs`, one line that names REDIS_URL, the address and what to do. */
export async function reachRedis(redis: Redis, url: string, waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new ConfigError(
          `REDIS_URL: no Redis answers at ${printableAddress(url)} (waited ${seconds(waitMs)}). ` +
            'Start one, e.g. `docker run -d -p 6379:6379 redis:7` or `apt-get install redis-server`, or set REDIS_URL.',
        ),
      );
    }, waitMs);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A MongoDB URI whose driver gives up finding a server after `waitMs`, unless the URI says otherwise. */
export function withServerWait(url: string, waitMs: number): string {
  if (/[?&]serverSelectionTimeoutMS=/i.test(url)) return url;
  // The URI's options follow a slash after the hosts, even when it names no database.
  const match = /^([a-z+]+:\/\/)([^/?]*)(.*)$/i.exec(url);
  if (!match) return url;
  const [, scheme, hosts, tail = ''] = match;
  const path = tail.startsWith('/') ? tail : `/${tail}`;
  return `${scheme}${hosts}${path}${path.includes('?') ? '&' : '?'}serverSelectionTimeoutMS=${waitMs}`;
}

/** Opens MongoDB, or fails with one line that names MONGO_URL, the address and what to do. */
export async function reachMongo<T>(url: string, waitMs: number, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const why = String((error as Error).message ?? error).split('\n')[0];
    throw new ConfigError(
      `MONGO_URL: no MongoDB answers at ${printableAddress(url)} (waited ${seconds(waitMs)}: ${why}). ` +
        'Start one, e.g. `docker compose up -d mongo`, or leave MONGO_URL unset to keep cases in memory.',
    );
  }
}
