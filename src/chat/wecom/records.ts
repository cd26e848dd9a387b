import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Case } from '../../domain/case.js';
import type { WecomApi } from './api.js';

/** A click's response code serves once, within 72 hours: past that it is of no use, and forgotten. */
const RESPONSE_CODE_TTL_MS = 72 * 3_600_000;
/** How long a member's name is trusted before WeCom is asked again. */
const NAME_TTL_MS = 86_400_000;

/**
 * The adapter's own records of its cards, apart from the case: the response code of the last click on each card,
 * which lets the card be updated once. A delivery never writes to the case.
 */
export interface CardRecords {
  /** Remembers the code a click on a card brought, replacing one an earlier click brought. */
  rememberResponse(task: string, code: string): Promise<void>;
  /** The code to update a card with, if a click left one not used yet. */
  responseCode(task: string): Promise<string | null>;
  /** Forgets a code once it was used, or WeCom refused it. */
  forgetResponse(task: string, code: string): Promise<void>;
}

/** Card records in Redis, shared by the web process that takes the click and the worker that updates the card. */
export function redisCardRecords(redis: Redis, prefix: string): CardRecords {
  const key = (task: string) => `${prefix}:wecom:response:${task}`;
  return {
    async rememberResponse(task, code) {
      await redis.set(key(task), code, 'PX', RESPONSE_CODE_TTL_MS);
    },
    responseCode: (task) => redis.get(key(task)),
    async forgetResponse(task, code) {
      // Only the code that was used: a later click's code stays for the update it asks for.
      if ((await redis.get(key(task))) === code) await redis.del(key(task));
    },
  };
}

/**
 * A task id no card of the app had before (WeCom refuses one used before, for good): the case's number and
 * revision, the time and a random part, so that no restart or lost counter can repeat one.
 */
export function newTaskId(c: Pick<Case, 'number' | 'revision'>, now = Date.now()): string {
  return `${c.number}-${c.revision}-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** Members' names, as cards and lists show people. */
export interface WecomNames {
  /** A way to name each of these members: their WeCom name, or their userid when WeCom gives none. */
  of(userIds: Iterable<string | undefined | null>): Promise<(userId: string) => string>;
}

/** Names from WeCom (`user/get`), kept in Redis for a day so that a member costs one call a day. */
export function wecomNames(api: Pick<WecomApi, 'userName'>, redis: Redis, prefix: string): WecomNames {
  const key = (userId: string) => `${prefix}:wecom:name:${userId}`;
  async function nameOf(userId: string): Promise<string> {
    const kept = await redis.get(key(userId));
    if (kept) return kept;
    const answer = await api.userName(userId);
    if (answer.kind !== 'user') return userId;
    await redis.set(key(userId), answer.name, 'PX', NAME_TTL_MS);
    return answer.name;
  }
  return {
    async of(userIds) {
      const wanted = [...new Set([...userIds].filter((id): id is string => !!id && id !== 'system'))];
      const names = new Map(await Promise.all(wanted.map(async (id) => [id, await nameOf(id)] as const)));
      return (userId) => names.get(userId) ?? userId;
    },
  };
}
