import { createQueue } from '../../../jobs/queue.js';
import type { SandboxEnv, WecomConfig } from '../../config.js';
import type { DeadlinePolicy, Policy } from '../../domain/policy.js';
import type { Log } from '../../log.js';
import { startRedress } from '../../redress.js';
import { caseStore } from '../../store/case-store.js';
import { memoryCollections } from '../../store/memory-collections.js';
import {
  clearPrefix,
  deadlinesText,
  examplePolicyFile,
  sandboxPolicy,
  sandboxRedis,
  weeklyReportNow,
} from '../start-sandbox.js';
import { type FakeWecom, OAUTH_PATH, startFakeWecom } from './wecom-api.js';
import { WECOM_PAGE_TEXT } from './wecom-page-text.js';
import { COMPLAINTS_CHAT, wecomPeople, wecomPolicy } from './wecom-people.js';
import { startWecomSandboxServer } from './wecom-sandbox-server.js';

export interface WecomSandbox {
  port: number;
  /** The address the app's pages are at, and WeCom's sign-in returns to. */
  publicUrl: string;
  policy: Policy;
  /** The WeCom stand-in: what members received, and every call it refused as WeCom would. */
  wecom: FakeWecom;
  stop(): Promise<void>;
}

/**
 * Redress on WeCom without a WeCom company: the real app with CHAT=wecom, its worker, cards and pages, talking to
 * the strict WeCom stand-in of the tests, and a page at `/` where a visitor is any member of the example policy.
 */
export async function startWecomSandbox(
  env: SandboxEnv,
  options: { log: Log; deadlines?: Partial<DeadlinePolicy> },
): Promise<WecomSandbox> {
  const policy = wecomPolicy(sandboxPolicy(env, options.deadlines));
  const people = wecomPeople(policy);
  const { redis, prefix } = await sandboxRedis(env);
  // Its clock follows the time of day: the app refuses a callback older than an hour.
  const wecom = await startFakeWecom({ followTime: true });
  wecom.chat(COMPLAINTS_CHAT);
  for (const person of people) wecom.name(person.id, person.name);
  const queue = createQueue({ connection: redis, prefix });

  let appUrl = '';
  let publicUrl = '';
  const server = await startWecomSandboxServer(env.PORT, {
    wecom,
    members: people.map((p) => p.id),
    chatId: COMPLAINTS_CHAT,
    app: () => appUrl,
    publicUrl: () => publicUrl,
    weeklyReport: weeklyReportNow(queue),
    hello: () => ({
      locale: policy.locale,
      timezone: policy.timezone,
      words: WECOM_PAGE_TEXT[policy.locale],
      deadlines: deadlinesText(policy),
      people,
      publicUrl,
    }),
  });
  // The app's pages are served at this server's address, which is therefore its public one and its trusted domain.
  publicUrl = `http://localhost:${server.port}`;

  const config: WecomConfig = {
    policy,
    env: {
      ...env,
      CHAT: 'wecom',
      REDIS_PREFIX: prefix,
      PORT: 0,
      POLICY_FILE: examplePolicyFile(),
      ...wecom.appEnv(),
      WECOM_OAUTH_URL: `${publicUrl}${OAUTH_PATH}`,
      WECOM_PUBLIC_URL: publicUrl,
    },
  };
  const stopAll = async () => {
    await server.close();
    await wecom.close();
    await queue.close();
  };
  const redress = await startRedress(config, {
    role: 'all',
    log: options.log,
    store: caseStore(memoryCollections()),
  }).catch(async (error) => {
    await stopAll();
    redis.disconnect();
    throw error;
  });
  appUrl = `http://127.0.0.1:${redress.port}`;
  return {
    port: server.port,
    publicUrl,
    policy,
    wecom,
    async stop() {
      await stopAll();
      await redress.stop();
      await clearPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
