import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSlackUserId } from '../chat/slack-ids.js';

/** The bot as the sandbox workspace knows it. */
export const BOT = { userId: 'U0REDRESS', botId: 'B0REDRESS', team: 'T0SANDBOX' } as const;
/** How long a trigger id may open a view, as on Slack. */
const TRIGGER_TTL_MS = 3000;

/** A message in a conversation of the sandbox workspace, as the page shows it. */
export interface SandboxMessage {
  channel: string;
  ts: string;
  /** Who posted it: the bot, or a person (a file, say). */
  user: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** Shown to this person only (chat.postEphemeral). */
  ephemeralFor?: string;
  file?: { id: string; name: string; title: string; size: number };
  edited?: boolean;
}

/** A view opened for one person in one browser tab. */
export interface SandboxView {
  id: string;
  hash: string;
  user: string;
  client: string;
  view: Record<string, unknown>;
}

export type WorkspaceEvent =
  | { type: 'message'; message: SandboxMessage }
  | { type: 'view'; client: string; view: SandboxView }
  | { type: 'refused'; method: string; error: string; violations: string[] };

/** Who a trigger id was handed to: views opened with it go to that person's tab. */
interface Trigger {
  user: string;
  client: string;
  at: number;
}

type Args = Record<string, unknown>;
type Answer = Record<string, unknown>;
/** Every limit of Slack's a Web API call breaks; empty when Slack would take it. */
export type LimitCheck = (method: string, args: Args) => string[];

/** How Slack refuses a call that breaks a limit: `ok: false` and what was wrong. */
function limitRefusal(method: string, violations: string[]): string {
  if (method.startsWith('views.')) return 'invalid_arguments';
  return violations.every((v) => v.startsWith('text:')) ? 'msg_too_long' : 'invalid_blocks';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file's bytes, whether the client sent them raw or as a multipart form. */
function fileBytes(body: Buffer, contentType: string): Buffer {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) return body;
  const text = body.toString('latin1');
  const part = text.split(`--${boundary}`).find((p) => p.includes('filename='));
  const content = part?.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n$/, '') ?? '';
  return Buffer.from(content, 'latin1');
}

function parseArgs(body: Buffer, contentType: string): Args {
  const text = body.toString('utf8');
  if (contentType.includes('application/json')) return text ? (JSON.parse(text) as Args) : {};
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // The Web API client sends structured arguments (blocks, view, files) as JSON strings.
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * The Slack Web API of a one-channel workspace, in process: it keeps the conversations, threads, views and files
 * the app makes, refuses what Slack refuses (bad token, unknown channel, expired trigger, broken Block Kit limits),
 * and tells the page of every change.
 */
export function sandboxSlack(options: {
  token: string;
  channel: string;
  base: () => string;
  check: LimitCheck;
  /** The language (`en-US`, `zh-CN`) and time zone every member of the workspace has set. */
  people?: { locale: string; tz: string };
}) {
  const messages: SandboxMessage[] = [];
  const views = new Map<string, SandboxView>();
  /** Each person's App Home, as the app last published it. */
  const homes = new Map<string, Args>();
  const triggers = new Map<string, Trigger>();
  const files = new Map<string, { name: string; title: string; body: Buffer }>();
  const listeners = new Set<(event: WorkspaceEvent) => void>();
  let serial = 0;
  const ts = () => `${Math.floor(Date.now() / 1000)}.${String(++serial).padStart(6, '0')}`;
  const emit = (event: WorkspaceEvent) => {
    for (const listener of listeners) listener(event);
  };
  /** A person's direct messages with the bot. */
  const dmOf = (user: string) => `D${user.slice(1)}`;
  const conversation = (channel: string): string | null => {
    if (channel === options.channel) return channel;
    if (/^U[A-Z0-9]+$/.test(channel)) return dmOf(channel);
    if (/^D[A-Z0-9]+$/.test(channel)) return channel;
    return null;
  };
  const post = (message: SandboxMessage) => {
    messages.push(message);
    emit({ type: 'message', message });
    return message;
  };
  const fail = (error: string): Answer => ({ ok: false, error });

  function call(method: string, args: Args): Answer {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://sandbox.invalid/',
          team: 'Redress sandbox',
          user: 'redress',
          team_id: BOT.team,
          user_id: BOT.userId,
          bot_id: BOT.botId,
        };
      case 'users.info': {
        const user = String(args.user ?? '');
        if (!isSlackUserId(user)) return fail('user_not_found');
        const { locale = 'en-US', tz = 'Asia/Shanghai' } = options.people ?? {};
        const withLocale = String(args.include_locale) === 'true' ? { locale } : {};
        return { ok: true, user: { id: user, name: user.toLowerCase(), tz, ...withLocale } };
      }
      case 'chat.getPermalink': {
        const channel = conversation(String(args.channel ?? ''));
        const message = messages.find((m) => m.channel === channel && m.ts === String(args.message_ts));
        if (!channel) return fail('channel_not_found');
        if (!message) return fail('message_not_found');
        return {
          ok: true,
          channel,
          permalink: `${options.base()}archives/${channel}/p${message.ts.replace('.', '')}`,
        };
      }
      case 'views.publish': {
        const user = String(args.user_id ?? '');
        if (!isSlackUserId(user)) return fail('user_not_found');
        homes.set(user, args.view as Args);
        return { ok: true, view: { id: `V${ts().replace('.', '')}`, ...(args.view as Args) } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: dmOf(String(args.users).split(',')[0] ?? '') } };
      case 'chat.postMessage': {
        const channel = conversation(String(args.channel ?? ''));
        if (!channel) return fail('channel_not_found');
        const thread = args.thread_ts ? String(args.thread_ts) : undefined;
        if (thread && !messages.some((m) => m.channel === channel && m.ts === thread))
          return fail('thread_not_found');
        const message = post({
          channel,
          ts: ts(),
          user: BOT.userId,
          text: String(args.text ?? ''),
          blocks: args.blocks as unknown[] | undefined,
          thread_ts: thread,
        });
        return { ok: true, channel, ts: message.ts, message: { text: message.text } };
      }
      case 'chat.update': {
        const channel = conversation(String(args.channel ?? ''));
        const message = messages.find((m) => m.channel === channel && m.ts === String(args.ts));
        if (!message || message.ephemeralFor) return fail('message_not_found');
        message.text = String(args.text ?? message.text);
        message.blocks = (args.blocks as unknown[] | undefined) ?? message.blocks;
        message.edited = true;
        emit({ type: 'message', message });
        return { ok: true, channel, ts: message.ts };
      }
      case 'chat.postEphemeral': {
        const channel = conversation(String(args.channel ?? ''));
        if (!channel) return fail('channel_not_found');
        if (!args.user) return fail('user_not_found');
        const message = post({
          channel,
          ts: ts(),
          user: BOT.userId,
          text: String(args.text ?? ''),
          blocks: args.blocks as unknown[] | undefined,
          ephemeralFor: String(args.user),
        });
        return { ok: true, message_ts: message.ts };
      }
      case 'views.open': {
        const trigger = triggers.get(String(args.trigger_id));
        triggers.delete(String(args.trigger_id));
        if (!trigger || Date.now() - trigger.at > TRIGGER_TTL_MS) return fail('expired_trigger_id');
        const id = `V${ts().replace('.', '')}`;
        const view = {
          id,
          hash: randomUUID(),
          user: trigger.user,
          client: trigger.client,
          view: args.view as Args,
        };
        views.set(id, view);
        emit({ type: 'view', client: trigger.client, view });
        return { ok: true, view: { id, hash: view.hash, ...view.view } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${ts().replace('.', '')}`;
        const name = String(args.filename ?? 'file');
        files.set(fileId, { name, title: name, body: Buffer.alloc(0) });
        return { ok: true, file_id: fileId, upload_url: `${options.base()}upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const list = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        const channel = conversation(String(args.channel_id ?? ''));
        if (!channel) return fail('channel_not_found');
        for (const { id, title } of list) {
          const file = files.get(id);
          if (!file) return fail('file_not_found');
          file.title = title ?? file.name;
          post({
            channel,
            ts: ts(),
            user: BOT.userId,
            text: String(args.initial_comment ?? ''),
            file: { id, name: file.name, title: file.title, size: file.body.length },
          });
        }
        return { ok: true, files: list.map(({ id, title }) => ({ id, title })) };
      }
      default:
        return fail('unknown_method');
    }
  }

  return {
    messages,
    dmOf,
    /** Follows every change; returns how to stop following. */
    subscribe(listener: (event: WorkspaceEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A trigger id for a request the page sends for a person in one tab, as Slack hands one out with each. */
    trigger(user: string, client: string): string {
      const id = `${Date.now()}.${randomUUID()}`;
      triggers.set(id, { user, client, at: Date.now() });
      return id;
    },
    view: (id: string) => views.get(id),
    /** A person's App Home as last published. */
    home: (user: string) => homes.get(user),
    /** The form an answer to a submission turned it into (`response_action: update`). */
    replaceView(id: string, view: Args) {
      const open = views.get(id);
      if (!open) return;
      open.view = view;
      open.hash = randomUUID();
    },
    closeView: (id: string) => views.delete(id),
    file: (id: string) => files.get(id),
    /** Serves `POST /api/<method>` and the upload URLs it hands out. */
    async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
      const body = await readBody(req);
      if (path.startsWith('/upload/')) {
        const file = files.get(path.slice('/upload/'.length));
        if (file) file.body = fileBytes(body, String(req.headers['content-type'] ?? ''));
        res.writeHead(file ? 200 : 404).end(file ? 'OK' : 'file_not_found');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      let answer: Answer;
      if (req.headers.authorization !== `Bearer ${options.token}`) answer = fail('invalid_auth');
      else {
        const args = parseArgs(body, String(req.headers['content-type'] ?? ''));
        const broken = options.check(method, args);
        if (broken.length > 0) {
          answer = { ...fail(limitRefusal(method, broken)), response_metadata: { messages: broken } };
          emit({ type: 'refused', method, error: String(answer.error), violations: broken });
        } else answer = call(method, args);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    },
  };
}

export type SandboxSlack = ReturnType<typeof sandboxSlack>;
