import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { blockKitViolations, isViewMethod } from './block-kit-limits.js';

/** One Web API call as the fake received it. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export interface FakeSlack {
  /** Base URL for the Web API client, ending in `/api/`. */
  url: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Waits until `count` calls satisfy the predicate; returns them. */
  waitFor(predicate: (c: SlackCall) => boolean, count?: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** Answers `429 Too Many Requests` with `Retry-After` to the next `count` calls of a method; they are not recorded. */
  rateLimit(method: string, count: number, retryAfterSeconds: number): void;
  /** Files uploaded to the upload URLs it handed out, as received. */
  uploads: { fileId: string; body: Buffer; contentType: string }[];
  /** Every refused call, for checking that the limit was hit. */
  refused: SlackCall[];
  /**
   * Every call refused for breaking a Block Kit or Web API limit, with what it broke; the harness fails the test
   * on any of them unless the test called `expectRefusals()`. View answers checked elsewhere are added here too.
   */
  violations: { method: string; violations: string[] }[];
  /** The test means to send what Slack refuses: the harness will not fail it for that. */
  expectRefusals(): void;
  /** Slack knows no such user or channel from now on: messages to it are refused with `channel_not_found`. */
  forget(id: string): void;
  /** The name a person's profile gives (users.info); without one, a name made of their id (U0OWNER: Owner). */
  name(id: string, realName: string): void;
  /**
   * The language (`en-US`, `zh-CN`, `ja-JP`…) and time zone of a person's Slack account, as users.info gives them;
   * without, `en-US` in Asia/Shanghai.
   */
  person(id: string, settings: { locale?: string; tz?: string }): void;
  readonly refusalsExpected: boolean;
  /**
   * Holds every request from now on without answering; `release` answers those whose caller is still there.
   * A call whose caller went away meanwhile is dropped unrecorded, as Slack never took it.
   */
  hold(): void;
  /** The methods of the held requests whose caller is still there. */
  holding(): string[];
  release(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return text ? JSON.parse(text) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // The Web API client sends structured arguments (blocks, view) as JSON strings.
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/** What a person's Slack account is set to when a test sets nothing. */
const DEFAULT_SETTINGS = { locale: 'en-US', tz: 'Asia/Shanghai' };
type Settings = { locale?: string; tz?: string };

/**
 * A user as users.info describes them, with the profile's real and display names, time zone and, when asked for
 * (`include_locale`), language.
 */
function userInfo(
  id: string,
  names: Map<string, string>,
  settings: Settings = {},
  withLocale = false,
): Record<string, unknown> {
  const made = id.slice(2).toLowerCase();
  const realName = names.get(id) ?? made.charAt(0).toUpperCase() + made.slice(1);
  const { locale, tz } = { ...DEFAULT_SETTINGS, ...settings };
  return {
    ok: true,
    user: {
      id,
      team_id: 'T0FAKE',
      name: made,
      deleted: false,
      real_name: realName,
      tz,
      ...(withLocale ? { locale } : {}),
      is_bot: false,
      profile: { real_name: realName, display_name: made, real_name_normalized: realName },
    },
  };
}

/** Answers like Slack would, for the methods Redress uses. */
function answer(
  method: string,
  args: Record<string, unknown>,
  ts: () => string,
  base: string,
  names: Map<string, string> = new Map(),
  people: Map<string, Settings> = new Map(),
): Record<string, unknown> {
  switch (method) {
    case 'users.info': {
      const id = String(args.user);
      return userInfo(id, names, people.get(id), String(args.include_locale) === 'true');
    }
    case 'chat.getPermalink':
      return {
        ok: true,
        channel: args.channel,
        permalink: `https://fake.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}`,
      };
    case 'views.publish':
      return { ok: true, view: { id: `V${ts().replace('.', '')}`, ...(args.view as object) } };
    case 'conversations.open':
      return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
    case 'files.getUploadURLExternal': {
      const fileId = `F${ts().replace('.', '')}`;
      return { ok: true, file_id: fileId, upload_url: `${base}upload/${fileId}` };
    }
    case 'files.completeUploadExternal':
      return { ok: true, files: [{ id: 'F', title: 'file' }] };
    case 'auth.test':
      return {
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'Fake',
        user: 'redress',
        team_id: 'T0FAKE',
        user_id: 'U0BOT',
        bot_id: 'B0BOT',
      };
    case 'chat.postMessage': {
      const channel = String(args.channel);
      // Posting to a user id opens the direct message channel with them.
      const im = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
      return { ok: true, channel: im, ts: ts(), message: { text: args.text } };
    }
    case 'chat.update':
      return { ok: true, channel: args.channel, ts: args.ts };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: ts() };
    case 'views.open':
      return { ok: true, view: { id: `V${ts().replace('.', '')}` } };
    default:
      return { ok: true };
  }
}

/** How Slack refuses a call that breaks a limit: HTTP 200, `ok: false`, and what was wrong. */
function refusal(method: string, violations: string[]): Record<string, unknown> {
  const onlyText = violations.every((v) => v.startsWith('text:'));
  const error = isViewMethod(method) ? 'invalid_arguments' : onlyText ? 'msg_too_long' : 'invalid_blocks';
  return { ok: false, error, response_metadata: { messages: violations.map((v) => `[ERROR] ${v}`) } };
}

/** A Slack Web API on 127.0.0.1 that records every call and refuses, as Slack does, what breaks a limit. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const refused: SlackCall[] = [];
  const violations: FakeSlack['violations'] = [];
  let refusalsExpected = false;
  const limits = new Map<string, { count: number; retryAfter: number }>();
  const unknown = new Set<string>();
  const names = new Map<string, string>();
  const people = new Map<string, Settings>();
  let serial = 0;
  let held: { method: string; gone: () => boolean; resume: () => void }[] | null = null;
  const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++serial).padStart(6, '0')}`;
  const uploads: FakeSlack['uploads'] = [];
  let base = '';
  const server: Server = createServer(async (req, res) => {
    if (req.url?.startsWith('/upload/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const contentType = String(req.headers['content-type'] ?? '');
      uploads.push({ fileId: req.url.slice('/upload/'.length), body: Buffer.concat(chunks), contentType });
      res.writeHead(200);
      res.end('OK');
      return;
    }
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    let args: Record<string, unknown>;
    try {
      args = await readBody(req);
    } catch {
      return; // the caller went away mid-request
    }
    const gone = () => res.destroyed || req.socket.destroyed;
    if (held) await new Promise<void>((resume) => held?.push({ method, gone, resume }));
    if (gone()) return;
    const limit = limits.get(method);
    if (limit && limit.count > 0) {
      limit.count--;
      refused.push({ method, args, at: Date.now() });
      res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const broken = blockKitViolations(method, args);
    res.writeHead(200, { 'content-type': 'application/json' });
    if (
      (method === 'users.info' || method === 'views.publish') &&
      unknown.has(String(args.user ?? args.user_id))
    ) {
      refused.push({ method, args, at: Date.now() });
      res.end(JSON.stringify({ ok: false, error: 'user_not_found' }));
      return;
    }
    if (method.startsWith('chat.') && unknown.has(String(args.channel))) {
      refused.push({ method, args, at: Date.now() });
      res.end(JSON.stringify({ ok: false, error: 'channel_not_found' }));
      return;
    }
    if (broken.length > 0) {
      refused.push({ method, args, at: Date.now() });
      violations.push({ method, violations: broken });
      res.end(JSON.stringify(refusal(method, broken)));
      return;
    }
    calls.push({ method, args, at: Date.now() });
    res.end(JSON.stringify(answer(method, args, ts, base, names, people)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;
  return {
    uploads,
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    refused,
    violations,
    expectRefusals() {
      refusalsExpected = true;
    },
    forget(id) {
      unknown.add(id);
    },
    name(id, realName) {
      names.set(id, realName);
    },
    person(id, settings) {
      people.set(id, settings);
    },
    get refusalsExpected() {
      return refusalsExpected;
    },
    hold() {
      held = [];
    },
    holding: () => (held ?? []).filter((h) => !h.gone()).map((h) => h.method),
    release() {
      const waiting = held ?? [];
      held = null;
      for (const { resume } of waiting) resume();
    },
    rateLimit(method, count, retryAfter) {
      limits.set(method, { count, retryAfter });
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(predicate, count = 1, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter(predicate);
        if (found.length >= count) return found;
        if (Date.now() > until) {
          const seen = calls
            .slice(-20)
            .map((c) => `${c.method} ${String(c.args.channel ?? '')} ${String(c.args.text ?? '')}`);
          throw new Error(
            `waited ${timeoutMs} ms for ${count} matching call(s), saw ${found.length}; the last calls:\n${seen.join('\n')}`,
          );
        }
        await sleep(25);
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
