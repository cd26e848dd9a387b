import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildEnvelope,
  parseEnvelope,
  parseReplyEnvelope,
  readCallbackQuery,
  signature,
  signatureMatches,
  WecomCryptoError,
  wecomCrypto,
} from '../../../src/chat/wecom/crypto.js';

/** The vectors of WeCom's own WXBizMsgCrypt samples. */
const keys = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  receiveId: 'wx5823bf96d3bd56c7',
};
const verify = {
  msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};
const post = {
  query: {
    msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
  },
  body: '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>',
};

/** The error a call throws, for checking its code. */
function failure(run: () => unknown): WecomCryptoError {
  try {
    run();
  } catch (error) {
    if (error instanceof WecomCryptoError) return error;
    throw error;
  }
  throw new Error('it did not refuse');
}

/** A ciphertext made by hand, to break one rule at a time. */
function handMade(plain: Buffer): string {
  const key = Buffer.from(`${keys.encodingAesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}
function plainOf(message: string, receiveId: string, claimedLength?: number): Buffer {
  const body = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(claimedLength ?? body.length);
  return Buffer.concat([Buffer.alloc(16, 7), length, body, Buffer.from(receiveId)]);
}
const padded = (plain: Buffer, pad = 32 - (plain.length % 32)) =>
  Buffer.concat([plain, Buffer.alloc(pad, pad)]);

describe('WeCom callback crypto', () => {
  const crypto = wecomCrypto(keys);

  it('verifies the official URL vector and answers its plain text', () => {
    expect(crypto.verifyUrl(verify)).toBe('1616140317555161061');
    expect(signature(keys.token, verify.timestamp, verify.nonce, verify.echostr)).toBe(verify.msg_signature);
  });

  it('reads the query as WeCom sends it: URL-encoded, and a raw + stays a +', () => {
    const encoded = `msg_signature=${verify.msg_signature}&timestamp=${verify.timestamp}&nonce=${verify.nonce}&echostr=${encodeURIComponent(verify.echostr)}`;
    expect(crypto.verifyUrl(readCallbackQuery(encoded))).toBe('1616140317555161061');
    const raw = `?msg_signature=${verify.msg_signature}&timestamp=${verify.timestamp}&nonce=${verify.nonce}&echostr=${verify.echostr}`;
    expect(readCallbackQuery(raw).echostr).toBe(verify.echostr);
    expect(failure(() => readCallbackQuery('timestamp=1&nonce=2')).code).toBe('query');
    expect(failure(() => readCallbackQuery('msg_signature=%zz&timestamp=1&nonce=2')).code).toBe('query');
  });

  it('opens the official message vector', () => {
    const xml = crypto.openMessage(post.query, post.body);
    expect(xml).toContain('<FromUserName><![CDATA[mycreate]]></FromUserName>');
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(parseEnvelope(post.body)).toMatchObject({ toUserName: 'wx5823bf96d3bd56c7', agentId: '218' });
  });

  it('encrypts what it decrypts, whatever the length, Chinese included', () => {
    for (const message of ['', 'a', 'x'.repeat(11), '投诉已受理'.repeat(7), 'y'.repeat(4000)]) {
      expect(crypto.decrypt(crypto.encrypt(message))).toBe(message);
    }
    const fixed = Buffer.alloc(16, 1);
    expect(crypto.encrypt('same', fixed)).toBe(crypto.encrypt('same', fixed));
    expect(crypto.encrypt('same')).not.toBe(crypto.encrypt('same'));
  });

  it('pads to whole 32-byte blocks, a full block when the text fills one', () => {
    // 16 random + 4 length + 12 message = 32 bytes with an empty receive id: one more block of padding.
    const bare = wecomCrypto({ ...keys, receiveId: '' });
    expect(Buffer.from(bare.encrypt('x'.repeat(12)), 'base64')).toHaveLength(64);
    expect(Buffer.from(bare.encrypt('x'.repeat(11)), 'base64')).toHaveLength(32);
  });

  it('seals a reply that opens again, in the reply envelope', () => {
    const sealed = crypto.sealReply('<xml><Content>ok</Content></xml>', '1700000000', 'n0nce');
    const reply = parseReplyEnvelope(sealed);
    expect(sealed).toMatch(
      /^<xml><Encrypt><!\[CDATA\[.+\]\]><\/Encrypt><MsgSignature>.+<TimeStamp>1700000000<\/TimeStamp>/,
    );
    expect(reply.msgSignature).toBe(signature(keys.token, '1700000000', 'n0nce', reply.encrypt));
    expect(crypto.decrypt(reply.encrypt)).toBe('<xml><Content>ok</Content></xml>');
  });

  it('refuses a bad signature, timing-safe, whatever its length', () => {
    const wrong = { ...verify, msg_signature: '0'.repeat(40) };
    expect(failure(() => crypto.verifyUrl(wrong)).code).toBe('signature');
    expect(failure(() => crypto.verifyUrl({ ...verify, msg_signature: 'short' })).code).toBe('signature');
    expect(failure(() => crypto.openMessage({ ...post.query, nonce: '1' }, post.body)).code).toBe(
      'signature',
    );
    expect(failure(() => wecomCrypto({ ...keys, token: 'other' }).verifyUrl(verify)).message).toMatch(
      /msg_signature does not match/,
    );
    expect(signatureMatches(verify.msg_signature, verify.msg_signature.toUpperCase())).toBe(true);
  });

  it('refuses a message for another corp', () => {
    const other = wecomCrypto({ ...keys, receiveId: 'ww0000000000000000' });
    const error = failure(() => other.verifyUrl(verify));
    expect(error.code).toBe('receive-id');
    expect(error.message).toMatch(/another corp/);
  });

  it('refuses bad padding, a lying length and ciphertext that is not whole blocks', () => {
    const message = plainOf('hello', keys.receiveId);
    expect(crypto.decrypt(handMade(padded(message)))).toBe('hello');
    const zeroPad = padded(message);
    zeroPad[zeroPad.length - 1] = 0;
    expect(failure(() => crypto.decrypt(handMade(zeroPad))).code).toBe('padding');
    const mixed = padded(message);
    mixed[mixed.length - 2] = 1;
    expect(failure(() => crypto.decrypt(handMade(mixed))).code).toBe('padding');
    expect(failure(() => crypto.decrypt(handMade(padded(plainOf('hello', keys.receiveId, 9999))))).code).toBe(
      'length',
    );
    expect(failure(() => crypto.decrypt(handMade(padded(Buffer.alloc(10, 1))))).code).toBe('length');
    expect(failure(() => crypto.decrypt(verify.echostr.slice(0, 24))).code).toBe('ciphertext');
    expect(failure(() => crypto.decrypt('not base64!')).code).toBe('ciphertext');
    expect(failure(() => crypto.decrypt('')).code).toBe('ciphertext');
  });

  it('refuses a damaged ciphertext even with its signature made anew', () => {
    const bytes = Buffer.from(verify.echostr, 'base64');
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
    const damaged = bytes.toString('base64');
    const query = {
      ...verify,
      echostr: damaged,
      msg_signature: signature(keys.token, verify.timestamp, verify.nonce, damaged),
    };
    expect(['padding', 'length', 'receive-id']).toContain(failure(() => crypto.verifyUrl(query)).code);
  });

  it('refuses an EncodingAESKey that is not 43 letters and digits', () => {
    expect(failure(() => wecomCrypto({ ...keys, encodingAesKey: 'short' })).code).toBe('aes-key');
    expect(
      failure(() => wecomCrypto({ ...keys, encodingAesKey: `${keys.encodingAesKey.slice(0, 42)}+` })).code,
    ).toBe('aes-key');
  });

  it('builds and reads the envelope WeCom posts, and refuses one without <Encrypt>', () => {
    const body = buildEnvelope({ toUserName: 'ww1', agentId: '1000002', encrypt: 'abc' });
    expect(body).toBe(
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[abc]]></Encrypt></xml>',
    );
    expect(parseEnvelope(body)).toEqual({ toUserName: 'ww1', agentId: '1000002', encrypt: 'abc' });
    expect(failure(() => parseEnvelope('<xml><ToUserName>ww1</ToUserName></xml>')).code).toBe('envelope');
    expect(failure(() => parseEnvelope('{"json": true}')).code).toBe('envelope');
    expect(failure(() => crypto.openMessage(post.query, '<!DOCTYPE x [<!ENTITY e "x">]><xml/>')).code).toBe(
      'envelope',
    );
  });
});
