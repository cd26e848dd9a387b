import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildEnvelope, signature, wecomCrypto } from '../../chat/wecom/crypto.js';
import { buildXml } from '../../chat/wecom/xml.js';

/** One API call as the fake received it. */
export interface WecomCall {
  /** The path after `/cgi-bin/`, such as `message/send`. */
  method: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  at: number;
}

/** A message as a member (or a group chat) received it: text cut where WeCom cuts it. */
export interface Received {
  to: string;
  msgtype: string;
  content?: string;
  card?: Record<string, unknown>;
  /** The uploaded media a file or image message carries. */
  media?: Media;
  responseCode?: string;
  at: number;
}

/** A temporary media file as media/upload took it from the multipart body. */
export interface Media {
  mediaId: string;
  type: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A message a member sends the app, or a click on its menu, as the callback WeCom then posts will carry it. */
export interface MemberMessage {
  from: string;
  createTime: number;
  /** A text message's MsgId; a menu click has none. */
  msgId?: string;
  xml: string;
}

/** The button click a member makes on a card, as the callback WeCom then posts will carry it. */
export interface Click {
  from: string;
  taskId: string;
  eventKey: string;
  responseCode: string;
  createTime: number;
  xml: string;
}

export interface FakeWecom {
  /** Base URL for the client, ending in `/cgi-bin/`. */
  url: string;
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  calls: WecomCall[];
  callsTo(method: string): WecomCall[];
  /** What members and chats received, in order. */
  received: Received[];
  /** Messages over a member's limits (30 a minute, 1000 an hour): WeCom answers ok and drops them. */
  dropped: Received[];
  /** Calls answered with an error, with what was wrong. */
  refused: { method: string; errcode: number; errmsg: string }[];
  /** Card updates that were made. */
  updates: { to: string[]; responseCode: string; replaceName?: string; card?: Record<string, unknown> }[];
  /** How many access tokens gettoken handed out. */
  tokensIssued: number;
  /** The fake's clock (ms): tokens, response codes, OAuth codes and the rate limits all read it. */
  now(): number;
  advance(ms: number): void;
  /** Answers the next `count` calls of a method with this error (-1 busy, 45009 rate limit, 60020 untrusted IP…). */
  fail(method: string, errcode: number, count?: number): void;
  /** The member is unknown from now on (left the company, or outside the app's visible range). */
  forget(userId: string): void;
  /** The name user/get gives; without one, the userid with a capital. */
  name(userId: string, name: string): void;
  /** A group chat of the app (as appchat/create would make it). */
  chat(chatId: string): void;
  /** A group robot (群机器人) added to a group, by its webhook key; what it posts is received `to: robot:<key>`. */
  robot(key: string): void;
  /** WeCom's sign-in page for the app's pages (open.weixin.qq.com's, here). */
  oauthUrl: string;
  /** The settings of the app this stand-in plays WeCom for, as its environment names them. */
  appEnv(): {
    WECOM_CORP_ID: string;
    WECOM_AGENT_ID: number;
    WECOM_SECRET: string;
    WECOM_TOKEN: string;
    WECOM_ENCODING_AES_KEY: string;
    WECOM_API_URL: string;
  };
  /** Answers a request as the fake's own server does: to mount the sign-in page at an address a visitor reaches. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The member the browser that opens pages is signed in as, and the app's trusted domain (host and port). */
  signInBrowser(userId: string, trustedDomain: string): void;
  /** The single-use code WeCom's OAuth redirect brings a member back with (valid 5 minutes). */
  oauthCode(userId: string): string;
  /** A member presses a button of a card they received; the click carries a fresh response code. */
  click(userId: string, taskId: string, eventKey: string): Click;
  /** A member writes the app a text message (MsgType text, with a fresh MsgId). */
  message(userId: string, content: string): MemberMessage;
  /** A member clicks a click item of the app's menu (Event click) with this key. */
  menuClick(userId: string, eventKey: string): MemberMessage;
  /** A media file uploaded and not expired (3 days), by its media_id. */
  media(mediaId: string): Media | undefined;
  /** The POST WeCom makes to the callback URL with a message: query string and body, encrypted and signed. */
  callback(xml: string, options?: { timestamp?: string; nonce?: string }): { query: string; body: string };
  /** The GET WeCom makes to verify the callback URL, and the plain text it expects back. */
  verification(): { query: string; echo: string };
  close(): Promise<void>;
}

const TOKEN_LIFE_MS = 7_200_000;
const RESPONSE_CODE_LIFE_MS = 72 * 3_600_000;
const OAUTH_CODE_LIFE_MS = 300_000;
export const OAUTH_PATH = '/connect/oauth2/authorize';
const TEXT_MAX_BYTES = 2048;
const MEMBER_LIMITS = [
  { count: 30, windowMs: 60_000 },
  { count: 1000, windowMs: 3_600_000 },
];
/** A group robot posts at most 20 messages a minute (more: 45009), and refuses, not cuts, what is too long (40058). */
const ROBOT_LIMIT = { count: 20, windowMs: 60_000 };
const ROBOT_MAX_BYTES: Record<string, number> = { text: 2048, markdown: 4096 };
/** media/upload (上传临时素材, as of 2024-07): more than 5 bytes; an image ≤ 10 MB, JPG or PNG; a file ≤ 20 MB. */
const MEDIA_MIN_BYTES = 5;
const MEDIA_MAX_BYTES: Record<string, number> = { image: 10 * 1024 * 1024, file: 20 * 1024 * 1024 };
const MEDIA_LIFE_MS = 3 * 86_400_000;
const TASK_ID = /^[0-9A-Za-z_\-@]+$/;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** WeCom cuts at a byte count, even inside a character. */
const cut = (text: string) => Buffer.from(text, 'utf8').subarray(0, TEXT_MAX_BYTES).toString('utf8');

class Refusal extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }
}
const refuse = (errcode: number, errmsg: string): never => {
  throw new Refusal(errcode, errmsg);
};

/** What WeCom checks of a button card (button_interaction), its own copy of the limits. */
function checkButtonCard(card: unknown): { taskId: string; keys: string[] } {
  if (typeof card !== 'object' || card === null) return refuse(40058, 'template_card is required');
  const c = card as Record<string, unknown>;
  if (c.card_type !== 'button_interaction')
    return refuse(40058, `card_type ${String(c.card_type)} is not served`);
  const title = (c.main_title as Record<string, unknown> | undefined)?.title;
  if (!title && !c.sub_title_text) refuse(40058, 'main_title.title or sub_title_text is required');
  const taskId = c.task_id;
  if (typeof taskId !== 'string' || !TASK_ID.test(taskId)) refuse(40058, 'task_id must be [0-9A-Za-z_-@]');
  if (bytes(String(taskId)) > 128) refuse(40058, 'task_id is longer than 128 bytes');
  const buttons = c.button_list;
  if (!Array.isArray(buttons) || buttons.length === 0) return refuse(40058, 'button_list is required');
  if (buttons.length > 6) refuse(40058, `button_list has ${buttons.length} buttons; at most 6`);
  const keys: string[] = [];
  for (const button of buttons as Record<string, unknown>[]) {
    if (typeof button.text !== 'string' || !button.text) refuse(40058, 'a button has no text');
    if (button.style !== undefined && ![1, 2, 3, 4].includes(button.style as number))
      refuse(40058, 'button style must be 1 to 4');
    if (button.type !== undefined && ![0, 1].includes(button.type as number))
      refuse(40058, 'button type must be 0 (callback) or 1 (url)');
    // A url button (type 1) opens its page; any other is clicked back with its key.
    if (button.type === 1) {
      if (typeof button.url !== 'string' || !/^https?:\/\/\S+$/.test(button.url))
        refuse(40058, 'a url button has no http(s) url');
      if (button.key === undefined) continue;
    }
    if (typeof button.key !== 'string' || !button.key) refuse(40058, 'a button has no key');
    if (bytes(String(button.key)) > 1024) refuse(40058, 'a button key is longer than 1024 bytes');
    if (keys.includes(String(button.key))) refuse(40058, 'two buttons have one key');
    keys.push(String(button.key));
  }
  const lines = c.horizontal_content_list;
  if (Array.isArray(lines) && lines.length > 6)
    refuse(40058, 'horizontal_content_list has more than 6 lines');
  return { taskId: String(taskId), keys };
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The `media` part of a multipart/form-data body, parsed as a server would: boundary, headers, bytes. */
function mediaPart(contentType: string, body: Buffer): Omit<Media, 'mediaId' | 'type'> {
  const boundary = /^multipart\/form-data;.*\bboundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (!boundary) return refuse(47001, 'data format error: not multipart/form-data');
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const end = body.indexOf(delimiter, start);
    if (end < 0) break;
    // A part: CRLF, headers, a blank line, the bytes, CRLF before the next delimiter.
    const part = body.subarray(start + 2, end - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return refuse(47001, 'data format error: a part without headers');
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /^content-disposition:\s*form-data;(.*)$/im.exec(headers)?.[1] ?? '';
    if (/\bname="media"/.test(disposition)) {
      const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
      if (!filename) return refuse(40005, 'invalid file type: the media has no filename');
      const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      return { filename, contentType: type, bytes: Buffer.from(part.subarray(split + 4)) };
    }
    at = end;
  }
  return refuse(44001, 'empty media data: no part named media');
}

/** What an image's first bytes say it is: only PNG and JPEG are taken. */
const isPngOrJpeg = (bytes: Buffer) =>
  bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
  bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));

async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const text = (await readRaw(req)).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return refuse(47001, 'data format error');
  }
}

/**
 * A WeCom server API on 127.0.0.1 for one self-built app, the tests' and the WeCom sandbox's, as strict as WeCom: tokens expire, cards are checked,
 * response codes and OAuth codes serve once, and a member's messages over the limits are dropped in silence.
 */
export async function startFakeWecom(
  options: {
    corpId?: string;
    agentId?: number;
    secret?: string;
    token?: string;
    encodingAesKey?: string;
    /** The clock follows the time of day (the sandbox) instead of standing still until advanced (tests). */
    followTime?: boolean;
  } = {},
): Promise<FakeWecom> {
  const corpId = options.corpId ?? 'ww0123456789abcdef';
  const agentId = options.agentId ?? 1000002;
  const secret = options.secret ?? 'fake-secret';
  const callbackToken = options.token ?? 'FakeToken1';
  const encodingAesKey =
    options.encodingAesKey ?? randomBytes(32).toString('base64').slice(0, 43).replace(/[+/]/g, 'A');
  const crypto = wecomCrypto({ token: callbackToken, encodingAesKey, receiveId: corpId });

  // The tests' clock stands still unless they advance it; the sandbox's follows the time of day.
  const started = Date.now();
  let skew = 0;
  const clock = () => (options.followTime ? Date.now() : started) + skew;
  let serial = 0;
  const next = (what: string) => `${what}-${++serial}-${randomBytes(6).toString('hex')}`;
  const calls: WecomCall[] = [];
  const received: Received[] = [];
  const dropped: Received[] = [];
  const refused: FakeWecom['refused'] = [];
  const updates: FakeWecom['updates'] = [];
  const tokens = new Map<string, number>();
  const forgotten = new Set<string>();
  const names = new Map<string, string>();
  const chats = new Set<string>();
  /** Each robot's key, and when it posted. */
  const robots = new Map<string, number[]>();
  const oauthCodes = new Map<string, { userId: string; until: number }>();
  const taskIds = new Map<string, { to: string; keys: string[] }>();
  const uploads = new Map<string, Media & { until: number }>();
  const responseCodes = new Map<string, { taskId: string; until: number; used: boolean }>();
  const sentTo = new Map<string, number[]>();
  let tokensIssued = 0;
  const failures = new Map<string, { errcode: number; count: number }>();

  const issueResponseCode = (taskId: string) => {
    const code = next('rc');
    responseCodes.set(code, { taskId, until: clock() + RESPONSE_CODE_LIFE_MS, used: false });
    return code;
  };

  const authorize = (query: Record<string, string>) => {
    const token = query.access_token;
    if (!token) refuse(41001, 'access_token missing');
    const until = tokens.get(String(token));
    if (until === undefined) refuse(40014, 'invalid access_token');
    if (clock() >= Number(until)) refuse(42001, 'access_token expired');
  };

  /** Over a limit, a message is counted as dropped and the sender is told nothing. */
  const withinLimits = (to: string) => {
    const times = (sentTo.get(to) ?? []).filter((t) => t > clock() - 3_600_000);
    const over = MEMBER_LIMITS.some(
      ({ count, windowMs }) => times.filter((t) => t > clock() - windowMs).length >= count,
    );
    if (!over) times.push(clock());
    sentTo.set(to, times);
    return !over;
  };

  const textOf = (body: Record<string, unknown>, msgtype: string) => {
    const content = (body[msgtype] as Record<string, unknown> | undefined)?.content;
    if (typeof content !== 'string' || !content) refuse(41016, `${msgtype}.content is required`);
    return cut(String(content));
  };

  const messageSend = (body: Record<string, unknown>) => {
    if (body.agentid !== agentId) refuse(40056, 'invalid agentid');
    if (typeof body.touser !== 'string' || !body.touser) refuse(40058, 'touser is required');
    const to = String(body.touser).split('|');
    const invalid = to.filter((id) => forgotten.has(id));
    if (invalid.length === to.length) refuse(81013, 'user & party & tag all invalid');
    const msgtype = String(body.msgtype);
    const message: Omit<Received, 'to' | 'at'> = { msgtype };
    if (msgtype === 'text' || msgtype === 'markdown') message.content = textOf(body, msgtype);
    else if (msgtype === 'template_card') {
      const { taskId, keys } = checkButtonCard(body.template_card);
      if (taskIds.has(taskId)) refuse(40058, `task_id ${taskId} was used before`);
      if (to.length !== 1) refuse(40058, 'the fake sends a card to one member at a time');
      taskIds.set(taskId, { to: String(to[0]), keys });
      message.card = body.template_card as Record<string, unknown>;
      message.responseCode = issueResponseCode(taskId);
    } else if (msgtype === 'file' || msgtype === 'image') {
      const mediaId = (body[msgtype] as Record<string, unknown> | undefined)?.media_id;
      if (typeof mediaId !== 'string' || !mediaId) return refuse(41006, 'media_id missing');
      const media = uploads.get(mediaId);
      if (!media || clock() >= media.until) return refuse(40007, 'invalid media_id');
      if (media.type !== msgtype) refuse(40007, `media_id is of type ${media.type}, not ${msgtype}`);
      const { until: _until, ...uploaded } = media;
      message.media = uploaded;
    } else refuse(40008, `msgtype ${msgtype} is not served`);
    for (const member of to.filter((id) => !forgotten.has(id))) {
      (withinLimits(member) ? received : dropped).push({ ...message, to: member, at: clock() });
    }
    return {
      invaliduser: invalid.join('|'),
      msgid: next('msg'),
      ...(message.responseCode ? { response_code: message.responseCode } : {}),
    };
  };

  const updateCard = (body: Record<string, unknown>) => {
    if (body.agentid !== agentId) refuse(40056, 'invalid agentid');
    const code = String(body.response_code ?? '');
    const entry = responseCodes.get(code);
    if (!entry) return refuse(40058, 'invalid response_code');
    if (entry.used) refuse(40058, 'response_code has been used');
    if (clock() >= entry.until) refuse(40058, 'response_code expired');
    const replaceName = (body.button as Record<string, unknown> | undefined)?.replace_name;
    if (replaceName === undefined && body.template_card === undefined)
      refuse(40058, 'button.replace_name or template_card is required');
    if (body.template_card !== undefined) {
      const { keys } = checkButtonCard(body.template_card);
      // A new card's buttons are the ones its member can press from now on.
      const task = taskIds.get(entry.taskId);
      if (task) task.keys = keys;
    }
    entry.used = true;
    const to = Array.isArray(body.userids) ? body.userids.map(String) : [];
    updates.push({
      to,
      responseCode: code,
      ...(typeof replaceName === 'string' ? { replaceName } : {}),
      ...(body.template_card ? { card: body.template_card as Record<string, unknown> } : {}),
    });
    return { invaliduser: [] };
  };

  /** What a group robot posts to its group: text or markdown, within its byte limits and 20 a minute. */
  const robotSend = (key: string, body: Record<string, unknown>) => {
    const times = robots.get(key);
    if (!times) return refuse(93000, 'invalid webhook url');
    const msgtype = String(body.msgtype);
    const max = ROBOT_MAX_BYTES[msgtype];
    if (max === undefined) return refuse(40008, `msgtype ${msgtype} is not served`);
    const content = (body[msgtype] as Record<string, unknown> | undefined)?.content;
    if (typeof content !== 'string' || !content) return refuse(40058, `${msgtype}.content is required`);
    if (bytes(content) > max) refuse(40058, `${msgtype}.content exceed max length ${max}`);
    const recent = times.filter((t) => t > clock() - ROBOT_LIMIT.windowMs);
    if (recent.length >= ROBOT_LIMIT.count) refuse(45009, 'api freq out of limit');
    robots.set(key, [...recent, clock()]);
    received.push({ to: `robot:${key}`, msgtype, content, at: clock() });
    return {};
  };

  /** media/upload: a multipart body's `media` part, within the limits of its type, kept 3 days. */
  const upload = (query: Record<string, string>, raw?: { contentType: string; bytes: Buffer }) => {
    const type = query.type ?? '';
    if (!['image', 'voice', 'video', 'file'].includes(type)) return refuse(40004, 'invalid media type');
    const max = MEDIA_MAX_BYTES[type];
    if (max === undefined) return refuse(40004, `media type ${type} is not served by the fake`);
    const part = mediaPart(raw?.contentType ?? '', raw?.bytes ?? Buffer.alloc(0));
    const size = part.bytes.length;
    if (size === 0) refuse(44001, 'empty media data');
    if (type === 'image') {
      if (size <= MEDIA_MIN_BYTES || size > max) refuse(40009, 'invalid image size');
      if (!isPngOrJpeg(part.bytes)) refuse(40005, 'invalid file type: an image must be JPG or PNG');
    } else if (size <= MEDIA_MIN_BYTES || size > max) refuse(40006, 'invalid file size');
    const mediaId = next('media');
    uploads.set(mediaId, { mediaId, type, ...part, until: clock() + MEDIA_LIFE_MS });
    return { type, media_id: mediaId, created_at: String(Math.floor(clock() / 1000)) };
  };

  const answer = (
    method: string,
    query: Record<string, string>,
    body: Record<string, unknown> | null,
    raw?: { contentType: string; bytes: Buffer },
  ) => {
    const failure = failures.get(method);
    if (failure && failure.count > 0) {
      failure.count--;
      refuse(failure.errcode, `failing on purpose with ${failure.errcode}`);
    }
    if (method === 'gettoken') {
      if (query.corpid !== corpId) refuse(40013, 'invalid corpid');
      if (query.corpsecret !== secret) refuse(40001, 'invalid credential');
      const token = next('token');
      tokens.set(token, clock() + TOKEN_LIFE_MS);
      tokensIssued++;
      return { access_token: token, expires_in: TOKEN_LIFE_MS / 1000 };
    }
    // A robot's key is its credential: no access token.
    if (method === 'webhook/send') return robotSend(query.key ?? '', body ?? {});
    authorize(query);
    switch (method) {
      case 'message/send':
        return messageSend(body ?? {});
      case 'message/update_template_card':
        return updateCard(body ?? {});
      case 'media/upload':
        return upload(query, raw);
      case 'auth/getuserinfo': {
        const entry = oauthCodes.get(query.code ?? '');
        if (!entry || clock() >= entry.until) return refuse(40029, 'invalid code');
        oauthCodes.delete(query.code ?? '');
        return { userid: entry.userId, user_ticket: next('ticket') };
      }
      case 'user/get': {
        const userId = query.userid ?? '';
        if (!userId || forgotten.has(userId)) refuse(60111, 'userid not found');
        return {
          userid: userId,
          name: names.get(userId) ?? userId.charAt(0).toUpperCase() + userId.slice(1),
        };
      }
      case 'appchat/send': {
        const chatId = String(body?.chatid ?? '');
        if (!chats.has(chatId)) refuse(40050, 'chatid not found');
        const msgtype = String(body?.msgtype);
        if (msgtype !== 'text' && msgtype !== 'markdown') refuse(40008, `msgtype ${msgtype} is not served`);
        received.push({ to: chatId, msgtype, content: textOf(body ?? {}, msgtype), at: clock() });
        return {};
      }
      case 'appchat/create': {
        // WeCom's rules (document 90245): 2 to 2000 members, a chatid of letters and digits, at most 32.
        const members = Array.isArray(body?.userlist) ? (body.userlist as unknown[]).map(String) : [];
        if (typeof body?.name !== 'string' || !body.name) refuse(40058, 'name is required');
        if (members.length < 2 || members.length > 2000) refuse(86006, 'invalid chat member list size');
        const unknown = members.find((id) => forgotten.has(id));
        if (unknown) refuse(60111, `userid not found: ${unknown}`);
        const asked = body?.chatid === undefined ? undefined : String(body.chatid);
        if (asked !== undefined && !/^[0-9a-zA-Z]{1,32}$/.test(asked)) refuse(40058, 'invalid chatid');
        const chatId =
          asked ??
          next('chat')
            .replace(/[^0-9a-zA-Z]/g, '')
            .slice(0, 32);
        if (chats.has(chatId)) refuse(40058, 'chatid exists');
        chats.add(chatId);
        return { chatid: chatId };
      }
      default:
        return refuse(48001, `api ${method} is not served`);
    }
  };

  /** Who is signed in to WeCom in the browser that opens the app's pages, and the domain the app trusts. */
  let browserMember: string | undefined;
  let trustedDomain: string | undefined;

  /**
   * WeCom's sign-in for a page (网页授权, snsapi_base): for the app's own CorpID and AgentId, to a page of its
   * trusted domain only, back with a single-use code; as WeCom does, it says what is wrong on a page of its own.
   */
  function authorize302(query: URLSearchParams): { status: number; location?: string; text?: string } {
    const back = URL.canParse(query.get('redirect_uri') ?? '')
      ? new URL(String(query.get('redirect_uri')))
      : null;
    const wrong =
      query.get('appid') !== corpId
        ? 'invalid appid'
        : query.get('response_type') !== 'code' || query.get('scope') !== 'snsapi_base'
          ? 'invalid response_type or scope'
          : query.get('agentid') !== String(agentId)
            ? 'invalid agentid'
            : !back || back.host !== trustedDomain
              ? 'redirect_uri 需使用应用可信域名'
              : !browserMember
                ? 'not signed in to WeCom'
                : null;
    if (wrong || !back || !browserMember) return { status: 400, text: wrong ?? 'bad request' };
    const code = next('code');
    oauthCodes.set(code, { userId: browserMember, until: clock() + OAUTH_CODE_LIFE_MS });
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    return { status: 302, location: back.toString() };
  }

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === OAUTH_PATH) {
      const { status, location, text } = authorize302(url.searchParams);
      res.writeHead(status, location ? { location } : { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text ?? '');
      return;
    }
    const method = url.pathname.replace(/^\/cgi-bin\//, '');
    const query = Object.fromEntries(url.searchParams);
    let reply: Record<string, unknown>;
    let body: Record<string, unknown> | null = null;
    try {
      // An upload is multipart, read as bytes; every other call is JSON.
      const raw =
        method === 'media/upload'
          ? { contentType: String(req.headers['content-type'] ?? ''), bytes: await readRaw(req) }
          : undefined;
      body = raw ? null : await readBody(req);
      calls.push({ method, query, body, at: clock() });
      reply = { errcode: 0, errmsg: 'ok', ...answer(method, query, body, raw) };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      refused.push({ method, errcode: error.errcode, errmsg: error.message });
      reply = { errcode: error.errcode, errmsg: error.message };
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(reply));
  };
  const server: Server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/cgi-bin/`,
    oauthUrl: `http://127.0.0.1:${port}${OAUTH_PATH}`,
    appEnv: () => ({
      WECOM_CORP_ID: corpId,
      WECOM_AGENT_ID: agentId,
      WECOM_SECRET: secret,
      WECOM_TOKEN: callbackToken,
      WECOM_ENCODING_AES_KEY: encodingAesKey,
      WECOM_API_URL: `http://127.0.0.1:${port}/cgi-bin/`,
    }),
    serve,
    corpId,
    agentId,
    secret,
    token: callbackToken,
    encodingAesKey,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    received,
    dropped,
    refused,
    updates,
    get tokensIssued() {
      return tokensIssued;
    },
    now: clock,
    advance(ms) {
      skew += ms;
    },
    fail: (method, errcode, count = 1) => void failures.set(method, { errcode, count }),
    forget: (userId) => void forgotten.add(userId),
    name: (userId, name) => void names.set(userId, name),
    chat: (chatId) => void chats.add(chatId),
    robot: (key) => void robots.set(key, robots.get(key) ?? []),
    signInBrowser(userId, domain) {
      browserMember = userId;
      trustedDomain = domain;
    },
    oauthCode(userId) {
      const code = next('code');
      oauthCodes.set(code, { userId, until: clock() + OAUTH_CODE_LIFE_MS });
      return code;
    },
    click(userId, taskId, eventKey) {
      const task = taskIds.get(taskId);
      if (!task || task.to !== userId) throw new Error(`${userId} was sent no card ${taskId}`);
      if (!task.keys.includes(eventKey)) throw new Error(`card ${taskId} has no button ${eventKey}`);
      const responseCode = issueResponseCode(taskId);
      const createTime = Math.floor(clock() / 1000);
      const xml = buildXml({
        ToUserName: corpId,
        FromUserName: userId,
        CreateTime: createTime,
        MsgType: 'event',
        Event: 'template_card_event',
        EventKey: eventKey,
        TaskId: taskId,
        CardType: 'button_interaction',
        ResponseCode: responseCode,
        AgentID: agentId,
      });
      return { from: userId, taskId, eventKey, responseCode, createTime, xml };
    },
    message(userId, content) {
      const createTime = Math.floor(clock() / 1000);
      // WeCom's MsgId is a 64-bit number.
      const msgId = String(7_000_000_000_000_000_000n + BigInt(++serial));
      const xml = buildXml({
        ToUserName: corpId,
        FromUserName: userId,
        CreateTime: createTime,
        MsgType: 'text',
        Content: content,
        MsgId: msgId,
        AgentID: agentId,
      });
      return { from: userId, createTime, msgId, xml };
    },
    menuClick(userId, eventKey) {
      const createTime = Math.floor(clock() / 1000);
      const xml = buildXml({
        ToUserName: corpId,
        FromUserName: userId,
        CreateTime: createTime,
        MsgType: 'event',
        Event: 'click',
        EventKey: eventKey,
        AgentID: agentId,
      });
      return { from: userId, createTime, xml };
    },
    media(mediaId) {
      const media = uploads.get(mediaId);
      if (!media || clock() >= media.until) return undefined;
      const { until: _until, ...uploaded } = media;
      return uploaded;
    },
    callback(xml, { timestamp = String(Math.floor(clock() / 1000)), nonce = next('n') } = {}) {
      const encrypted = crypto.encrypt(xml);
      const msgSignature = signature(callbackToken, timestamp, nonce, encrypted);
      return {
        query: new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce }).toString(),
        body: buildEnvelope({ toUserName: corpId, agentId: String(agentId), encrypt: encrypted }),
      };
    },
    verification() {
      const echo = String(BigInt(`0x${randomBytes(8).toString('hex')}`));
      const timestamp = String(Math.floor(clock() / 1000));
      const nonce = String(1e8 + serial++);
      const echostr = crypto.encrypt(echo);
      const msgSignature = signature(callbackToken, timestamp, nonce, echostr);
      // URL-encoded as WeCom sends it: the base64 + and / escaped.
      const query = `msg_signature=${msgSignature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${encodeURIComponent(echostr)}`;
      return { query, echo };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
