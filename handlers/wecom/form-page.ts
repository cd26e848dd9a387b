import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { translator } from '../../src/chat/i18n.js';
import { WECOM_USERID } from '../../src/chat/wecom/ids.js';
import { messagePage, registerPage } from '../../src/chat/wecom/register-page.js';
import { plainTranslator } from '../../src/chat/wecom/text.js';
import { complaintSchema } from '../../src/domain/complaint.js';
import type { Locale } from '../../src/domain/policy.js';
import { fieldErrors } from '../slack/form.js';
import type { WecomDeps } from './deps.js';
import { answer, BodyTooLarge, readBody } from './http.js';
import { openSession, sealSession } from './session.js';

const PATH = '/wecom/forms/register';
/** WeCom's sign-in for pages opened in the app (网页授权); `snsapi_base` asks the member nothing. */
const OAUTH_URL = 'https://open.weixin.qq.com/connect/oauth2/authorize';
/** Far above a form filled in to its limits, URL-encoded (a Chinese character takes 9 bytes). */
const FORM_MAX_BYTES = 256_000;
const HTML = 'text/html; charset=utf-8';

/** The language a page speaks: the first one the member's WeCom asks for that Redress speaks, else the policy's. */
function pageLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  for (const tag of (acceptLanguage ?? '').split(',')) {
    const language = tag.split(';')[0]?.trim().toLowerCase() ?? '';
    if (language.startsWith('zh')) return 'zh-CN';
    if (language.startsWith('en')) return 'en';
  }
  return fallback;
}

/**
 * `GET|POST /wecom/forms/register`, the registration form as a page of the app. GET without a `code` sends the
 * member to WeCom's sign-in, which comes back with one; the code (single use) says who they are, and the form
 * carries that in a signed sign-in of an hour. POST validates as the Slack form does: field errors come back on
 * the form with what was typed; a valid form is registered, and the page answers with the case number.
 */
export const registerFormPage = (deps: WecomDeps) => {
  const { policy, sessionKey, clock } = deps;
  // The person complained about is named by their WeCom account (userid).
  const schema = complaintSchema(policy, z.string().trim().regex(WECOM_USERID, 'error.userid'));

  /** This page's own address, as WeCom sends members back to it. */
  const pageUrl = (req: IncomingMessage) => {
    if (deps.publicUrl) return `${deps.publicUrl.replace(/\/$/, '')}${PATH}`;
    const proto = String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0];
    return `${proto}://${req.headers['x-forwarded-host'] ?? req.headers.host}${PATH}`;
  };
  const signIn = (req: IncomingMessage) =>
    `${OAUTH_URL}?${new URLSearchParams({
      appid: deps.corpId,
      redirect_uri: pageUrl(req),
      response_type: 'code',
      scope: 'snsapi_base',
      state: 'register',
      agentid: String(deps.agentId),
    })}#wechat_redirect`;

  async function get(req: IncomingMessage, res: ServerResponse, locale: Locale) {
    const t = plainTranslator(translator(locale));
    const code = new URL(req.url ?? '/', 'http://form').searchParams.get('code');
    if (!code) {
      res.writeHead(302, { location: signIn(req), 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const member = await deps.api.userFromCode(code);
    if (member.kind === 'user') {
      const session = sealSession(sessionKey, member.userId, clock.now());
      return answer(res, 200, registerPage(t, locale, policy, { session }), HTML);
    }
    const title = t('modal.complaint.title');
    if (member.kind === 'retryAfter')
      return answer(res, 503, messagePage(locale, title, t('error.failed')), HTML);
    const notMember = member.reason === 'not-a-member';
    const page = messagePage(
      locale,
      title,
      t(notMember ? 'wecom.form.notMember' : 'wecom.form.signIn'),
      notMember ? undefined : { href: PATH, label: t('wecom.form.open') },
      true,
    );
    return answer(res, notMember ? 403 : 401, page, HTML);
  }

  async function post(req: IncomingMessage, res: ServerResponse, locale: Locale) {
    const t = plainTranslator(translator(locale));
    const title = t('modal.complaint.title');
    const fields = new URLSearchParams(await readBody(req, FORM_MAX_BYTES));
    const sealed = fields.get('session') ?? '';
    const session = openSession(sessionKey, sealed, clock.now());
    if (!session) {
      const page = messagePage(
        locale,
        title,
        t('wecom.form.signIn'),
        { href: PATH, label: t('wecom.form.open') },
        true,
      );
      return answer(res, 401, page, HTML);
    }
    const typed = Object.fromEntries([...fields].filter(([name]) => name !== 'session'));
    const text = (name: string) => typed[name] ?? '';
    const parsed = schema.safeParse({
      customerName: text('customerName'),
      customerPhone: text('customerPhone'),
      summary: text('summary'),
      demand: text('demand'),
      address: text('address') || undefined,
      item: text('item') || undefined,
      category: text('category') || undefined,
      class: Number(text('class')),
      channel: text('channel') || undefined,
      department: text('department') || undefined,
      respondent: text('respondent') || undefined,
      compensation: fields.has('compensation'),
      recurrence: fields.has('recurrence'),
    });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, t);
      return answer(
        res,
        422,
        registerPage(t, locale, policy, { session: sealed, values: typed, errors }),
        HTML,
      );
    }
    // One registration per page: sending it again (a double tap, a reload) gives back the case it made.
    const registration = await deps.registerComplaint({
      complaint: parsed.data,
      receiver: session.userId,
      submissionKey: `wecom.${session.page}`,
    });
    const said =
      registration.kind === 'stored'
        ? t('wecom.form.registered', { number: registration.case.number })
        : t('modal.queued.text');
    const page = messagePage(locale, t('modal.registered.title'), said, {
      href: PATH,
      label: t('wecom.form.another'),
    });
    return answer(res, 200, page, HTML);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const locale = pageLocale(req.headers['accept-language'], policy.locale);
    try {
      if (req.method === 'GET') return await get(req, res, locale);
      if (req.method === 'POST') return await post(req, res, locale);
      return answer(res, 405);
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(res, 413);
      throw error;
    }
  };
};
