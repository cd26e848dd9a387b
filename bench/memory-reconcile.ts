import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { outboxChat } from '../jobs/outbox.js';
import { createQueue, queueJobs, queueTimers } from '../jobs/queue.js';
import { acknowledgeCase } from '../src/app/acknowledge-case.js';
import { openCase } from '../src/app/open-case.js';
import { reconcileTimers } from '../src/app/reconcile-timers.js';
import { monthKey } from '../src/domain/case-number.js';
import { createLog } from '../src/log.js';
import { startRedress } from '../src/redress.js';
import { caseStore } from '../src/store/case-store.js';
import { memoryCollections } from '../src/store/memory-collections.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { CASES_CHANNEL, testPolicy } from '../test/support/harness.js';
import { type OwnRedis, startOwnRedis } from '../test/support/redis-server.js';
import { benchConfig, complaint, PREFIX, scheduleTimers, storeCases } from './setup.js';
import { inBatches } from './support.js';

const usedMemory = async (redis: OwnRedis) =>
  Number(/used_memory:(\d+)/.exec(await redis.admin.info('memory'))?.[1]);

/** Every key's memory, grouped by the key's shape, largest first. */
async function keyGroups(redis: OwnRedis): Promise<[string, { keys: number; bytes: number }][]> {
  const groups = new Map<string, { keys: number; bytes: number }>();
  for await (const batch of redis.admin.scanStream({ count: 1000 })) {
    for (const key of batch as string[]) {
      const pattern = key.replace(/\d{6}-\d+/g, '<case>').replace(/\d+/g, '<n>');
      const group = groups.get(pattern) ?? { keys: 0, bytes: 0 };
      group.keys++;
      group.bytes += Number(await redis.admin.memory('USAGE', key)) || 0;
      groups.set(pattern, group);
    }
  }
  return [...groups].sort((a, b) => b[1].bytes - a[1].bytes);
}

/** Redis bytes per open case once announced (timers, outbox keys), against bare delayed jobs of the same data. */
async function memoryPerCase(redis: OwnRedis, count: number): Promise<void> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  await redis.admin.flushall();
  const bareBefore = await usedMemory(redis);
  const bare = new Queue('bare', {
    connection,
    prefix: 'bare',
    defaultJobOptions: { removeOnComplete: true },
  });
  const jobs = Array.from({ length: count }, (_, i) =>
    ['acknowledge', 'resolve'].map((kind) => ({
      name: 'deadline',
      data: { number: `202611-${i}`, kind, version: 1 },
      opts: { jobId: `deadline.202611-${i}.${kind}.v1`, delay: 3600_000 },
    })),
  ).flat();
  for (let i = 0; i < jobs.length; i += 1000) await bare.addBulk(jobs.slice(i, i + 1000));
  const bareBytes = ((await usedMemory(redis)) - bareBefore) / count;
  await bare.close();

  await redis.admin.flushall();
  const slack = await startFakeSlack();
  const policy = testPolicy();
  const config = benchConfig(redis.url, slack.url, policy);
  config.env.OUTBOX_PER_SECOND = 100_000; // pace is Slack's limit, not memory: let the cards through fast
  config.env.OUTBOX_BURST = 100_000;
  const store = caseStore(memoryCollections());
  const running = await startRedress(config, { role: 'worker', log: createLog('silent'), store });
  const queue = createQueue({ connection, prefix: PREFIX });
  const before = await usedMemory(redis);
  const open = openCase({ store, jobs: queueJobs(queue), clock: { now: () => new Date() }, policy });
  await inBatches(
    Array.from({ length: count }, (_, i) => i),
    200,
    (i) => open(complaint, { receiver: 'U0RECEIVER', submissionKey: `memory-${i}` }),
  );
  await slack.waitFor((c) => c.args.channel === CASES_CHANNEL, count, 300_000);
  const busy = async () => {
    const counts = await queue.getJobCounts('wait', 'active');
    return (counts.wait ?? 0) + (counts.active ?? 0) > 0;
  };
  while (await busy()) await new Promise((resolve) => setTimeout(resolve, 200));
  const oursBytes = ((await usedMemory(redis)) - before) / count;
  const groups = await keyGroups(redis);

  // Most pending cases are acknowledged within the hour and then wait for resolution with one timer.
  const acknowledge = acknowledgeCase({
    store,
    chat: outboxChat(queue, connection, PREFIX, 0),
    timers: queueTimers(queue, policy, () => new Date()),
    clock: { now: () => new Date() },
  });
  const owner = policy.departments[0]?.owner ?? '';
  await inBatches(
    Array.from(
      { length: count },
      (_, i) => `${monthKey(new Date(), policy.timezone)}-${String(i + 1).padStart(4, '0')}`,
    ),
    200,
    (n) => acknowledge(n, owner),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  while (await busy()) await new Promise((resolve) => setTimeout(resolve, 200));
  const acknowledgedBytes = ((await usedMemory(redis)) - before) / count;
  await running.stop();
  await queue.close();
  await slack.close();
  connection.disconnect();
  console.log(`\n## Redis memory per open case (${count} cases, each with acknowledge and resolve timers)\n`);
  console.log('| run | bytes per case | ÷ baseline |\n| --- | ---: | ---: |');
  console.log(`| bare BullMQ: two delayed jobs per case | ${bareBytes.toFixed(0)} | baseline |`);
  console.log(
    `| Redress, just announced: two timers, outbox keys, all Redress keeps | ${oursBytes.toFixed(0)} | ${(oursBytes / bareBytes).toFixed(2)}× |`,
  );
  console.log(
    `| Redress, acknowledged: waiting for resolution with one timer | ${acknowledgedBytes.toFixed(0)} | ${(acknowledgedBytes / bareBytes).toFixed(2)}× |`,
  );
  console.log(
    '\nWhere it goes, just announced (MEMORY USAGE of each key, grouped by the key with its numbers taken out):\n',
  );
  console.log('| keys | count | bytes per case |\n| --- | ---: | ---: |');
  for (const [pattern, { keys, bytes }] of groups.slice(0, 6)) {
    console.log(`| \`${pattern}\` | ${keys} | ${(bytes / count).toFixed(0)} |`);
  }
}

/** Time to reconcile `count` open cases: with every timer in place, and after Redis lost them all. */
async function reconcileTime(redis: OwnRedis, count: number): Promise<void> {
  await redis.admin.flushall();
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = createQueue({ connection, prefix: PREFIX });
  const policy = testPolicy();
  const store = caseStore(memoryCollections());
  const cases = await storeCases(store, policy, count);
  await scheduleTimers(redis.url, policy, cases, ['acknowledge', 'resolve']);
  const timers = queueTimers(queue, policy, () => new Date());
  const reconcile = reconcileTimers({ store, timers, jobs: queueJobs(queue), policy });
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await work();
    return { ms: performance.now() - started, result };
  };
  const floor = await timed(async () => {
    await timers.pending();
    let read = 0;
    for await (const _ of store.openCases()) read++;
    return read;
  });
  const steady = await timed(reconcile);
  await redis.admin.flushall();
  const recovery = await timed(reconcile);
  console.log(`\n## Reconcile ${count} open cases (${2 * count} timers)\n`);
  console.log('| run | time | ÷ baseline | what it did |\n| --- | ---: | ---: | --- |');
  console.log(
    `| baseline: read every open case and every pending timer | ${(floor.ms / 1000).toFixed(2)} s | baseline | read ${floor.result} cases |`,
  );
  for (const [name, run] of [
    ['every timer in place', steady],
    ['after FLUSHALL: every timer lost', recovery],
  ] as const) {
    console.log(
      `| reconcile, ${name} | ${(run.ms / 1000).toFixed(2)} s | ${(run.ms / floor.ms).toFixed(2)}× | ${JSON.stringify(run.result)} |`,
    );
  }
  await queue.close();
  connection.disconnect();
}

export async function memoryAndReconcile(): Promise<void> {
  const redis = await startOwnRedis();
  await memoryPerCase(redis, Number(process.env.BENCH_MEMORY_CASES ?? 10_000));
  if (!process.env.BENCH_MEMORY_CASES) await reconcileTime(redis, 100_000);
  await redis.stop();
}
