import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { formKeyOf } from '../handlers/slack/metadata.js';
import { requestReading, requestTranslator } from '../handlers/slack/reader.js';
import { wecomRoutes } from '../handlers/wecom/index.js';
import { sessionKeyOf } from '../handlers/wecom/session.js';
import { announceCaseJob, followRejectionJob } from '../jobs/announce-case.js';
import { deadlineJob } from '../jobs/deadline.js';
import { redisDeliveries } from '../jobs/deliveries.js';
import { redisHomeReaders } from '../jobs/home-readers.js';
import { intakeJob } from '../jobs/intake.js';
import { DEFAULT_LOOKUPS_PER_MINUTE, redisLookupLimit } from '../jobs/lookup-limit.js';
import { deliverJob, digestJob, outboxChat } from '../jobs/outbox.js';
import { createQueue, queueJobs, queueTimers } from '../jobs/queue.js';
import { reconcileJob, watchdogJob } from '../jobs/reconcile.js';
import { checkRedisSettings } from '../jobs/redis-settings.js';
import { dailyReportJob, reportJob } from '../jobs/report.js';
import { redisRequests } from '../jobs/requests-seen.js';
import { retentionJob } from '../jobs/retention.js';
import { keepSchedulers } from '../jobs/schedulers.js';
import { startWorker } from '../jobs/worker.js';
import { announceCase } from './app/announce-case.js';
import { fireDeadline } from './app/fire-deadline.js';
import { followRejection } from './app/follow-rejection.js';
import { homeOf } from './app/home.js';
import { openCase } from './app/open-case.js';
import { openQueuedCase } from './app/open-queued-case.js';
import type { CaseStore, Clock } from './app/ports.js';
import { reconcileTimers } from './app/reconcile-timers.js';
import { caseUseCases } from './app/use-cases.js';
import { slackReaders } from './chat/readers.js';
import { slackChat } from './chat/slack-chat.js';
import { slackNames } from './chat/slack-names.js';
import { wecomAnswers } from './chat/wecom/answers.js';
import { wecomApp } from './chat/wecom/wecom-app.js';
import type { Config, WecomConfig } from './config.js';
import { DEFAULT_CONNECT_WAIT_MS, reachMongo, reachRedis, withServerWait } from './connect.js';
import type { Log } from './log.js';
import { createMetrics } from './metrics.js';
import { caseStore } from './store/case-store.js';
import { memoryCollections } from './store/memory-collections.js';
import { mongoCollections } from './store/mongo-collections.js';
import { startProbe, startWeb } from './web.js';

export type Role = 'web' | 'worker' | 'all';

export interface Redress {
  /** The port the web process listens on, once started (HTTP mode only). */
  port?: number;
  stop(): Promise<void>;
}

async function openStore(config: Config | WecomConfig, log: Log, waitMs: number): Promise<CaseStore> {
  const url = config.env.MONGO_URL;
  if (url) {
    const open = () => mongoCollections(withServerWait(url, waitMs));
    return caseStore(await reachMongo(url, waitMs, open));
  }
  log.warn(
    'MONGO_URL is not set: cases are kept in memory, in this process only, and are lost when it stops',
  );
  return caseStore(memoryCollections());
}

/** A lost Redis is logged once until it is back; ioredis keeps trying meanwhile. */
function watchRedis(redis: Redis, log: Log): void {
  let ready = false;
  let told = false;
  redis.on('ready', () => {
    ready = true;
    told = false;
  });
  redis.on('error', (error) => {
    // Before the first answer, start-up reports the address once, in one line.
    if (!ready || told) return;
    told = true;
    log.warn({ err: error }, 'Redis does not answer; retrying');
  });
}

/** Builds the adapters from the configuration and starts the web process, the worker, or both. */
export async function startRedress(
  config: Config | WecomConfig,
  options: { role: Role; log: Log; clock?: Clock; store?: CaseStore },
): Promise<Redress> {
  const { env, policy } = config;
  const { role, log, clock = { now: () => new Date() } } = options;
  const waitMs = env.CONNECT_WAIT ?? DEFAULT_CONNECT_WAIT_MS;
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  watchRedis(redis, log);
  try {
    await reachRedis(redis, env.REDIS_URL, waitMs);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const settings = { connection: redis, prefix: env.REDIS_PREFIX };
  const queue = createQueue(settings);
  const store =
    options.store ??
    (await openStore(config, log, waitMs).catch(async (error) => {
      await queue.close();
      redis.disconnect();
      throw error;
    }));
  const metrics = createMetrics({ store, redis, queue, prefix: env.REDIS_PREFIX });
  // CHAT chooses the chat platform: a WeCom app, or (by default) a Slack app.
  const slack = env.CHAT === 'wecom' ? undefined : env;
  const wecom =
    env.CHAT === 'wecom'
      ? {
          env,
          app: wecomApp(env, policy, redis, env.REDIS_PREFIX, metrics.wecomFailed),
          domainProof: 'domainProof' in config ? config.domainProof : undefined,
        }
      : undefined;
  // Retries are the outbox's: a 429 or a failure must not hold a mailbox while the client waits on its own.
  const client = metrics.slackClient(slack?.SLACK_BOT_TOKEN, {
    slackApiUrl: slack?.SLACK_API_URL,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 5000,
  });
  const readers = slackReaders(client, redis, env.REDIS_PREFIX, policy);
  const homeReaders = redisHomeReaders(redis, env.REDIS_PREFIX);
  const home = homeOf({ store, policy, clock });
  const transport = metrics.watchTransport(
    wecom?.app.transport ?? slackChat(client, policy, readers),
    policy,
  );
  const chat = outboxChat(queue, redis, env.REDIS_PREFIX, policy.deadlines.digestWindow);
  const timers = queueTimers(queue, policy, () => clock.now());
  const actions = { store, chat, timers, clock };

  const jobs = queueJobs(queue);
  const open = openCase({ store, jobs, clock, policy });
  const useCases = caseUseCases(actions, { policy, jobs, open });
  let worker: Worker | undefined;
  let stopSchedulers = () => {};
  if (role !== 'web') {
    await checkRedisSettings(redis, log);
    worker = startWorker(
      settings,
      {
        announce: announceCaseJob(announceCase({ ...actions, policy })),
        deadline: deadlineJob(fireDeadline({ store, chat, clock, policy })),
        reconcile: reconcileJob(
          metrics.watchReconcile(reconcileTimers({ store, timers, jobs, policy })),
          log,
        ),
        watchdog: watchdogJob(queue, redis, env.OVERDUE_AFTER, log),
        deliver: deliverJob({
          redis,
          prefix: env.REDIS_PREFIX,
          store,
          transport,
          deliveries: redisDeliveries(redis, env.REDIS_PREFIX),
          channel: policy.channel,
          pace: { perSecond: env.OUTBOX_PER_SECOND, burst: env.OUTBOX_BURST },
          log,
          clock,
          roles: policy,
          homeReaders,
          home,
        }),
        digest: digestJob(queue, redis, env.REDIS_PREFIX),
        'follow-rejection': followRejectionJob(followRejection({ store, chat, open })),
        intake: intakeJob(openQueuedCase({ open, store, chat, clock }), policy),
        'daily-report': dailyReportJob({ store, chat, policy }),
        retention: retentionJob({ store, policy, log }),
        'weekly-report': reportJob('weekly', { store, chat, policy }),
        'monthly-report': reportJob('monthly', { store, chat, policy }),
        'halfYear-report': reportJob('halfYear', { store, chat, policy }),
        'annual-report': reportJob('annual', { store, chat, policy }),
      },
      env.JOB_LOCK,
    );
    worker.on('failed', (job, error) => log.error({ job: job?.id, err: error }, 'job failed'));
    const every = {
      reconcileEvery: env.RECONCILE_EVERY,
      watchdogEvery: env.WATCHDOG_EVERY,
      reports: policy.reports,
      timezone: policy.timezone,
    };
    stopSchedulers = keepSchedulers(queue, every, (error) => log.error({ err: error }, 'job schedulers'));
  }

  const web =
    role === 'worker'
      ? await startProbe(env.PORT, metrics, log)
      : wecom
        ? await startProbe(
            env.PORT,
            metrics,
            log,
            wecomRoutes({
              ...wecom.app,
              policy,
              store,
              chat,
              clock,
              log,
              requests: redisRequests(redis, env.REDIS_PREFIX),
              answers: wecomAnswers(wecom.app.api, wecom.app.pace, log),
              lookups: redisLookupLimit(
                redis,
                env.REDIS_PREFIX,
                env.LOOKUPS_PER_MINUTE ?? DEFAULT_LOOKUPS_PER_MINUTE,
              ),
              sessionKey: sessionKeyOf(wecom.env.WECOM_SECRET, wecom.env.WECOM_TOKEN),
              publicUrl: wecom.env.WECOM_PUBLIC_URL,
              oauthUrl: wecom.env.WECOM_OAUTH_URL,
              ...(wecom.domainProof ? { domainProof: wecom.domainProof } : {}),
              ...useCases,
            }),
          )
        : slack &&
          (await startWeb(
            slack,
            {
              policy,
              t: requestTranslator(policy),
              reading: () => requestReading(policy),
              readers,
              home,
              homeReaders,
              store,
              names: slackNames(client),
              lookups: redisLookupLimit(
                redis,
                env.REDIS_PREFIX,
                env.LOOKUPS_PER_MINUTE ?? DEFAULT_LOOKUPS_PER_MINUTE,
              ),
              requests: redisRequests(redis, env.REDIS_PREFIX),
              formKey: formKeyOf(
                slack.SLACK_SIGNING_SECRET ?? slack.SLACK_APP_TOKEN ?? slack.SLACK_BOT_TOKEN,
              ),
              ...useCases,
            },
            log,
            metrics,
          ));

  return {
    port: web?.port,
    // Stop taking work first, then let running jobs finish, then close the connections.
    async stop() {
      await web?.stop();
      stopSchedulers();
      await worker?.close();
      await queue.close();
      await store.close();
      redis.disconnect();
    },
  };
}
