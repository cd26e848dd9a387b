import { randomUUID } from 'node:crypto';
import { ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { DelayedError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { CaseStore, Chat, MessageRef, Notice } from '../src/app/ports.js';
import type { ChatTransport } from '../src/chat/slack-chat.js';
import type { Case } from '../src/domain/case.js';
import type { Log } from '../src/log.js';
import { scripts } from './scripts.js';

/** Pacing of messages per Slack channel: Slack allows about one a second, with short bursts. */
export interface Pace {
  perSecond: number;
  burst: number;
}

const messageRef = z.object({ channel: z.string(), ts: z.string() });
const notice = z.union([
  z.object({ kind: z.enum(['assigned', 'major', 'escalated', 'registered', 'approval_rejected']) }),
  z.object({ kind: z.literal('approval'), amount: z.number() }),
  z.object({ kind: z.enum(['warned', 'nudged']), deadline: z.enum(['acknowledge', 'callback', 'resolve']) }),
  z.object({ kind: z.literal('batch'), numbers: z.array(z.string()) }),
]);
const message = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card') }),
  z.object({ kind: z.literal('refresh'), pressedIn: messageRef.optional() }),
  z.object({ kind: z.literal('notice'), to: z.string(), notice }),
  z.object({ kind: z.literal('digest'), to: z.string(), numbers: z.array(z.string()) }),
]);
type Message = z.infer<typeof message>;

export const deliverPayload = z.object({ mailbox: z.string() });
export const digestPayload = z.object({ to: z.string() });

/**
 * How long a queued key is remembered. It only has to outlive the moment between queuing a notice and
 * recording it in the case's timeline, which the store then remembers for good; retries come within minutes.
 */
const KEYS_TTL_S = 3600;
/** How long one delivery may hold a mailbox; it sends one message at a time, each well within it. */
const LOCK_MS = 10_000;

/** Where a case's messages wait, in order; a person's digests wait in a mailbox of their own. */
const mailboxOfCase = (number: string) => number;
const mailboxOfPerson = (user: string) => `@${user}`;

function keys(prefix: string) {
  return {
    mailbox: (id: string) => `${prefix}:outbox:${id}`,
    sent: (id: string) => `${prefix}:outbox-keys:${id}`,
    lock: (id: string) => `${prefix}:outbox-lock:${id}`,
    gathered: (user: string) => `${prefix}:gathered:${user}`,
    gathering: (user: string) => `${prefix}:gathering:${user}`,
    pace: (channel: string) => `${prefix}:pace:${channel}`,
  };
}

/**
 * The chat port as an outbox: messages wait in their case's mailbox and leave in order, paced per channel, by
 * `deliver` jobs. A notice carries a key and is queued once per key: a retried job queues nothing twice.
 */
export function outboxChat(queue: Queue, redis: Redis, prefix: string, digestWindowMs: number): Chat {
  const k = keys(prefix);
  /** Appends to a list unless the case queued this key lately; an empty key always appends. */
  const append = (list: string, c: Case, key: string, item: string) =>
    redis.eval(scripts.enqueueMessage, 2, list, k.sent(c.number), key, item, KEYS_TTL_S);
  async function put(c: Case, m: Message, key = ''): Promise<void> {
    await append(k.mailbox(mailboxOfCase(c.number)), c, key, JSON.stringify(m));
    await queue.add('deliver', { mailbox: mailboxOfCase(c.number) });
  }
  async function gather(to: string, c: Case, key: string): Promise<void> {
    await append(k.gathered(to), c, key, c.number);
    // The first escalation of a window opens it; the digest leaves when it closes.
    if (await redis.set(k.gathering(to), '1', 'PX', digestWindowMs, 'NX')) {
      await queue.add('digest', { to }, { delay: digestWindowMs, jobId: `digest.${to}.${Date.now()}` });
    }
  }
  return {
    // The deliverer posts a card only to a case that has none: a second card message sends nothing.
    postCard: (c) => put(c, { kind: 'card' }),
    refresh: (c, pressedIn?: MessageRef) => put(c, { kind: 'refresh', pressedIn }),
    notify: (to, n: Notice, c, key, options) =>
      options?.gather && digestWindowMs > 0
        ? gather(to, c, key)
        : put(c, { kind: 'notice', to, notice: n }, key),
  };
}

/** Processes `digest`: the cases gathered for one person leave as one message. */
export const digestJob = (queue: Queue, redis: Redis, prefix: string) => async (job: Job) => {
  const { to } = digestPayload.parse(job.data);
  const k = keys(prefix);
  const moved = await redis.eval(scripts.closeDigest, 2, k.gathered(to), k.mailbox(mailboxOfPerson(to)), to);
  if (Number(moved) > 0) await queue.add('deliver', { mailbox: mailboxOfPerson(to) });
};

export interface DeliverDeps {
  redis: Redis;
  prefix: string;
  store: CaseStore;
  transport: ChatTransport;
  channel: string;
  pace: Pace;
  log: Log;
}

const isRateLimited = (e: unknown): e is WebAPIRateLimitedError =>
  (e as { code?: string }).code === ErrorCode.RateLimitedError;
/** Slack refused the message itself (an unknown channel, say): sending it again will not help. */
const isRefused = (e: unknown): e is WebAPIPlatformError =>
  (e as { code?: string }).code === ErrorCode.PlatformError;

/**
 * Processes `deliver`: sends a mailbox's messages in order, one delivery per mailbox at a time. A message
 * leaves the mailbox only once Slack has taken it; when Slack says to wait (429), or the channel's pace does,
 * the job sleeps and the message stays first in line.
 */
export const deliverJob = (deps: DeliverDeps) => {
  const { redis, store, transport, pace, log } = deps;
  const k = keys(deps.prefix);

  async function send(m: Message, c: Case | null): Promise<void> {
    if (m.kind === 'digest') {
      const cases = (await Promise.all(m.numbers.map((n) => store.get(n)))).filter((x) => x !== null);
      if (cases.length === 1 && cases[0]) await transport.notify(m.to, { kind: 'escalated' }, cases[0]);
      else if (cases.length > 1) await transport.digest(m.to, cases);
      return;
    }
    if (!c) return;
    if (m.kind === 'card' && !c.card) await store.setCard(c.number, await transport.postCard(c));
    if (m.kind === 'refresh') {
      await transport.refresh(c, m.pressedIn);
      // The first entry is the registration, which the card itself shows.
      const told = c.threaded ?? 1;
      if (c.timeline.length > told) {
        await transport.thread(c, c.timeline.slice(told));
        await store.setThreaded(c.number, c.timeline.length);
      }
    }
    if (m.kind === 'notice') await transport.notify(m.to, m.notice, c);
  }

  const channelOf = (m: Message, c: Case | null) =>
    m.kind === 'notice' || m.kind === 'digest'
      ? m.to
      : m.kind === 'card'
        ? deps.channel
        : (c?.card?.channel ?? deps.channel);

  return async (job: Job, token?: string) => {
    const { mailbox } = deliverPayload.parse(job.data);
    const owner = token ?? randomUUID();
    const later = async (ms: number) => {
      await job.moveToDelayed(Date.now() + ms, token);
      throw new DelayedError();
    };
    // Another delivery of this mailbox is running: try again just after it.
    if (!(await redis.set(k.lock(mailbox), owner, 'PX', LOCK_MS, 'NX'))) return later(250);
    try {
      for (;;) {
        const raw = await redis.lindex(k.mailbox(mailbox), 0);
        if (!raw) return;
        const m = message.parse(JSON.parse(raw));
        const c = mailbox.startsWith('@') ? null : await store.get(mailbox);
        const wait = Number(
          await redis.eval(
            scripts.takeToken,
            1,
            k.pace(channelOf(m, c)),
            Date.now(),
            pace.perSecond,
            pace.burst,
          ),
        );
        // Waiting for the pace in a delayed job, not here, keeps the worker free for other mailboxes.
        if (wait > 0) return later(wait);
        try {
          await send(m, c);
        } catch (error) {
          if (isRateLimited(error)) return later(error.retryAfter * 1000);
          if (!isRefused(error)) throw error;
          log.error({ err: error, mailbox, message: m }, 'Slack refused a message; it is dropped');
        }
        await redis.lpop(k.mailbox(mailbox));
      }
    } finally {
      await redis.eval(scripts.releaseLock, 1, k.lock(mailbox), owner);
    }
  };
};
