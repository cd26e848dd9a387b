import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { buildXml, parseXml, textOf, WecomXmlError } from './xml.js';

/** What was wrong with a callback: each is a request to refuse, never one to act on. */
export type WecomCryptoFailure =
  | 'query'
  | 'envelope'
  | 'signature'
  | 'aes-key'
  | 'ciphertext'
  | 'padding'
  | 'length'
  | 'receive-id';

/** A callback that did not come from WeCom for this app, or came damaged. */
export class WecomCryptoError extends Error {
  constructor(
    readonly code: WecomCryptoFailure,
    message: string,
  ) {
    super(message);
  }
}

/** WeCom pads to 32-byte blocks (PKCS#7 with k = 32); Node's own padding (k = 16) would reject them. */
const BLOCK = 32;
const RANDOM = 16;
const LENGTH = 4;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})+$|^(?:[A-Za-z0-9+/]{4})*[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=)$/;

/** The `msg_signature` of a callback: SHA-1 of the token, timestamp, nonce and ciphertext, sorted and joined. */
export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

/** Compares signatures in constant time, so a forger learns nothing from how long a refusal took. */
export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The query of a callback URL. `echostr` comes only with the GET that verifies the URL. */
export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
  echostr?: string;
}

/**
 * Reads a callback's query string. Each value is URL-decoded as a URI component: a `+` of a base64 `echostr`
 * stays a `+` (URLSearchParams would make it a space and break the signature).
 */
export function readCallbackQuery(search: string): CallbackQuery {
  const values = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      values.set(decodeURIComponent(name), decodeURIComponent(value));
    } catch {
      throw new WecomCryptoError('query', `the query has a malformed %-escape in ${name}`);
    }
  }
  const need = (name: string) => {
    const value = values.get(name);
    if (!value) throw new WecomCryptoError('query', `the query has no ${name}`);
    return value;
  };
  const echostr = values.get('echostr');
  return {
    msg_signature: need('msg_signature'),
    timestamp: need('timestamp'),
    nonce: need('nonce'),
    ...(echostr === undefined ? {} : { echostr }),
  };
}

/** The body WeCom posts to the callback URL: the ciphertext, and the corp and app it is for. */
export interface Envelope {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}

/** Reads `<xml><ToUserName/><AgentID/><Encrypt/></xml>`. */
export function parseEnvelope(body: string): Envelope {
  let encrypt: string | undefined;
  let toUserName: string | undefined;
  let agentId: string | undefined;
  try {
    const root = parseXml(body);
    encrypt = textOf(root, 'Encrypt');
    toUserName = textOf(root, 'ToUserName');
    agentId = textOf(root, 'AgentID');
  } catch (error) {
    if (error instanceof WecomXmlError)
      throw new WecomCryptoError('envelope', `the body is not XML: ${error.message}`);
    throw error;
  }
  if (!encrypt) throw new WecomCryptoError('envelope', 'the body has no <Encrypt>');
  return { encrypt, ...(toUserName ? { toUserName } : {}), ...(agentId ? { agentId } : {}) };
}

/** The body of a callback as WeCom posts it. */
export function buildEnvelope(envelope: Envelope): string {
  return buildXml({
    ...(envelope.toUserName === undefined ? {} : { ToUserName: envelope.toUserName }),
    ...(envelope.agentId === undefined ? {} : { AgentID: envelope.agentId }),
    Encrypt: envelope.encrypt,
  });
}

/** A passive reply, encrypted: what the callback answers when it replies with a message rather than `success`. */
export interface ReplyEnvelope {
  encrypt: string;
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

export function buildReplyEnvelope(reply: ReplyEnvelope): string {
  return buildXml({
    Encrypt: reply.encrypt,
    MsgSignature: reply.msgSignature,
    TimeStamp: /^\d{1,15}$/.test(reply.timestamp) ? Number(reply.timestamp) : reply.timestamp,
    Nonce: reply.nonce,
  });
}

export function parseReplyEnvelope(body: string): ReplyEnvelope {
  const root = parseXml(body);
  const field = (name: string) => {
    const value = textOf(root, name);
    if (!value) throw new WecomCryptoError('envelope', `the reply has no <${name}>`);
    return value;
  };
  return {
    encrypt: field('Encrypt'),
    msgSignature: field('MsgSignature'),
    timestamp: field('TimeStamp'),
    nonce: field('Nonce'),
  };
}

/** The callback settings of an app (接收消息 → API接收) and whose messages it takes: the CorpID for a self-built app. */
export interface WecomKeys {
  token: string;
  encodingAesKey: string;
  receiveId: string;
}

/** Checks, opens and seals callbacks of one app. Every refusal throws a `WecomCryptoError` with its code. */
export interface WecomCrypto {
  /** Base64 of AES-256-CBC over 16 random bytes, the length (4 bytes, big-endian), the message and the receive id. */
  encrypt(message: string, random?: Uint8Array): string;
  /** The message inside a ciphertext, once its padding, length and receive id are checked. */
  decrypt(encrypted: string): string;
  /** The GET that verifies the callback URL: the `echostr`'s plain text, to be answered alone. */
  verifyUrl(query: CallbackQuery): string;
  /** A POSTed callback: the XML message inside its signed envelope. */
  openMessage(query: CallbackQuery, body: string): string;
  /** A passive reply: the message encrypted and signed in its reply envelope. */
  sealReply(message: string, timestamp: string, nonce: string, random?: Uint8Array): string;
}

function aesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey) || key.length !== 32)
    throw new WecomCryptoError(
      'aes-key',
      'the EncodingAESKey must be 43 letters and digits (32 bytes in base64)',
    );
  return key;
}

export function wecomCrypto(keys: WecomKeys): WecomCrypto {
  const key = aesKey(keys.encodingAesKey);
  const iv = key.subarray(0, 16);
  const receiveId = Buffer.from(keys.receiveId, 'utf8');

  const encrypt = (message: string, random: Uint8Array = randomBytes(RANDOM)) => {
    if (random.length !== RANDOM) throw new RangeError(`the random prefix must be ${RANDOM} bytes`);
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(LENGTH);
    length.writeUInt32BE(body.length);
    const plain = Buffer.concat([random, length, body, receiveId]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([
      cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
      cipher.final(),
    ]).toString('base64');
  };

  const decrypt = (encrypted: string) => {
    const bytes = BASE64.test(encrypted) ? Buffer.from(encrypted, 'base64') : Buffer.alloc(0);
    if (bytes.length === 0 || bytes.length % BLOCK !== 0)
      throw new WecomCryptoError('ciphertext', `the ciphertext is not base64 of whole ${BLOCK}-byte blocks`);
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
    const pad = plain.at(-1) ?? 0;
    if (pad < 1 || pad > BLOCK || !plain.subarray(plain.length - pad).every((b) => b === pad))
      throw new WecomCryptoError('padding', 'the ciphertext has bad padding: wrong key, or damaged');
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < RANDOM + LENGTH)
      throw new WecomCryptoError('length', 'the plain text is too short to hold a message');
    const size = content.readUInt32BE(RANDOM);
    if (size > content.length - RANDOM - LENGTH)
      throw new WecomCryptoError('length', 'the plain text is shorter than the length it gives');
    const from = content.subarray(RANDOM + LENGTH + size);
    if (!from.equals(receiveId))
      throw new WecomCryptoError('receive-id', 'the message is for another corp or app than this one');
    return content.subarray(RANDOM + LENGTH, RANDOM + LENGTH + size).toString('utf8');
  };

  const checkSignature = (query: CallbackQuery, encrypted: string) => {
    const expected = signature(keys.token, query.timestamp, query.nonce, encrypted);
    if (!signatureMatches(expected, query.msg_signature))
      throw new WecomCryptoError(
        'signature',
        'msg_signature does not match: not signed with this app’s Token',
      );
  };

  return {
    encrypt,
    decrypt,
    verifyUrl(query) {
      if (!query.echostr) throw new WecomCryptoError('query', 'the query has no echostr');
      checkSignature(query, query.echostr);
      return decrypt(query.echostr);
    },
    openMessage(query, body) {
      const { encrypt: encrypted } = parseEnvelope(body);
      checkSignature(query, encrypted);
      return decrypt(encrypted);
    },
    sealReply(message, timestamp, nonce, random) {
      const encrypted = encrypt(message, random);
      const msgSignature = signature(keys.token, timestamp, nonce, encrypted);
      return buildReplyEnvelope({ encrypt: encrypted, msgSignature, timestamp, nonce });
    },
  };
}
