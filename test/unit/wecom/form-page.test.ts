import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WecomDeps } from '../../../handlers/wecom/deps.js';
import { wecomRoutes } from '../../../handlers/wecom/index.js';
import { sealSession, sessionKeyOf } from '../../../handlers/wecom/session.js';
import type { Submission } from '../../../src/app/register-complaint.js';
import type { WecomApi } from '../../../src/chat/wecom/api.js';
import { WECOM_OAUTH_URL } from '../../../src/chat/wecom/config.js';
import { createLog } from '../../../src/log.js';
import { startProbe, type Web } from '../../../src/web.js';
import { aCase } from '../../support/cases.js';
import type { FakeWecom } from '../../support/fake-wecom.js';
import { testPolicy } from '../../support/harness.js';
import { useWecomTestbed } from '../../support/wecom-testbed.js';

let wecom: FakeWecom;
let api: WecomApi;
let web: Web;
let deps: WecomDeps;
let registered: Submission[];
const key = sessionKeyOf('s3cret', 'Token1');

const page = (query = '', headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${web.port}/wecom/forms/register${query}`, { redirect: 'manual', headers });
const submit = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${web.port}/wecom/forms/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
/** The sign-in the form a member was given carries. */
const sessionIn = (html: string) => /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '';
const valid = {
  customerName: '王女士',
  customerPhone: '138 1234 5678',
  summary: 'The soup was cold',
  demand: 'A refund',
  category: 'delivery',
  class: '1',
  channel: 'phone',
  department: 'delivery',
};

useWecomTestbed((bed) => {
  ({ wecom, api } = bed);
});
beforeEach(async () => {
  registered = [];
  deps = {
    policy: testPolicy(),
    clock: { now: () => new Date() },
    log: createLog('silent'),
    corpId: wecom.corpId,
    agentId: wecom.agentId,
    api,
    sessionKey: key,
    publicUrl: 'https://redress.example.com',
    oauthUrl: WECOM_OAUTH_URL,
    registerComplaint: vi.fn(async (submission: Submission) => {
      registered.push(submission);
      return { kind: 'stored' as const, case: aCase({ number: '202611-0042' }) };
    }),
  } as unknown as WecomDeps;
  web = await startProbe(0, { registry: {} } as never, createLog('silent'), wecomRoutes(deps));
});
afterEach(() => web.stop());

describe('the WeCom registration page', () => {
  it('sends a member who is not signed in to WeCom’s sign-in, which brings them back with a code', async () => {
    const response = await page();
    expect(response.status).toBe(302);
    const location = new URL(String(response.headers.get('location')));
    expect(`${location.origin}${location.pathname}`).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize',
    );
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      appid: wecom.corpId,
      redirect_uri: 'https://redress.example.com/wecom/forms/register',
      response_type: 'code',
      scope: 'snsapi_base',
      agentid: String(wecom.agentId),
    });
    expect(location.hash).toBe('#wechat_redirect');
  });

  it('opens the form once per code, and registers what it sends as the member it signed in', async () => {
    const code = wecom.oauthCode('zhangsan');
    const form = await page(`?code=${code}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<h1>Register a complaint</h1>');
    expect(html).toContain('<option value="delivery">');
    // The code was used: opening the page with it again asks to sign in again.
    const again = await page(`?code=${code}`);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('href="/wecom/forms/register"');

    const answer = await submit({ ...valid, compensation: 'yes', session: sessionIn(html) });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Registered as 202611-0042.');
    expect(registered).toEqual([
      {
        complaint: expect.objectContaining({
          customerName: '王女士',
          customerPhone: '+8613812345678',
          class: 1,
          compensation: true,
          recurrence: false,
        }),
        receiver: 'zhangsan',
        submissionKey: expect.stringMatching(/^wecom\./),
      },
    ]);
  });

  it('puts field errors under their fields and keeps what was typed', async () => {
    const session = sealSession(key, 'zhangsan', new Date());
    const response = await submit({
      ...valid,
      customerPhone: 'call me',
      summary: '',
      respondent: 'not a <userid>',
      demand: '"quoted" <b>bold</b>',
      session,
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Please correct the fields marked below');
    expect(html).toMatch(/id="customerPhone-error">This is not a phone number/);
    expect(html).toMatch(/id="summary-error">Please fill this in\./);
    expect(html).toMatch(/id="respondent-error">This is not a WeCom account/);
    expect(html).toContain('value="call me"');
    expect(html).toContain('&quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;</textarea>');
    expect(html).toContain('<option value="delivery" selected>');
    expect(html).toContain(`value="${session}"`);
    expect(registered).toEqual([]);
  });

  it('registers nothing without a sign-in it signed, or with one that expired', async () => {
    const forged = `${sealSession(key, 'zhangsan', new Date()).split('.')[0]}.forged`;
    const other = sealSession(sessionKeyOf('another', 'Token1'), 'zhangsan', new Date());
    const expired = sealSession(key, 'zhangsan', new Date(Date.now() - 2 * 3_600_000));
    for (const session of [forged, other, expired, '']) {
      const response = await submit({ ...valid, session });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('Open the form');
    }
    expect(registered).toEqual([]);
  });

  it('speaks the member’s language when Redress speaks it', async () => {
    const html = await (
      await page(`?code=${wecom.oauthCode('zhangsan')}`, { 'accept-language': 'zh-CN,zh;q=0.9' })
    ).text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>登记投诉</h1>');
  });
});
