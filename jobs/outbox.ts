import { randomUUID } from 'node:crypto';
import { DelayedError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Home } from '../src/app/home.js';
import type { CaseStore, Chat, ChatTransport, Delivery, MessageRef, Notice } from '../src/app/ports.js';
import { isToldInThread } from '../src/chat/thread-line.js';
import { type Case, type DeadlineKind, isFinished, type TimelineEntry } from '../src/domain/case.js';
import { type HomeRoles, homesOfCase } from '../src/domain/home.js';
import { REPORT_KINDS } from '../src/domain/report-period.js';
import type { Statistics } from '../src/domain/statistics.js';
import { recipients } from '../src/domain/visibility.js';
import type { Log } from '../src/log.js';
import type { Delivered, Deliveries } from './deliveries.js';
import type { HomeReaders } from './home-readers.js';
import { scripts } from './scripts.js';

/** Pacing of messages per channel: Slack allows about one a second per channel, with short bursts. */
export interface Pace {
  perSecond: number;
  burst: number;
}

/** An adapter's reference to a message; one queued as an object, before references were opaque, reads as its JSON. */
const messageRef = z.union([
  z.string().transform((ref) => ref as MessageRef),
  z.record(z.string(), z.string()).transform((ref) => JSON.stringify(ref) as MessageRef),
]);
const notice = z.union([
  z.object({ kind: z.enum(['assigned', 'major', 'registered', 'approval_rejected']) }),
  z.object({
    kind: z.literal('escalated'),
    deadline: z.enum(['acknowledge', 'callback', 'resolve']).optional(),
  }),
  z.object({ kind: z.literal('approval'), amount: z.number() }),
  z.object({ kind: z.enum(['warned', 'nudged']), deadline: z.enum(['acknowledge', 'callback', 'resolve']) }),
  z
    .object({ kind: z.literal('batch'), numbers: z.array(z.string()), customers: z.number().optional() })
    // Queued before batches counted customers: then each case was one.
    .transform((batch) => ({ ...batch, customers: batch.customers ?? batch.numbers.length })),
  z.object({ kind: z.literal('outcome'), reader: z.enum(['receiver', 'manager', 'major']) }),
]);
/**
 * What waits in a mailbox. Each kind but `refresh` and `homes` is exactly one Web API call, so the pace counts
 * calls; a `refresh` or `homes` is replaced, when its turn comes, by the calls it takes as things are then.
 */
const message = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card') }),
  z.object({ kind: z.literal('refresh'), pressedIn: messageRef.optional() }),
  /** The App Homes of the people on the case, published again. */
  z.object({ kind: z.literal('homes') }),
  /** One person's App Home, as it is when its turn comes. */
  z.object({ kind: z.literal('home'), to: z.string() }),
  z.object({ kind: z.literal('update-card') }),
  z.object({ kind: z.literal('update-pressed'), pressedIn: messageRef }),
  /** One entry of the case's timeline, told in the card's thread. */
  z.object({ kind: z.literal('thread'), entry: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('notice'), to: z.string(), notice, key: z.string().optional() }),
  z.object({ kind: z.literal('digest'), to: z.string(), numbers: z.array(z.string()) }),
  z.object({ kind: z.literal('daily'), to: z.string(), numbers: z.array(z.string()) }),
  /** The statistics as a message, and then as a chart: two calls, each sent once. */
  z.object({
    kind: z.enum(['report', 'chart']),
    to: z.string(),
    report: z.enum(REPORT_KINDS),
    period: z.object({ from: z.coerce.date(), to: z.coerce.date() }),
    stats: z.custom<Statistics>((v) => typeof v === 'object' && v !== null),
    trend: z.array(z.object({ from: z.coerce.date(), judged: z.number(), met: z.number() })),
  }),
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

/** Between a gathered case's number and the deadline that brought it up. */
const GATHERED_SEPARATOR = '/';

/**
 * A deadline's warning, nudge or escalation decided just before the case was resolved (or the deadline met) may
 * reach its turn after that: it is no longer true, and is not sent.
 */
function overtaken(n: Notice, c: Case): boolean {
  if (n.kind !== 'warned' && n.kind !== 'nudged' && n.kind !== 'escalated') return false;
  if (isFinished(c)) return true;
  const deadline = 'deadline' in n ? c.deadlines.find((d) => d.kind === n.deadline) : undefined;
  return deadline?.metAt !== undefined;
}

/** The gathered escalations of a digest: each case once, in the order it first came, with what it reached. */
function digestEntries(items: string[]): { number: string; deadlines: DeadlineKind[] }[] {
  const entries = new Map<string, DeadlineKind[]>();
  for (const item of items) {
    const [number = '', deadline = ''] = item.split(GATHERED_SEPARATOR);
    const reached = entries.get(number) ?? [];
    if (isDeadlineKind(deadline) && !reached.includes(deadline)) reached.push(deadline);
    entries.set(number, reached);
  }
  return [...entries].map(([number, deadlines]) => ({ number, deadlines }));
}

const isDeadlineKind = (s: string): s is DeadlineKind => ['acknowledge', 'callback', 'resolve'].includes(s);

/** Where a case's messages wait, in order; a person's digests wait in a mailbox of their own. */
const mailboxOfCase = (number: string) => number;
const mailboxOfPerson = (user: string) => `@${user}`;

function keys(prefix: string) {
  return {
    mailbox: (id: string) => `${prefix}:outbox:${id}`,
    sent: (id: string) => `${prefix}:outbox-keys:${id}`,
    lock: (id: string) => `${prefix}:outbox-lock:${id}`,
    gathered: (user: string) => `${prefix}:gathered:${user}`,
    /** Set while a person's Home waits to be published: changes meanwhile need no second publish. */
    homeDue: (user: string) => `${prefix}:home-due:${user}`,
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
  /** Appends to a list unless the mailbox queued this key lately; an empty key always appends. */
  const append = (list: string, mailbox: string, key: string, item: string) =>
    redis.eval(scripts.enqueueMessage, 2, list, k.sent(mailbox), key, item, KEYS_TTL_S);
  async function put(mailbox: string, m: Message, key = ''): Promise<void> {
    await append(k.mailbox(mailbox), mailbox, key, JSON.stringify(m));
    await queue.add('deliver', { mailbox });
  }
  /**
   * The first escalation to a person leaves at once and opens a window; those that follow within it are gathered,
   * and leave as one digest when it closes.
   */
  async function gather(to: string, n: Notice, c: Case, key: string): Promise<void> {
    if (await redis.set(k.gathering(to), '1', 'PX', digestWindowMs, 'NX')) {
      await queue.add('digest', { to }, { delay: digestWindowMs, jobId: `digest.${to}.${Date.now()}` });
      return put(mailboxOfCase(c.number), { kind: 'notice', to, notice: n, key }, key);
    }
    const deadline = n.kind === 'escalated' ? (n.deadline ?? '') : '';
    await append(k.gathered(to), mailboxOfCase(c.number), key, `${c.number}${GATHERED_SEPARATOR}${deadline}`);
  }
  return {
    // The deliverer posts a card only to a case that has none: a second card message sends nothing.
    postCard: async (c) => {
      await put(mailboxOfCase(c.number), { kind: 'card' });
      await put(mailboxOfCase(c.number), { kind: 'homes' });
    },
    refresh: (c, pressedIn?: MessageRef) => put(mailboxOfCase(c.number), { kind: 'refresh', pressedIn }),
    notify: async (to, n: Notice, c, key, options) => {
      // The last guard of 回避: whoever asked, the person complained about is sent nothing of the case.
      if (recipients(c, [to]).length === 0) return;
      if (options?.gather && digestWindowMs > 0) return gather(to, n, c, key);
      return put(mailboxOfCase(c.number), { kind: 'notice', to, notice: n, key }, key);
    },
    async report(to, report, key) {
      await put(mailboxOfPerson(to), { kind: 'report', to, ...report }, key);
      await put(mailboxOfPerson(to), { kind: 'chart', to, ...report }, `${key}.chart`);
    },
    overdueList: (to, cases, key) =>
      put(mailboxOfPerson(to), { kind: 'daily', to, numbers: cases.map((c) => c.number) }, key),
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
  /** Where the transport put each case's card, and how far its thread has told the case. */
  deliveries: Deliveries;
  /** The conversation cards go to, for pacing a card not posted yet. */
  channel: string;
  pace: Pace;
  log: Log;
  clock: { now(): Date };
  /** Who a case's Home lists it for. */
  roles: HomeRoles;
  /** Who opened their App Home: only theirs is published again. */
  homeReaders: HomeReaders;
  /** A person's Home as it is now. */
  home(user: string): Promise<Home>;
}

/** How long a Home waiting to be published keeps later changes from queuing another: past it, they queue one. */
const HOME_DUE_MS = 600_000;

/** What a message that needs no call (its case is gone, its card is posted) counts as. */
const DONE: Delivery = { kind: 'sent' };

/** The calls a refresh takes now: the card, the message the button was pressed in, the thread's news. */
function refreshCalls(c: Case, delivered: Delivered, pressedIn: MessageRef | undefined): Message[] {
  if (!delivered.card) return pressedIn ? [{ kind: 'update-pressed', pressedIn }] : [];
  // The first entry is the registration, which the card itself shows.
  const told = delivered.threaded ?? 1;
  // A complaint about a member of staff, who may read the channel, tells its thread nothing (回避).
  const news = c.respondent
    ? []
    : c.timeline
        .map((e, entry) => ({ e, entry }))
        .filter(({ e, entry }) => entry >= told && isToldInThread(e));
  return [
    { kind: 'update-card' },
    ...(pressedIn && pressedIn !== delivered.card ? [{ kind: 'update-pressed' as const, pressedIn }] : []),
    ...news.map(({ entry }) => ({ kind: 'thread' as const, entry })),
  ];
}

/** Who a message is for, when it is for people: a refusal to deliver it is written on their cases. */
const recipientOf = (m: Message) =>
  m.kind === 'notice' || m.kind === 'digest' || m.kind === 'daily' ? m.to : null;

/**
 * Processes `deliver`: sends a mailbox's messages in order, one delivery per mailbox at a time, one transport
 * call per message. A message leaves the mailbox only once the chat platform has taken it; when the platform
 * says to wait (Slack's 429), or the channel's pace does, the job sleeps and the message stays first in line.
 * A message the platform refuses is dropped, and written on its case as undelivered, never as sent.
 */
export const deliverJob = (deps: DeliverDeps) => {
  const { redis, store, transport, deliveries, pace, log } = deps;
  const k = keys(deps.prefix);
  const cases = async (numbers: string[]) =>
    (await Promise.all(numbers.map((n) => store.get(n)))).filter((x) => x !== null);

  /** The Homes a change to the case publishes again: of the people on it who opened theirs, none waiting already. */
  async function homeCalls(c: Case): Promise<Message[]> {
    const calls: Message[] = [];
    for (const to of await deps.homeReaders.among(homesOfCase(c, deps.roles))) {
      if (await redis.set(k.homeDue(to), '1', 'PX', HOME_DUE_MS, 'NX')) calls.push({ kind: 'home', to });
    }
    return calls;
  }

  /** Sends one message; what it records of it (the card, the thread) it records only once it was sent. */
  async function send(m: Message, c: Case | null, delivered: Delivered): Promise<Delivery> {
    if (m.kind === 'digest') {
      const entries = digestEntries(m.numbers);
      const listed = await cases(entries.map((e) => e.number));
      const reached = new Map(entries.map((e) => [e.number, e.deadlines]));
      const [only] = listed;
      if (listed.length === 1 && only) {
        const [deadline] = reached.get(only.number) ?? [];
        return transport.notify(m.to, { kind: 'escalated', ...(deadline ? { deadline } : {}) }, only);
      }
      return listed.length > 1 ? transport.digest(m.to, listed, reached) : DONE;
    }
    if (m.kind === 'daily') return transport.overdueList(m.to, await cases(m.numbers));
    if (m.kind === 'report') return transport.report(m.to, m.report, m.period, m.stats);
    if (m.kind === 'chart') return transport.chart(m.to, m);
    if (m.kind === 'home') {
      // Cleared first: a change from now on publishes again, one before is in what is read next.
      await redis.del(k.homeDue(m.to));
      return transport.publishHome(m.to, await deps.home(m.to));
    }
    if (!c) return DONE;
    if (m.kind === 'update-pressed') return transport.updateMessage(c, m.pressedIn);
    if (m.kind === 'notice') return overtaken(m.notice, c) ? DONE : transport.notify(m.to, m.notice, c);
    const { card } = delivered;
    if (m.kind === 'card') {
      // A case has one card: a second card message sends nothing.
      if (card) return DONE;
      const posted = await transport.postCard(c);
      if (posted.kind === 'sent') await deliveries.setCard(c.number, posted.card);
      return posted;
    }
    if (!card) return DONE;
    if (m.kind === 'update-card') return transport.updateCard(c, card);
    const entry = m.kind === 'thread' ? c.timeline[m.entry] : undefined;
    if (entry && m.kind === 'thread' && m.entry >= (delivered.threaded ?? 1)) {
      const told = await transport.threadEntry(c, card, entry);
      if (told.kind === 'sent') await deliveries.setThreaded(c.number, m.entry + 1);
      return told;
    }
    return DONE;
  }

  /** The conversation a message goes to, whose pace it takes its turn in. */
  const conversationOf = (m: Message, delivered: Delivered) => {
    if (m.kind === 'update-pressed') return transport.conversationOf(m.pressedIn);
    if (m.kind === 'notice' || m.kind === 'digest' || m.kind === 'daily' || m.kind === 'home') return m.to;
    if (m.kind === 'report' || m.kind === 'chart') return m.to;
    // The card, its updates and its thread, and what a refresh becomes.
    return delivered.card ? transport.conversationOf(delivered.card) : deps.channel;
  };

  /** Writes on the cases a refused message was about that it did not reach its reader. */
  async function recordUndelivered(m: Message, c: Case | null, reason: string): Promise<void> {
    const to = recipientOf(m);
    if (!to) return;
    const numbers = c
      ? [c.number]
      : m.kind === 'digest'
        ? digestEntries(m.numbers).map((e) => e.number)
        : m.kind === 'daily'
          ? m.numbers
          : [];
    const what = m.kind === 'notice' ? (m.key ?? m.notice.kind) : `${m.kind}.${deps.clock.now().getTime()}`;
    for (const number of numbers) {
      const entry: TimelineEntry & { key: string } = {
        at: deps.clock.now(),
        by: 'system',
        type: 'undelivered',
        to,
        text: reason,
        key: `undelivered.${what}`,
      };
      await store.recordOnce(number, entry);
    }
  }

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
        const delivered = c ? await deliveries.of(c.number) : {};
        if (m.kind === 'refresh' || m.kind === 'homes') {
          // Replaced, atomically, by the calls it takes now; they leave one by one like any message.
          const now = c && m.kind === 'refresh' ? refreshCalls(c, delivered, m.pressedIn) : [];
          const calls = [...now, ...(c ? await homeCalls(c) : [])].map((x) => JSON.stringify(x));
          const swap = redis.multi().lpop(k.mailbox(mailbox));
          if (calls.length > 0) swap.lpush(k.mailbox(mailbox), ...calls.reverse());
          await swap.exec();
          continue;
        }
        const wait = Number(
          await redis.eval(
            scripts.takeToken,
            1,
            k.pace(conversationOf(m, delivered)),
            Date.now(),
            pace.perSecond,
            pace.burst,
          ),
        );
        // Waiting for the pace in a delayed job, not here, keeps the worker free for other mailboxes.
        if (wait > 0) return later(wait);
        const delivery = await send(m, c, delivered);
        if (delivery.kind === 'retryAfter') return later(delivery.ms);
        if (delivery.kind === 'refused') {
          log.error(
            { reason: delivery.reason, mailbox, message: m.kind },
            'a message was refused; it is dropped',
          );
          await recordUndelivered(m, c, delivery.reason);
        }
        await redis.lpop(k.mailbox(mailbox));
      }
    } finally {
      await redis.eval(scripts.releaseLock, 1, k.lock(mailbox), owner);
    }
  };
};
