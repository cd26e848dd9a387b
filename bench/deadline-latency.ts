import { setTimeout as sleep } from 'node:timers/promises';
import { WebClient } from '@slack/web-api';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createLog } from '../src/log.js';
import { startRedress } from '../src/redress.js';
import { caseStore } from '../src/store/case-store.js';
import { memoryCollections } from '../src/store/memory-collections.js';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { testPolicy } from '../test/support/harness.js';
import { startOwnRedis } from '../test/support/redis-server.js';
import { benchConfig, scheduleTimers, storeCases } from './setup.js';
import { printLatencies, type Row, row } from './support.js';

const PROBES = 200;
/** Probes fall due 10 ms apart, starting this long after they are set up. */
const LEAD_MS = 3000;

const dueTimes = () => {
  const first = Date.now() + LEAD_MS;
  return Array.from({ length: PROBES }, (_, i) => first + i * 10);
};

/** Waits for one message per probe, whose text names it, and returns how late each arrived. */
async function latencies(
  slack: FakeSlack,
  names: string[],
  due: number[],
  since: number,
  kind: RegExp = /probe|Reminder/,
): Promise<number[]> {
  const calls = await slack.waitFor(
    (c) => c.at >= since && c.method === 'chat.postMessage' && kind.test(String(c.args.text)),
    PROBES,
    120_000,
  );
  return names.map((name, i) => {
    const call = calls.find((c) => String(c.args.text).includes(name));
    return (call?.at ?? Number.NaN) - (due[i] ?? 0);
  });
}

/** The baseline: a bare BullMQ delayed job that posts to the same fake Slack, among `pending` others. */
async function bare(redisUrl: string, slack: FakeSlack, pending: number): Promise<number[]> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('bare', { connection, prefix: 'bare' });
  const client = new WebClient('xoxb-bench', { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
  const worker = new Worker(
    'bare',
    async (job) => {
      await client.chat.postMessage({ channel: job.data.to, text: `probe ${job.data.name}` });
    },
    { connection, prefix: 'bare', concurrency: 16 },
  );
  const background = Array.from({ length: pending }, (_, i) => ({
    name: 'later',
    data: { to: 'U0', name: `bg${i}` },
    opts: { delay: 3600_000 },
  }));
  for (let i = 0; i < background.length; i += 1000) await queue.addBulk(background.slice(i, i + 1000));
  const since = Date.now();
  const due = dueTimes();
  const names = due.map((_, i) => `bare-${i}.`);
  await Promise.all(
    due.map((at, i) => queue.add('probe', { to: `U0P${i}`, name: names[i] }, { delay: at - Date.now() })),
  );
  const result = await latencies(slack, names, due, since);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return result;
}

/** What a probe measures: the owner's warning, or the manager's direct message one rung up. */
type Path = 'warning' | 'escalation';
const GRACE_MS = 1000;

/**
 * Redress: a deadline's warning (or its escalation to the manager), from its timer through the store and the
 * outbox to Slack, among `pending` others.
 */
async function redress(
  redisUrl: string,
  slack: FakeSlack,
  pending: number,
  path: Path = 'warning',
): Promise<number[]> {
  const policy = testPolicy({ warnAt: 0.5, grace: GRACE_MS });
  const config = benchConfig(redisUrl, slack.url, policy);
  const store = caseStore(memoryCollections());
  // Every case has two timers (acknowledge, resolve), as the reconciler expects: half as many cases as timers.
  const background = await storeCases(store, policy, pending / 2, undefined, 'background');
  await scheduleTimers(redisUrl, policy, background, ['acknowledge', 'resolve']);
  const running = await startRedress(config, { role: 'worker', log: createLog('silent'), store });
  const since = Date.now();
  const due = dueTimes();
  // Each probe is owned by a person of its own, so Slack's pace per channel does not queue them.
  const probes = await storeCases(
    store,
    policy,
    PROBES,
    (i, draft) => {
      const owner = `U0P${i}`;
      const startAt = new Date();
      // Warned at half the span, at due[i]; or, for the escalation, due a grace before due[i].
      const span =
        path === 'warning'
          ? 2 * ((due[i] ?? 0) - startAt.getTime())
          : (due[i] ?? 0) - GRACE_MS - startAt.getTime();
      const acknowledge = {
        kind: 'acknowledge' as const,
        startAt,
        dueAt: new Date(startAt.getTime() + span),
        span,
        version: 1,
      };
      const ladder = path === 'warning' ? [owner, ...draft.ladder.slice(1)] : [owner, `U0M${i}`];
      return { ...draft, owner, ladder, deadlines: [acknowledge] };
    },
    'probe',
  );
  await scheduleTimers(redisUrl, policy, probes);
  const result = await latencies(
    slack,
    probes.map((c) => `${c.number} `),
    due,
    since,
    path === 'warning' ? /probe|Reminder/ : /escalated to you/,
  );
  await running.stop();
  return result;
}

export async function deadlineLatency(sizes: number[]): Promise<void> {
  const redis = await startOwnRedis();
  const slack = await startFakeSlack();
  for (const pending of sizes) {
    await redis.admin.flushall();
    const baseline = row(
      `bare BullMQ delayed job, ${pending} pending`,
      await bare(redis.url, slack, pending),
    );
    await redis.admin.flushall();
    await sleep(200);
    const ours = row(
      `Redress deadline → outbox → Slack, ${pending} pending`,
      await redress(redis.url, slack, pending),
    );
    const escalations: Row[] = [];
    if (pending <= 10_000) {
      await redis.admin.flushall();
      await sleep(200);
      escalations.push(
        row(
          `Redress deadline → manager's direct message, ${pending} pending`,
          await redress(redis.url, slack, pending, 'escalation'),
        ),
      );
    }
    printLatencies(`Deadline to message received, ${pending} pending timers (${PROBES} probes)`, baseline, [
      ours,
      ...escalations,
    ]);
  }
  await slack.close();
  await redis.stop();
}
