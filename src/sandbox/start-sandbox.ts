import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createQueue } from '../../jobs/queue.js';
import { blockKitViolations } from '../chat/block-kit-limits.js';
import { slackIds } from '../chat/slack-ids.js';
import { type Config, loadPolicy, type SandboxEnv } from '../config.js';
import { DEFAULT_CONNECT_WAIT_MS, reachRedis } from '../connect.js';
import type { DeadlinePolicy, Policy } from '../domain/policy.js';
import type { Log } from '../log.js';
import { startRedress } from '../redress.js';
import { caseStore } from '../store/case-store.js';
import { memoryCollections } from '../store/memory-collections.js';
import { PAGE_TEXT } from './page-text.js';
import { sandboxPeople } from './people.js';
import { startSandboxServer } from './sandbox-server.js';
import { BOT, sandboxSlack } from './slack-api.js';

const MINUTE = 60_000;

/** The example policy's deadlines, shortened to minutes so that a visitor sees every step in one sitting. */
export const SANDBOX_DEADLINES: DeadlinePolicy = {
  acknowledge: 2 * MINUTE,
  resolve: 10 * MINUTE,
  majorCallback: 5 * MINUTE,
  majorResolve: 15 * MINUTE,
  warnAt: 0.75,
  grace: 2 * MINUTE,
  digestWindow: MINUTE,
  calendar: null,
};

/** The example policy shipped at the top of the project, found from here in the sources and in `dist/`. */
export function examplePolicyFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'policy.example.yaml');
    if (existsSync(file)) return file;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('policy.example.yaml not found above the sandbox');
    dir = parent;
  }
}

/** The example policy with the sandbox's short deadlines, in the language asked for. */
export function sandboxPolicy(env: SandboxEnv, deadlines: Partial<DeadlinePolicy> = {}): Policy {
  const example = loadPolicy(examplePolicyFile(), slackIds);
  return {
    ...example,
    locale: env.SANDBOX_LOCALE ?? example.locale,
    deadlines: { ...SANDBOX_DEADLINES, ...deadlines },
  };
}

/** A duration as the page says it: seconds below a minute, minutes from there. */
function spoken(ms: number, words: (typeof PAGE_TEXT)['en']): string {
  if (ms < MINUTE) return words.seconds.replace('{n}', String(Math.round(ms / 1000)));
  return words.minutes.replace('{n}', String(Math.round((ms / MINUTE) * 10) / 10));
}

/** The shortened deadlines, as the banner names them. */
export function deadlinesText(policy: Policy): string {
  const words = PAGE_TEXT[policy.locale];
  const d = policy.deadlines;
  const values: Record<string, string> = {
    acknowledge: spoken(d.acknowledge, words),
    resolve: spoken(d.resolve, words),
    majorCallback: spoken(d.majorCallback, words),
    majorResolve: spoken(d.majorResolve, words),
    grace: spoken(d.grace, words),
    warnAt: String(Math.round(d.warnAt * 100)),
  };
  return words.deadlines.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}

/** Deletes what an earlier sandbox left under the prefix: its timers name cases this one does not have. */
export async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** The sandbox's Redis and its keys' prefix, cleared: never the keys of an installation that shares the Redis. */
export async function sandboxRedis(env: SandboxEnv): Promise<{ redis: Redis; prefix: string }> {
  const prefix = env.REDIS_PREFIX.endsWith('-sandbox') ? env.REDIS_PREFIX : `${env.REDIS_PREFIX}-sandbox`;
  const waitMs = env.CONNECT_WAIT ?? DEFAULT_CONNECT_WAIT_MS;
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // start-up reports an absent Redis in one line; the app watches it after
  try {
    await reachRedis(redis, env.REDIS_URL, waitMs);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  await clearPrefix(redis, prefix);
  return { redis, prefix };
}

/** This week so far, on demand: the scheduled report covers the last whole week, empty in a new sandbox. */
export const weeklyReportNow = (queue: Queue) => async () => {
  await queue.add('weekly-report', { at: Date.now(), current: true });
};

export interface Sandbox {
  port: number;
  policy: Policy;
  /** Every Web API call the stand-in refused for breaking one of Slack's limits, as `method: what`. */
  refusals: string[];
  stop(): Promise<void>;
}

/**
 * Redress without a Slack app: the real app, worker and Block Kit, talking to a Web API stand-in in this
 * process, and a page at `/` where a visitor is any person of the example policy.
 */
export async function startSandbox(
  env: SandboxEnv,
  options: { log: Log; deadlines?: Partial<DeadlinePolicy> },
): Promise<Sandbox> {
  const policy = sandboxPolicy(env, options.deadlines);
  const { redis, prefix } = await sandboxRedis(env);

  const secret = randomBytes(32).toString('hex');
  const token = `xoxb-sandbox-${randomUUID()}`;
  const check = blockKitViolations;
  let base = '';
  // Everyone in the sandbox reads the language it was started in, in the policy's time zone.
  const people = { locale: policy.locale === 'en' ? 'en-US' : policy.locale, tz: policy.timezone };
  const slack = sandboxSlack({ token, channel: policy.channel, base: () => base, check, people });
  const refusals: string[] = [];
  slack.subscribe((event) => {
    if (event.type === 'refused') refusals.push(...event.violations.map((v) => `${event.method}: ${v}`));
  });
  const queue = createQueue({ connection: redis, prefix });
  let appPort = 0;
  const state = () => ({
    locale: policy.locale,
    words: PAGE_TEXT[policy.locale],
    deadlines: deadlinesText(policy),
    channel: policy.channel,
    bot: BOT.userId,
    people: sandboxPeople(policy),
  });
  const server = await startSandboxServer(env.PORT, {
    slack,
    state,
    secret,
    check,
    app: () => ({ events: `http://127.0.0.1:${appPort}/slack/events`, base: `http://127.0.0.1:${appPort}` }),
    weeklyReport: weeklyReportNow(queue),
  });
  base = `http://127.0.0.1:${server.port}/`;

  const config: Config = {
    policy,
    env: {
      ...env,
      REDIS_PREFIX: prefix,
      PORT: 0,
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `${base}api/`,
      POLICY_FILE: examplePolicyFile(),
    },
  };
  const redress = await startRedress(config, {
    role: 'all',
    log: options.log,
    store: caseStore(memoryCollections()),
  }).catch(async (error) => {
    await server.close();
    await queue.close();
    redis.disconnect();
    throw error;
  });
  appPort = redress.port ?? 0;
  return {
    port: server.port,
    policy,
    refusals,
    async stop() {
      await server.close();
      await redress.stop();
      await queue.close();
      await clearPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
