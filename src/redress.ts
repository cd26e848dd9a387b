import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { register } from '../handlers/slack/index.js';
import { announceCaseJob } from '../jobs/announce-case.js';
import { deadlineJob } from '../jobs/deadline.js';
import { createQueue, queueJobs, queueTimers } from '../jobs/queue.js';
import { startWorker } from '../jobs/worker.js';
import { acknowledgeCase } from './app/acknowledge-case.js';
import { announceCase } from './app/announce-case.js';
import { escalateCase } from './app/escalate-case.js';
import { fireDeadline } from './app/fire-deadline.js';
import { openCase } from './app/open-case.js';
import type { CaseStore, Clock } from './app/ports.js';
import { resolveCase } from './app/resolve-case.js';
import { translator } from './chat/i18n.js';
import { slackChat } from './chat/slack-chat.js';
import type { Config } from './config.js';
import { boltLogger, type Log } from './log.js';
import { caseStore } from './store/case-store.js';
import { memoryCollections } from './store/memory-collections.js';
import { mongoCollections } from './store/mongo-collections.js';

export type Role = 'web' | 'worker' | 'all';

export interface Redress {
  /** The port the web process listens on, once started (HTTP mode only). */
  port?: number;
  stop(): Promise<void>;
}

async function openStore(config: Config, log: Log): Promise<CaseStore> {
  if (config.env.MONGO_URL) return caseStore(await mongoCollections(config.env.MONGO_URL));
  log.warn(
    'MONGO_URL is not set: cases are kept in memory, in this process only, and are lost when it stops',
  );
  return caseStore(memoryCollections());
}

/** Builds the adapters from the configuration and starts the web process, the worker, or both. */
export async function startRedress(
  config: Config,
  options: { role: Role; log: Log; clock?: Clock; store?: CaseStore },
): Promise<Redress> {
  const { env, policy } = config;
  const { role, log, clock = { now: () => new Date() } } = options;
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const settings = { connection: redis, prefix: env.REDIS_PREFIX };
  const queue = createQueue(settings);
  const store = options.store ?? (await openStore(config, log));
  const client = new WebClient(env.SLACK_BOT_TOKEN, { slackApiUrl: env.SLACK_API_URL });
  const chat = slackChat(client, policy);
  const timers = queueTimers(queue, policy, () => clock.now());
  const actions = { store, chat, timers, clock };

  let worker: Worker | undefined;
  if (role !== 'web') {
    worker = startWorker(settings, {
      announce: announceCaseJob(announceCase({ ...actions, policy })),
      deadline: deadlineJob(fireDeadline({ store, chat, clock, policy })),
    });
    worker.on('failed', (job, error) => log.error({ job: job?.id, err: error }, 'job failed'));
  }

  let web: { app: App; port?: number } | undefined;
  if (role !== 'worker') {
    const bolt = {
      token: env.SLACK_BOT_TOKEN,
      clientOptions: { slackApiUrl: env.SLACK_API_URL },
      logger: boltLogger(log),
    };
    const receiver = env.SLACK_APP_TOKEN
      ? undefined
      : new ExpressReceiver({
          signingSecret: env.SLACK_SIGNING_SECRET ?? '',
          endpoints: '/slack/events',
          logger: bolt.logger,
        });
    receiver?.router.get('/healthz', (_req, res) => {
      res.json({ ok: true });
    });
    const healthz = {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: unknown, res: { writeHead(code: number): void; end(body: string): void }) => {
        res.writeHead(200);
        res.end('{"ok":true}');
      },
    };
    const app = receiver
      ? new App({ ...bolt, receiver })
      : new App({
          ...bolt,
          socketMode: true,
          appToken: env.SLACK_APP_TOKEN,
          customRoutes: [healthz],
          installerOptions: { port: env.PORT },
        });
    register(app, {
      policy,
      t: translator(policy.locale),
      store,
      openCase: openCase({ store, jobs: queueJobs(queue), clock, policy }),
      acknowledgeCase: acknowledgeCase(actions),
      resolveCase: resolveCase(actions),
      escalateCase: escalateCase(actions),
    });
    app.error(async (error) => {
      log.error({ err: error }, 'slack handler failed');
    });
    const server = await app.start(env.PORT);
    web = { app, port: server && 'address' in server ? (server.address() as AddressInfo).port : undefined };
    log.info({ port: web.port, socketMode: !receiver }, 'web process listening');
  }

  return {
    port: web?.port,
    async stop() {
      await web?.app.stop();
      await worker?.close();
      await queue.close();
      await store.close();
      redis.disconnect();
    },
  };
}
