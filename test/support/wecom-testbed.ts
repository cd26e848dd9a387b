import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { type WecomApi, type WecomApiOptions, wecomApi } from '../../src/chat/wecom/api.js';
import { type FakeWecom, startFakeWecom } from './fake-wecom.js';
import { REDIS_URL } from './harness.js';

/** A WeCom app's settings as an installation reads them from the environment. */
export const WECOM_ENV = {
  WECOM_CORP_ID: 'ww0123456789abcdef',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's3cret',
  WECOM_TOKEN: 'QDG6eK',
  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  WECOM_PUBLIC_URL: 'https://redress.example.com',
};
/** The same settings with CHAT=wecom, as an installation on WeCom is chosen. */
export const WECOM_INSTALLATION_ENV = { CHAT: 'wecom', ...WECOM_ENV };

/** One test's fake WeCom, a client of it, and the real Redis under a key prefix of the test's own. */
export interface WecomTestbed {
  wecom: FakeWecom;
  /** A client of the fake app, built once for the test. */
  api: WecomApi;
  /** Another client of the same app, as another process would build it; `overrides` change its settings. */
  client(overrides?: Partial<WecomApiOptions>): WecomApi;
  redis: Redis;
  prefix: string;
  /** Closes the fake, deletes the test's keys and lets Redis go. */
  cleanup(): Promise<void>;
}

/**
 * Gives each test of the file a testbed of its own, started before the file's own beforeEach hooks and cleaned
 * up after the test; `use` receives it first, so the file may keep its parts in variables of its own.
 */
export function useWecomTestbed(use: (bed: WecomTestbed) => void): void {
  let bed: WecomTestbed | undefined;
  beforeEach(async () => {
    bed = await startWecomTestbed();
    use(bed);
  });
  afterEach(() => bed?.cleanup());
}

async function startWecomTestbed(): Promise<WecomTestbed> {
  const wecom = await startFakeWecom();
  const redis = new Redis(REDIS_URL);
  const prefix = `redress-test-${randomUUID()}`;
  const client = (overrides: Partial<WecomApiOptions> = {}) =>
    wecomApi({
      apiUrl: wecom.url,
      corpId: wecom.corpId,
      agentId: wecom.agentId,
      secret: wecom.secret,
      redis,
      prefix,
      ...overrides,
    });
  return {
    wecom,
    api: client(),
    client,
    redis,
    prefix,
    async cleanup() {
      await wecom.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    },
  };
}
