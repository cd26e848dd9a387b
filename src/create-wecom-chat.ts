import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import type { WecomApi } from './chat/wecom/api.js';
import { wecomApiOf } from './chat/wecom/wecom-app.js';
import { loadWecomChatEnv } from './config.js';

const USAGE =
  'usage: npm run wecom:chat -- <name> <owner userid> <member userid> [<member userid>…]\n' +
  'Creates the complaints chat, a group chat of the app, and prints its chatid for the policy’s channel.';

/**
 * Creates the complaints chat as a group chat of the app, with its owner among the members, and says in it what
 * it is for: WeCom shows a new group to its members once a message was sent to it. Answers the line to print.
 */
export async function createComplaintsChat(
  api: WecomApi,
  args: string[],
): Promise<{ ok: boolean; said: string }> {
  const [name, owner, ...rest] = args;
  if (!name || !owner || rest.length === 0) return { ok: false, said: USAGE };
  const members = [...new Set([owner, ...rest])];
  const created = await api.createChat({ name, owner, members });
  if (created.kind !== 'created')
    return {
      ok: false,
      said:
        created.kind === 'refused'
          ? `WeCom refused the chat: ${created.reason} (2 to 2000 members of the app's visible range)`
          : 'WeCom is busy: try again in a minute',
    };
  await api.sendToChat(created.chatId, {
    text: `${name}: Redress posts each complaint here, and what happens to it. 每件投诉及其处理进展都会发到这里。`,
  });
  return { ok: true, said: `channel: ${created.chatId}   # the policy's complaints chat` };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = loadWecomChatEnv();
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const api = wecomApiOf(env, redis, env.REDIS_PREFIX);
    const { ok, said } = await createComplaintsChat(api, process.argv.slice(2));
    console.log(said);
    process.exitCode = ok ? 0 : 1;
  } finally {
    redis.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
