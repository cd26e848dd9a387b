import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a form page's sign-in lasts: time to fill in a complaint on the phone, and not much more. */
const SESSION_MS = 3_600_000;

/** Who signed in to a form page, and the page's own id (one registration per page, however often it is sent). */
export interface Session {
  userId: string;
  page: string;
}

/** The key sessions are signed with, from the app's Secret and callback Token: no setting of its own to keep. */
export function sessionKeyOf(secret: string, token: string): Buffer {
  return createHmac('sha256', secret).update(`redress form session ${token}`).digest();
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** A signed, short-lived sign-in that carries the member from the page WeCom signed them in to, to its answer. */
export function sealSession(key: Buffer, userId: string, now: Date): string {
  const page = randomBytes(12).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ u: userId, p: page, e: now.getTime() + SESSION_MS })).toString(
    'base64url',
  );
  return `${payload}.${mac(key, payload)}`;
}

/** The sign-in a page came back with; null when it is not one this key signed, or it has expired. */
export function openSession(key: Buffer, sealed: string, now: Date): Session | null {
  const [payload = '', signature = ''] = sealed.split('.');
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { u, p, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (typeof u !== 'string' || typeof p !== 'string' || typeof e !== 'number' || now.getTime() > e)
      return null;
    return { userId: u, page: p };
  } catch {
    return null;
  }
}
