import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WecomDeps } from '../../../handlers/wecom/deps.js';
import { wecomRoutes } from '../../../handlers/wecom/index.js';
import { redisRequests } from '../../../jobs/requests-seen.js';
import type { Outcome } from '../../../src/app/transact.js';
import { wecomAnswers } from '../../../src/chat/wecom/answers.js';
import type { WecomApi } from '../../../src/chat/wecom/api.js';
import { wecomCrypto } from '../../../src/chat/wecom/crypto.js';
import { messageOf } from '../../../src/chat/wecom/message.js';
import { redisMemberPace } from '../../../src/chat/wecom/pace.js';
import { redisCardRecords, wecomNames } from '../../../src/chat/wecom/records.js';
import { buildXml } from '../../../src/chat/wecom/xml.js';
import { createLog } from '../../../src/log.js';
import { startProbe, type Web } from '../../../src/web.js';
import { aCase } from '../../support/cases.js';
import { type FakeWecom, startFakeWecom } from '../../support/fake-wecom.js';
import { testPolicy } from '../../support/harness.js';
import { until } from '../../support/settle.js';
import { useWecomTestbed } from '../../support/wecom-testbed.js';

let redis: Redis;
let wecom: FakeWecom;
let prefix: string;
let api: WecomApi;
let web: Web;
let deps: WecomDeps;
const c = aCase({ owner: 'lisi' });
const ok = (): Promise<Outcome> => Promise.resolve({ kind: 'ok', before: c, case: c });

/** Posts what the fake WeCom would post to the callback URL. */
const post = (request: { query: string; body: string }) =>
  fetch(`http://127.0.0.1:${web.port}/wecom/callback?${request.query}`, {
    method: 'POST',
    body: request.body,
  });
/** A card the member received, whose button they click. */
async function cardTo(user: string, keys: string[]) {
  const taskId = `task-${randomUUID()}`;
  const buttons = keys.map((key) => ({ text: key, key }));
  const sent = await deps.api.sendCard(user, { taskId, title: 'Complaint', buttons });
  expect(sent.kind).toBe('sent');
  return taskId;
}
/** Waits until a spy was called. */
async function calledOnce(spy: { mock: { calls: unknown[] } }) {
  await until(() => spy.mock.calls.length > 0, 'the use case called');
  return spy.mock.calls;
}

/** Acknowledge clicks on case 202611-0001 the callback acted on. */
const acknowledged = () =>
  (deps.acknowledgeCase as unknown as { mock: { calls: unknown[][] } }).mock.calls.filter(
    ([number]) => number === '202611-0001',
  );

/**
 * Posts a good click on another case and waits until it was acted on. Each callback before it had begun its
 * handling before it was answered, and asked Redis before this one did: whatever they were to do, they did.
 */
async function afterALaterClick(): Promise<void> {
  const task = await cardTo('lisi', ['acknowledge:202611-0002']);
  await post(wecom.callback(wecom.click('lisi', task, 'acknowledge:202611-0002').xml));
  const calls = () => (deps.acknowledgeCase as unknown as { mock: { calls: unknown[][] } }).mock.calls;
  await until(() => calls().some(([number]) => number === '202611-0002'), 'the later click acted on');
}

useWecomTestbed((bed) => {
  ({ wecom, redis, prefix, api } = bed);
});
beforeEach(async () => {
  const policy = testPolicy();
  deps = {
    policy,
    store: { get: async () => c } as unknown as WecomDeps['store'],
    chat: { refresh: vi.fn(async () => {}) },
    clock: { now: () => new Date() },
    log: createLog('silent'),
    corpId: wecom.corpId,
    agentId: wecom.agentId,
    crypto: wecomCrypto({
      token: wecom.token,
      encodingAesKey: wecom.encodingAesKey,
      receiveId: wecom.corpId,
    }),
    api,
    requests: redisRequests(redis, prefix),
    answers: wecomAnswers(api, redisMemberPace(redis, prefix), createLog('silent')),
    records: redisCardRecords(redis, prefix),
    names: wecomNames(api, redis, prefix),
    lookups: { take: async () => true },
    pace: redisMemberPace(redis, prefix),
    sessionKey: Buffer.from('key'),
    publicUrl: 'https://redress.example.com',
    oauthUrl: 'https://open.weixin.qq.com/connect/oauth2/authorize',
    registerComplaint: vi.fn(),
    acknowledgeCase: vi.fn(ok),
    escalateCase: vi.fn(ok),
    verifyFix: vi.fn(ok),
    closeCase: vi.fn(ok),
    decideApproval: vi.fn(() => ok),
    resolveCase: vi.fn(ok),
    logContact: vi.fn(ok),
    extendCase: vi.fn(ok),
    recordRootCause: vi.fn(ok),
    reopenCase: vi.fn(ok),
    recordVerdict: vi.fn(ok),
    changeClass: vi.fn(ok),
    reassignCase: vi.fn(ok),
  };
  web = await startProbe(0, { registry: {} } as never, createLog('silent'), wecomRoutes(deps));
});
afterEach(() => web.stop());

describe('the WeCom callback', () => {
  it('answers the URL verification with the decrypted echostr alone', async () => {
    const { query, echo } = wecom.verification();
    const response = await fetch(`http://127.0.0.1:${web.port}/wecom/callback?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(echo);
    const forged = query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'0'.repeat(40)}`);
    expect((await fetch(`http://127.0.0.1:${web.port}/wecom/callback?${forged}`)).status).toBe(401);
  });

  it('acts on a click once, as the clicker, and keeps its response code for the card', async () => {
    const task = await cardTo('lisi', ['acknowledge:202611-0001']);
    const click = wecom.click('lisi', task, 'acknowledge:202611-0001');
    const request = wecom.callback(click.xml);
    const response = await post(request);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('success');
    const [call] = await calledOnce(deps.acknowledgeCase as never);
    const [number, actor, pressedIn] = call as [string, string, never];
    expect([number, actor]).toEqual(['202611-0001', 'lisi']);
    expect(messageOf(pressedIn)).toEqual({ kind: 'card', to: 'lisi', task });
    expect(await deps.records.responseCode(task)).toBe(click.responseCode);
    // WeCom posts again when no answer came in time: the same callback acts no more.
    expect((await post(request)).status).toBe(200);
    expect((await post(wecom.callback(click.xml))).status).toBe(200);
    await afterALaterClick();
    expect(acknowledged()).toHaveLength(1);
  });

  it('refuses a callback not signed with the app’s Token, and acts on nothing', async () => {
    const task = await cardTo('lisi', ['acknowledge:202611-0001']);
    const request = wecom.callback(wecom.click('lisi', task, 'acknowledge:202611-0001').xml);
    const forged = request.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'a'.repeat(40)}`);
    expect((await post({ ...request, query: forged })).status).toBe(401);
    // Signed, but by another app's keys.
    const other = await startFakeWecom({ corpId: wecom.corpId, token: 'OtherToken2' });
    expect(
      (await post(other.callback(wecom.click('lisi', task, 'acknowledge:202611-0001').xml))).status,
    ).toBe(401);
    await other.close();
    await afterALaterClick();
    expect(acknowledged()).toEqual([]);
  });

  it('tells a refused clicker why, privately, and ignores keys no card of ours carries', async () => {
    deps.escalateCase = vi.fn(
      async (): Promise<Outcome> => ({ kind: 'refused', reason: 'refusal.not_on_ladder', case: c }),
    );
    const task = await cardTo('stranger', ['escalate:202611-0001/0', 'nonsense']);
    await post(wecom.callback(wecom.click('stranger', task, 'nonsense').xml));
    await post(wecom.callback(wecom.click('stranger', task, 'escalate:202611-0001/0').xml));
    await until(() => wecom.received.length >= 2, 'the refusal told');
    expect(wecom.received.at(-1)).toMatchObject({
      to: 'stranger',
      msgtype: 'text',
      content: 'Only the owner and the managers of this case can escalate it.',
    });
    expect(deps.acknowledgeCase).not.toHaveBeenCalled();
  });

  it('ignores a callback for another app or too old to be fresh', async () => {
    const task = await cardTo('lisi', ['acknowledge:202611-0001']);
    const click = wecom.click('lisi', task, 'acknowledge:202611-0001');
    const otherApp = click.xml.replace(`<AgentID>${wecom.agentId}</AgentID>`, '<AgentID>42</AgentID>');
    expect((await post(wecom.callback(otherApp))).status).toBe(200);
    const old = String(Math.floor(Date.now() / 1000) - 7200);
    expect((await post(wecom.callback(click.xml, { timestamp: old }))).status).toBe(200);
    expect((await post(wecom.callback(buildXml({ Nothing: 'here' })))).status).toBe(200);
    await afterALaterClick();
    expect(acknowledged()).toEqual([]);
  });
});
