import type { IncomingMessage, ServerResponse } from 'node:http';
import { type MessageKey, type Translate, translator } from '../../src/chat/i18n.js';
import { messagePage } from '../../src/chat/wecom/pages.js';
import { plainTranslator } from '../../src/chat/wecom/text.js';
import type { Locale } from '../../src/domain/policy.js';
import type { WecomDeps } from './deps.js';
import { answer, BodyTooLarge, readBody } from './http.js';
import { openSession, type Session, sealSession } from './session.js';

/** Far above a form filled in to its limits, URL-encoded (a Chinese character takes 9 bytes). */
const FORM_MAX_BYTES = 256_000;
export const HTML = 'text/html; charset=utf-8';

/** The language a page speaks: the first one the member's WeCom asks for that Redress speaks, else the policy's. */
function pageLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  for (const tag of (acceptLanguage ?? '').split(',')) {
    const language = tag.split(';')[0]?.trim().toLowerCase() ?? '';
    if (language.startsWith('zh')) return 'zh-CN';
    if (language.startsWith('en')) return 'en';
  }
  return fallback;
}

/** One request to a page: who asks is known once WeCom signed them in. */
export interface PageRequest {
  res: ServerResponse;
  locale: Locale;
  t: Translate;
  /** The page's own path and query, without what sign-in added: where its form posts and links return. */
  self: string;
  query: URLSearchParams;
}

export interface SignedInPage {
  /** The page's title, for the pages that say why it cannot be shown. */
  title: MessageKey;
  /** Shows the page to a member WeCom signed in; `session` is what its form must send back. */
  show(request: PageRequest, member: string, session: string): Promise<void>;
  /** Takes a form the page sent, from the member its signed sign-in names. */
  submit(request: PageRequest, session: Session, fields: URLSearchParams, sealed: string): Promise<void>;
}

/**
 * A page of the app, for members only. GET without a `code` sends the member to WeCom's sign-in, which comes back
 * with one; the code (single use) says who they are, and the page's form carries that in a signed sign-in of an
 * hour (session.ts). A POST without a valid sign-in is refused and nothing is taken.
 */
export const signedInPage = (deps: WecomDeps, { title, show, submit }: SignedInPage) => {
  const { policy, sessionKey, clock } = deps;

  const signIn = (self: string) =>
    // WeCom's sign-in (网页授权); `snsapi_base` asks the member nothing.
    `${deps.oauthUrl}?${new URLSearchParams({
      appid: deps.corpId,
      redirect_uri: `${deps.publicUrl}${self}`,
      response_type: 'code',
      scope: 'snsapi_base',
      state: 'redress',
      agentid: String(deps.agentId),
    })}#wechat_redirect`;

  /** Why the page cannot be shown: sign in again, or not a member of the company. */
  function notSignedIn(request: PageRequest, notMember = false) {
    const { res, locale, t, self } = request;
    const text = t(notMember ? 'wecom.form.notMember' : 'wecom.form.signIn');
    const links = notMember ? [] : [{ href: self, label: t('wecom.form.open') }];
    answer(res, notMember ? 403 : 401, messagePage(locale, t(title), text, links, true), HTML);
  }

  async function get(request: PageRequest) {
    const code = request.query.get('code');
    if (!code) {
      request.res.writeHead(302, { location: signIn(request.self), 'cache-control': 'no-store' });
      request.res.end();
      return;
    }
    const member = await deps.api.userFromCode(code);
    if (member.kind === 'user')
      return show(request, member.userId, sealSession(sessionKey, member.userId, clock.now()));
    if (member.kind === 'retryAfter') {
      const { res, locale, t } = request;
      return answer(res, 503, messagePage(locale, t(title), t('error.failed')), HTML);
    }
    return notSignedIn(request, member.reason === 'not-a-member');
  }

  async function post(req: IncomingMessage, request: PageRequest) {
    const fields = new URLSearchParams(await readBody(req, FORM_MAX_BYTES));
    const sealed = fields.get('session') ?? '';
    const session = openSession(sessionKey, sealed, clock.now());
    if (!session) return notSignedIn(request);
    fields.delete('session');
    return submit(request, session, fields, sealed);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const locale = pageLocale(req.headers['accept-language'], policy.locale);
    const url = new URL(req.url ?? '/', 'http://page');
    const query = new URLSearchParams(url.searchParams);
    // What sign-in adds is not part of the page's address.
    for (const added of ['code', 'state']) url.searchParams.delete(added);
    const request: PageRequest = {
      res,
      locale,
      t: plainTranslator(translator(locale)),
      self: `${url.pathname}${url.search}`,
      query,
    };
    try {
      if (req.method === 'GET') return await get(request);
      if (req.method === 'POST') return await post(req, request);
      return answer(res, 405);
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(res, 413);
      throw error;
    }
  };
};
