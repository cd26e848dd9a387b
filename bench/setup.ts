import { Redis } from 'ioredis';
import { createQueue, queueTimers } from '../jobs/queue.js';
import type { CaseStore } from '../src/app/ports.js';
import type { Config } from '../src/config.js';
import type { Case } from '../src/domain/case.js';
import { monthKey } from '../src/domain/case-number.js';
import type { Policy } from '../src/domain/policy.js';
import { registerCase } from '../src/domain/register.js';
import { testPolicy } from '../test/support/harness.js';
import { SIGNING_SECRET } from '../test/support/slack-requests.js';
import { inBatches } from './support.js';

export const PREFIX = 'bench';

/** The configuration Redress runs with in a benchmark: real defaults, a fake Slack, a Redis of its own. */
export function benchConfig(redisUrl: string, slackUrl: string, policy: Policy = testPolicy()): Config {
  return {
    policy,
    env: {
      PORT: 0,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: slackUrl,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: PREFIX,
      POLICY_FILE: '(bench)',
      OUTBOX_PER_SECOND: 1,
      OUTBOX_BURST: 3,
      JOB_LOCK: 30_000,
      RECONCILE_EVERY: 300_000,
      WATCHDOG_EVERY: 30_000,
      OVERDUE_AFTER: 60_000,
      LOG_LEVEL: 'silent',
    },
  };
}

/** The complaint every benchmark case is made of. */
export const complaint = {
  customerName: 'Bench',
  customerPhone: '13812345678',
  summary: 'A complaint made by the benchmark',
  demand: 'A refund',
  category: 'delivery',
  class: 1 as const,
  channel: 'phone' as const,
  department: 'delivery',
  compensation: false,
};

/** Stores `count` cases as registration and announcement would leave them: owner told (the card is the outbox's). */
export async function storeCases(
  store: CaseStore,
  policy: Policy,
  count: number,
  shape: (i: number, draft: ReturnType<typeof registerCase>) => ReturnType<typeof registerCase> = (_i, d) =>
    d,
  tag = 'case',
): Promise<Case[]> {
  const cases: Case[] = [];
  const now = new Date();
  await inBatches(
    Array.from({ length: count }, (_, i) => i),
    500,
    async (i) => {
      const registered = registerCase(complaint, {
        receiver: 'U0RECEIVER',
        submissionKey: `${tag}-${i}`,
        now,
        policy,
      });
      const told = { at: now, by: 'system', type: 'owner-notified' as const, key: 'owner-notified' };
      const announced = { ...registered, timeline: [...registered.timeline, told] };
      const draft = shape(i, announced);
      cases[i] = (await store.create(draft, monthKey(now, policy.timezone))).case;
    },
  );
  return cases;
}

/** Starts a timer for each case's deadlines of the given kinds, as announcing a case does. */
export async function scheduleTimers(
  redisUrl: string,
  policy: Policy,
  cases: Case[],
  kinds = ['acknowledge'],
): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = createQueue({ connection, prefix: PREFIX });
  const timers = queueTimers(queue, policy, () => new Date());
  const deadlines = cases.flatMap((c) =>
    c.deadlines.filter((d) => kinds.includes(d.kind)).map((d) => [c, d] as const),
  );
  await inBatches(deadlines, 500, ([c, d]) => timers.schedule(c, d));
  await queue.close();
  connection.disconnect();
}
