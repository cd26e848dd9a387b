import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { scripts } from '../../../jobs/scripts.js';
import type { NotSent } from '../../app/ports.js';

/** How a message fared, as the chat port says it (ports.ts), with what WeCom answered to a message sent. */
export type Delivery = { kind: 'sent'; msgId?: string; responseCode?: string } | NotSent;

/** A fault that stops every message, not one: bad credentials, an untrusted IP, an app without the right. */
export class WecomApiError extends Error {
  constructor(
    readonly code: 'configuration' | 'unavailable',
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
  }
}

/** Text and markdown are cut by WeCom at this many bytes; cutting first keeps the cut on a character. */
export const TEXT_MAX_BYTES = 2048;
/** A group robot refuses (40058) markdown over this many bytes, and text over TEXT_MAX_BYTES, rather than cut it. */
export const ROBOT_MARKDOWN_MAX_BYTES = 4096;

/** A button card (button_interaction): a title, a few lines, and at most six buttons whose key comes back on a click. */
export interface ButtonCard {
  /** Unique per app for good: `[0-9A-Za-z_-@]`, at most 128 bytes. */
  taskId: string;
  title: string;
  description?: string;
  source?: string;
  subtitle?: string;
  /** At most six lines of name and value. */
  fields?: { name: string; value: string }[];
  /**
   * At most six. A button with a key (at most 1024 bytes) is clicked back as the callback's EventKey; one with a
   * url opens that page instead.
   */
  buttons: ({ text: string; style?: 1 | 2 | 3 | 4 } & ({ key: string } | { url: string }))[];
}

export interface WecomApiOptions {
  /** Ends with `/cgi-bin/`. */
  apiUrl: string;
  corpId: string;
  agentId: number;
  secret: string;
  redis: Redis;
  prefix: string;
  timeoutMs?: number;
  /** Told of every call WeCom did not answer with errcode 0, or did not answer: its path and the error. */
  failed?: (path: string, error: string) => void;
}

/** The WeCom server API as the chat adapter uses it, with the access token shared by every process. */
export interface WecomApi {
  accessToken(): Promise<string>;
  sendCard(to: string, card: ButtonCard): Promise<Delivery>;
  sendText(to: string, text: string): Promise<Delivery>;
  sendMarkdown(to: string, markdown: string): Promise<Delivery>;
  /** Shows a card's new state after a click; each response code serves once, within 72 hours. */
  updateCard(
    to: string,
    responseCode: string,
    update: { replaceName: string } | { card: ButtonCard },
  ): Promise<Delivery>;
  /** A message to a group chat the app created (the complaints channel). */
  sendToChat(chatId: string, message: { text: string } | { markdown: string }): Promise<Delivery>;
  /**
   * Creates a group chat of the app (appchat/create): 2 to 2000 members, its owner one of them; a chatid of
   * letters and digits (at most 32) when asked for one, else WeCom's. Only an app whose visible range is the
   * root department may.
   */
  createChat(chat: {
    name: string;
    owner: string;
    members: string[];
    chatId?: string;
  }): Promise<{ kind: 'created'; chatId: string } | NotSent>;
  /** A message from a group robot (群机器人) to its group, by the key of its webhook; it needs no access token. */
  sendToRobot(key: string, message: { text: string } | { markdown: string }): Promise<Delivery>;
  /** Who signed in to a form page: the member behind a single-use OAuth code (snsapi_base). */
  userFromCode(code: string): Promise<{ kind: 'user'; userId: string } | NotSent>;
  userName(userId: string): Promise<{ kind: 'user'; name: string } | NotSent>;
  /** Uploads a temporary media file (`media/upload`), usable for 3 days; refused here when over WeCom's limits. */
  uploadMedia(
    type: MediaType,
    filename: string,
    bytes: Buffer,
  ): Promise<{ kind: 'uploaded'; mediaId: string } | NotSent>;
  /** An uploaded file (`type=file`) as a file message to a member. */
  sendFile(to: string, mediaId: string): Promise<Delivery>;
  /** An uploaded image (`type=image`) as an image message to a member. */
  sendImage(to: string, mediaId: string): Promise<Delivery>;
}

/** The kinds of media Redress uploads: an image (a chart) or a file (the register). */
export type MediaType = 'image' | 'file';

/**
 * What WeCom takes of a temporary media file (上传临时素材, document 90389, as of 2024-07): more than 5 bytes;
 * an image at most 10 MB, JPG or PNG; any other file at most 20 MB.
 */
export const MEDIA_LIMITS: Record<MediaType, { maxBytes: number; contentTypes?: string[] }> = {
  image: { maxBytes: 10 * 1024 * 1024, contentTypes: ['image/png', 'image/jpeg'] },
  file: { maxBytes: 20 * 1024 * 1024 },
};
/** A media file must be larger than this. */
export const MEDIA_MIN_BYTES = 5;

/** The content type a file is uploaded as, from its name: WeCom accepts images by it. */
function contentTypeOf(filename: string): string {
  const extension = filename.slice(filename.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    csv: 'text/csv',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  return types[extension] ?? 'application/octet-stream';
}

/** A multipart/form-data body of one file in the field `media`, with its filename and length as WeCom asks. */
class Multipart {
  readonly boundary = `----redress${randomUUID().replaceAll('-', '')}`;
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}
  get type() {
    return `multipart/form-data; boundary=${this.boundary}`;
  }
  body(): Buffer {
    // A quote or a line break would end the header; the name is ours, but kept safe all the same.
    const name = this.filename.replace(/["\r\n\\]/g, '_');
    const head =
      `--${this.boundary}\r\nContent-Disposition: form-data; name="media"; filename="${name}"; ` +
      `filelength=${this.bytes.length}\r\nContent-Type: ${this.contentType}\r\n\r\n`;
    return Buffer.concat([
      Buffer.from(head, 'utf8'),
      this.bytes,
      Buffer.from(`\r\n--${this.boundary}--\r\n`),
    ]);
  }
}

/** What WeCom answers to every call. */
interface Answer {
  errcode: number;
  errmsg?: string;
  [field: string]: unknown;
}

/** The token lives 7200 s; it is renewed this long before, so no call carries one about to expire. */
const TOKEN_MARGIN_MS = 300_000;
const LOCK_MS = 10_000;
const POLL_MS = 50;

/** WeCom's error codes, mapped in this one place. */
const STALE_TOKEN = new Set([40014, 42001]);
const RETRY_AFTER_MS = new Map([
  [-1, 1_000], // system busy
  [45009, 60_000], // api freq out of limit
  [45011, 60_000], // minute quota
  [45033, 1_000], // too many concurrent calls
]);
const REFUSALS = new Map([
  [40003, 'unknown-user'],
  [40031, 'unknown-user'],
  [60111, 'unknown-user'],
  [81013, 'unknown-user'],
  [40029, 'invalid-code'],
  [40050, 'unknown-chat'],
  [40004, 'bad-media-type'],
  [40005, 'bad-file-type'],
  [40006, 'bad-file-size'],
  [40007, 'unknown-media'],
  [40009, 'bad-image-size'],
  [44001, 'empty-media'],
  [86006, 'chat-members'],
]);
const CONFIGURATION = new Map([
  [40001, 'the Secret (WECOM_SECRET) is wrong'],
  [40013, 'the CorpID (WECOM_CORP_ID) is wrong'],
  [40056, 'the AgentId (WECOM_AGENT_ID) is wrong'],
  [48002, 'the app may not call this API'],
  [60020, 'this server’s IP is not among the app’s trusted IPs (可信IP)'],
  [
    60011,
    'the app may not do this: a group chat of the app needs its visible range (可见范围) to be the root department',
  ],
  [93000, 'the group robot’s key (WECOM_ROBOT_KEY) is wrong, or the robot was removed from its group'],
]);

/** Cuts text to a number of UTF-8 bytes on a character boundary, ending in … when it cut. */
export function fitBytes(text: string, max = TEXT_MAX_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let kept = '';
  let bytes = Buffer.byteLength('…', 'utf8');
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > max) break;
    kept += char;
    bytes += size;
  }
  return `${kept}…`;
}

function cardBody(card: ButtonCard): Record<string, unknown> {
  return {
    card_type: 'button_interaction',
    ...(card.source ? { source: { desc: card.source } } : {}),
    main_title: { title: card.title, ...(card.description ? { desc: card.description } : {}) },
    ...(card.subtitle ? { sub_title_text: card.subtitle } : {}),
    ...(card.fields?.length
      ? { horizontal_content_list: card.fields.map((f) => ({ keyname: f.name, value: f.value })) }
      : {}),
    task_id: card.taskId,
    button_list: card.buttons.map((b) =>
      'url' in b
        ? { type: 1, text: b.text, style: b.style ?? 1, url: b.url }
        : { text: b.text, style: b.style ?? 1, key: b.key },
    ),
  };
}

/** The outcome of an answer: errcode 0 still refuses a recipient WeCom lists as invalid or unlicensed. */
function outcome(answer: Answer): Delivery {
  const { errcode } = answer;
  if (errcode === 0) {
    if (String(answer.invaliduser ?? '')) return { kind: 'refused', reason: 'unknown-user' };
    if (String(answer.unlicenseduser ?? '')) return { kind: 'refused', reason: 'unlicensed-user' };
    return {
      kind: 'sent',
      ...(typeof answer.msgid === 'string' ? { msgId: answer.msgid } : {}),
      ...(typeof answer.response_code === 'string' ? { responseCode: answer.response_code } : {}),
    };
  }
  const wait = RETRY_AFTER_MS.get(errcode);
  if (wait !== undefined) return { kind: 'retryAfter', ms: wait };
  const configuration = CONFIGURATION.get(errcode);
  if (configuration)
    throw new WecomApiError('configuration', `WeCom: ${configuration} (errcode ${errcode})`, errcode);
  return {
    kind: 'refused',
    reason: REFUSALS.get(errcode) ?? `errcode ${errcode}: ${answer.errmsg ?? ''}`.trim(),
  };
}

/** A client of one app (corp and agent). Network faults and 5xx answers come back as `retryAfter`. */
export function wecomApi(options: WecomApiOptions): WecomApi {
  const { apiUrl, corpId, agentId, secret, redis, prefix } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const tokenKey = `${prefix}:wecom:token:${corpId}:${agentId}`;
  const lockKey = `${tokenKey}:lock`;

  const http = async (path: string, query: Record<string, string>, body?: unknown): Promise<Answer> => {
    try {
      const answer = await httpCall(path, query, body);
      if (answer.errcode !== 0) options.failed?.(path, String(answer.errcode));
      return answer;
    } catch (error) {
      options.failed?.(path, 'unavailable');
      throw error;
    }
  };

  const httpCall = async (path: string, query: Record<string, string>, body?: unknown): Promise<Answer> => {
    const url = `${apiUrl}${path}?${new URLSearchParams(query)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        signal: AbortSignal.timeout(timeoutMs),
        ...(body === undefined
          ? {}
          : body instanceof Multipart
            ? { headers: { 'content-type': body.type }, body: new Uint8Array(body.body()) }
            : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new WecomApiError('unavailable', `WeCom ${path}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new WecomApiError('unavailable', `WeCom ${path}: HTTP ${response.status}`);
    const answer = (await response.json().catch(() => null)) as Answer | null;
    if (typeof answer?.errcode !== 'number')
      throw new WecomApiError('unavailable', `WeCom ${path}: not an answer`);
    return answer;
  };

  const fetchToken = async (): Promise<string> => {
    const answer = await http('gettoken', { corpid: corpId, corpsecret: secret });
    if (answer.errcode !== 0 || typeof answer.access_token !== 'string') {
      const configuration = CONFIGURATION.get(answer.errcode);
      if (configuration) throw new WecomApiError('configuration', `WeCom: ${configuration}`, answer.errcode);
      throw new WecomApiError('unavailable', `WeCom gettoken: errcode ${answer.errcode}`, answer.errcode);
    }
    const lifeMs = Number(answer.expires_in ?? 7200) * 1000;
    await redis.set(tokenKey, answer.access_token, 'PX', Math.max(60_000, lifeMs - TOKEN_MARGIN_MS));
    return answer.access_token;
  };

  /** One refresher across processes: the lock holder fetches, the others wait for the token it stores. */
  const refresh = async (): Promise<string> => {
    const deadline = Date.now() + 3 * LOCK_MS;
    while (Date.now() < deadline) {
      const cached = await redis.get(tokenKey);
      if (cached) return cached;
      const owner = randomUUID();
      if ((await redis.set(lockKey, owner, 'PX', LOCK_MS, 'NX')) === 'OK') {
        try {
          return (await redis.get(tokenKey)) ?? (await fetchToken());
        } finally {
          await redis.eval(scripts.releaseLock, 1, lockKey, owner);
        }
      }
      await sleep(POLL_MS);
    }
    throw new WecomApiError('unavailable', 'WeCom: no access token came within 30 s');
  };

  let refreshing: Promise<string> | null = null;
  const accessToken = async () => {
    const cached = await redis.get(tokenKey);
    if (cached) return cached;
    // Callers in this process share one refresh.
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  /** A call with the token; a token WeCom calls invalid or expired is dropped (if still cached) and fetched anew once. */
  const call = async (path: string, query: Record<string, string>, body?: unknown): Promise<Answer> => {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken();
      const answer = await http(path, { ...query, access_token: token }, body);
      if (!STALE_TOKEN.has(answer.errcode) || attempt > 0) return answer;
      await redis.eval(scripts.releaseLock, 1, tokenKey, token);
    }
  };

  /** Faults of the moment become a retry; faults of the configuration are thrown. */
  const settle = async (answer: () => Promise<Answer>): Promise<Delivery> => {
    try {
      return outcome(await answer());
    } catch (error) {
      if (error instanceof WecomApiError && error.code === 'unavailable')
        return { kind: 'retryAfter', ms: 5_000 };
      throw error;
    }
  };
  const deliver = (path: string, body: unknown) => settle(() => call(path, {}, body));
  // A robot's key is its credential, so no token; the key is in the address only, never in an error's message.
  const robotSend = (key: string, body: unknown) => settle(() => http('webhook/send', { key }, body));
  const send = (to: string, message: Record<string, unknown>) =>
    deliver('message/send', { touser: to, agentid: agentId, ...message });

  /** A look-up: what `read` finds in the answer, or `missing` when the answer holds none. */
  const lookUp = async <T>(
    path: string,
    query: Record<string, string>,
    read: (a: Answer) => T | null,
    missing: string,
    body?: unknown,
  ) => {
    let result: Delivery;
    try {
      const answer = await call(path, query, body);
      result = outcome(answer);
      if (result.kind === 'sent') {
        const value = read(answer);
        return value === null ? ({ kind: 'refused', reason: missing } as const) : value;
      }
    } catch (error) {
      if (error instanceof WecomApiError && error.code === 'unavailable')
        return { kind: 'retryAfter', ms: 5_000 } as const;
      throw error;
    }
    return result;
  };

  return {
    accessToken,
    sendCard: (to, card) => send(to, { msgtype: 'template_card', template_card: cardBody(card) }),
    sendText: (to, text) => send(to, { msgtype: 'text', text: { content: fitBytes(text) } }),
    sendMarkdown: (to, markdown) =>
      send(to, { msgtype: 'markdown', markdown: { content: fitBytes(markdown) } }),
    updateCard: (to, responseCode, update) =>
      deliver('message/update_template_card', {
        userids: [to],
        agentid: agentId,
        response_code: responseCode,
        ...('replaceName' in update
          ? { button: { replace_name: update.replaceName } }
          : { template_card: cardBody(update.card) }),
      }),
    sendToChat: (chatId, message) =>
      deliver(
        'appchat/send',
        'text' in message
          ? { chatid: chatId, msgtype: 'text', text: { content: fitBytes(message.text) } }
          : { chatid: chatId, msgtype: 'markdown', markdown: { content: fitBytes(message.markdown) } },
      ),
    sendToRobot: (key, message) =>
      robotSend(
        key,
        'text' in message
          ? { msgtype: 'text', text: { content: fitBytes(message.text) } }
          : {
              msgtype: 'markdown',
              markdown: { content: fitBytes(message.markdown, ROBOT_MARKDOWN_MAX_BYTES) },
            },
      ),
    createChat: ({ name, owner, members, chatId }) =>
      lookUp(
        'appchat/create',
        {},
        (a) =>
          typeof a.chatid === 'string' && a.chatid ? { kind: 'created' as const, chatId: a.chatid } : null,
        'no-chatid',
        { name, owner, userlist: members, ...(chatId ? { chatid: chatId } : {}) },
      ),
    userFromCode: (code) =>
      lookUp(
        'auth/getuserinfo',
        { code },
        (a) =>
          typeof a.userid === 'string' && a.userid ? { kind: 'user' as const, userId: a.userid } : null,
        // An outsider (a WeChat user) gets an openid, not a userid: not someone who may file a complaint.
        'not-a-member',
      ),
    userName: (userId) =>
      lookUp(
        'user/get',
        { userid: userId },
        (a) => (typeof a.name === 'string' && a.name ? { kind: 'user' as const, name: a.name } : null),
        'no-name',
      ),
    async uploadMedia(type, filename, bytes) {
      const contentType = contentTypeOf(filename);
      const limit = MEDIA_LIMITS[type];
      // WeCom would refuse these after the whole upload: refused before it.
      if (bytes.length <= MEDIA_MIN_BYTES || bytes.length > limit.maxBytes)
        return { kind: 'refused', reason: 'bad-file-size' };
      if (limit.contentTypes && !limit.contentTypes.includes(contentType))
        return { kind: 'refused', reason: 'bad-file-type' };
      return lookUp(
        'media/upload',
        { type },
        (a) =>
          typeof a.media_id === 'string' && a.media_id
            ? { kind: 'uploaded' as const, mediaId: a.media_id }
            : null,
        'no-media-id',
        new Multipart(filename, contentType, bytes),
      );
    },
    sendFile: (to, mediaId) => send(to, { msgtype: 'file', file: { media_id: mediaId } }),
    sendImage: (to, mediaId) => send(to, { msgtype: 'image', image: { media_id: mediaId } }),
  };
}
