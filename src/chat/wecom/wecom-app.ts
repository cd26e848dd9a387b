import type { Redis } from 'ioredis';
import type { ChatTransport } from '../../app/ports.js';
import type { Policy } from '../../domain/policy.js';
import { type WecomApi, type WecomApiOptions, wecomApi } from './api.js';
import { ROBOT_CHANNEL, type WecomEnv } from './config.js';
import { type WecomCrypto, wecomCrypto } from './crypto.js';
import { type MemberPace, redisMemberPace, redisRobotPace } from './pace.js';
import { type CardRecords, redisCardRecords, type WecomNames, wecomNames } from './records.js';
import { type WecomChannel, wecomChat } from './wecom-chat.js';

/** The WeCom side of an installation: one app's client, its callback keys, its records, and the transport. */
export interface WecomApp {
  corpId: string;
  agentId: number;
  api: WecomApi;
  crypto: WecomCrypto;
  pace: MemberPace;
  records: CardRecords;
  names: WecomNames;
  transport: ChatTransport;
}

/**
 * The complaints channel the policy names: the group chat of its chatid, or with `robot` the group robot of
 * WECOM_ROBOT_KEY (the configuration refuses `robot` without one; an empty key would be refused by WeCom, 93000).
 */
function channelOf(env: WecomEnv, policy: Policy, redis: Redis, prefix: string): WecomChannel {
  if (policy.channel !== ROBOT_CHANNEL) return { kind: 'chat', chatId: policy.channel };
  return { kind: 'robot', key: env.WECOM_ROBOT_KEY ?? '', pace: redisRobotPace(redis, prefix) };
}

/** The API client of the app the environment names, its access token shared in Redis under `prefix`. */
export function wecomApiOf(
  env: Pick<WecomEnv, 'WECOM_API_URL' | 'WECOM_CORP_ID' | 'WECOM_AGENT_ID' | 'WECOM_SECRET'>,
  redis: Redis,
  prefix: string,
  failed?: WecomApiOptions['failed'],
): WecomApi {
  return wecomApi({
    apiUrl: env.WECOM_API_URL,
    corpId: env.WECOM_CORP_ID,
    agentId: env.WECOM_AGENT_ID,
    secret: env.WECOM_SECRET,
    redis,
    prefix,
    ...(failed ? { failed } : {}),
  });
}

/** Builds the WeCom adapters of the app the environment names; the policy's channel is the complaints channel. */
export function wecomApp(
  env: WecomEnv,
  policy: Policy,
  redis: Redis,
  prefix: string,
  failed?: WecomApiOptions['failed'],
): WecomApp {
  const api = wecomApiOf(env, redis, prefix, failed);
  const pace = redisMemberPace(redis, prefix);
  const records = redisCardRecords(redis, prefix);
  const names = wecomNames(api, redis, prefix);
  return {
    corpId: env.WECOM_CORP_ID,
    agentId: env.WECOM_AGENT_ID,
    api,
    crypto: wecomCrypto({
      token: env.WECOM_TOKEN,
      encodingAesKey: env.WECOM_ENCODING_AES_KEY,
      receiveId: env.WECOM_CORP_ID,
    }),
    pace,
    records,
    names,
    transport: wecomChat({
      api,
      policy,
      channel: channelOf(env, policy, redis, prefix),
      pace,
      records,
      names,
      pages: env.WECOM_PUBLIC_URL,
    }),
  };
}
