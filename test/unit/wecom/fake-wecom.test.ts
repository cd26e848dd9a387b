import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCallbackQuery, wecomCrypto } from '../../../src/chat/wecom/crypto.js';
import { parseEvent } from '../../../src/chat/wecom/events.js';
import { type FakeWecom, startFakeWecom } from '../../support/fake-wecom.js';

let wecom: FakeWecom;
let token: string;
let serial = 0;

type Answer = Record<string, unknown> & { errcode: number };
async function call(method: string, query: Record<string, string>, body?: unknown): Promise<Answer> {
  const response = await fetch(`${wecom.url}${method}?${new URLSearchParams(query)}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as Answer;
}
const post = (method: string, body: Record<string, unknown>) => call(method, { access_token: token }, body);
const newToken = async () =>
  String((await call('gettoken', { corpid: wecom.corpId, corpsecret: wecom.secret })).access_token);
/** Moves the fake's clock on, and takes a token that is alive then. */
async function later(ms: number) {
  wecom.advance(ms);
  token = await newToken();
}

function card(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    card_type: 'button_interaction',
    main_title: { title: 'Case 202611-0007' },
    task_id: `task-${++serial}`,
    button_list: [{ text: 'Acknowledge', key: 'ack' }],
    ...overrides,
  };
}
const sendCard = (to: string, template: Record<string, unknown>) =>
  post('message/send', {
    touser: to,
    agentid: wecom.agentId,
    msgtype: 'template_card',
    template_card: template,
  });
const sendText = (to: string, content: string) =>
  post('message/send', { touser: to, agentid: wecom.agentId, msgtype: 'text', text: { content } });

beforeAll(async () => {
  wecom = await startFakeWecom();
  token = await newToken();
});
afterAll(() => wecom.close());

describe('the fake WeCom API is as strict as WeCom', () => {
  it('hands out a token only for the right corp and secret', async () => {
    expect((await call('gettoken', { corpid: 'ww0000000000000000', corpsecret: wecom.secret })).errcode).toBe(
      40013,
    );
    expect((await call('gettoken', { corpid: wecom.corpId, corpsecret: 'wrong' })).errcode).toBe(40001);
    expect(await call('gettoken', { corpid: wecom.corpId, corpsecret: wecom.secret })).toMatchObject({
      errcode: 0,
      expires_in: 7200,
    });
  });

  it('wants a token that is known and alive', async () => {
    expect((await call('user/get', { userid: 'zhangsan' })).errcode).toBe(41001);
    expect((await call('user/get', { userid: 'zhangsan', access_token: 'made-up' })).errcode).toBe(40014);
    const short = await newToken();
    wecom.advance(7_200_000);
    expect((await call('user/get', { userid: 'zhangsan', access_token: short })).errcode).toBe(42001);
    token = await newToken();
    expect(await call('user/get', { userid: 'zhangsan', access_token: token })).toMatchObject({
      errcode: 0,
      name: 'Zhangsan',
    });
  });

  it('refuses a card with more than six buttons, a long key or a bad task id', async () => {
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `B${i}`, key: `k${i}` }));
    expect((await sendCard('zhangsan', card({ button_list: buttons(6) }))).errcode).toBe(0);
    expect(await sendCard('zhangsan', card({ button_list: buttons(7) }))).toMatchObject({
      errcode: 40058,
      errmsg: expect.stringMatching(/at most 6/),
    });
    expect(
      (await sendCard('zhangsan', card({ button_list: [{ text: 'A', key: 'k'.repeat(1024) }] }))).errcode,
    ).toBe(0);
    expect(
      (await sendCard('zhangsan', card({ button_list: [{ text: 'A', key: '键'.repeat(342) }] }))).errcode,
    ).toBe(40058);
    expect((await sendCard('zhangsan', card({ task_id: 'has space' }))).errcode).toBe(40058);
    expect((await sendCard('zhangsan', card({ task_id: 'a'.repeat(128) }))).errcode).toBe(0);
    expect((await sendCard('zhangsan', card({ task_id: 'a'.repeat(129) }))).errcode).toBe(40058);
    expect((await sendCard('zhangsan', card({ task_id: 'Ok_-@1' }))).errcode).toBe(0);
    expect((await sendCard('zhangsan', card({ card_type: 'text_notice' }))).errcode).toBe(40058);
    expect((await sendCard('zhangsan', card({ main_title: {} }))).errcode).toBe(40058);
  });

  it('takes each task id once per app', async () => {
    expect((await sendCard('zhangsan', card({ task_id: 'once' }))).errcode).toBe(0);
    expect(await sendCard('lisi', card({ task_id: 'once' }))).toMatchObject({
      errcode: 40058,
      errmsg: expect.stringMatching(/used before/),
    });
  });

  it('lets a response code update a card once, within 72 hours', async () => {
    const sent = await sendCard('zhangsan', card({ task_id: 'rc-card' }));
    const update = (code: unknown) =>
      post('message/update_template_card', {
        userids: ['zhangsan'],
        agentid: wecom.agentId,
        response_code: code,
        button: { replace_name: 'Acknowledged' },
      });
    expect((await update(sent.response_code)).errcode).toBe(0);
    expect(await update(sent.response_code)).toMatchObject({
      errcode: 40058,
      errmsg: expect.stringMatching(/used/),
    });
    const click = wecom.click('zhangsan', 'rc-card', 'ack');
    await later(72 * 3_600_000);
    expect(await update(click.responseCode)).toMatchObject({
      errcode: 40058,
      errmsg: expect.stringMatching(/expired/),
    });
    expect((await update('made-up')).errcode).toBe(40058);
    expect(wecom.updates).toEqual([
      { to: ['zhangsan'], responseCode: sent.response_code, replaceName: 'Acknowledged' },
    ]);
    token = await newToken();
  });

  it('lets an OAuth code name its member once, within 5 minutes', async () => {
    const code = wecom.oauthCode('lisi');
    expect(await call('auth/getuserinfo', { access_token: token, code })).toMatchObject({
      errcode: 0,
      userid: 'lisi',
    });
    expect((await call('auth/getuserinfo', { access_token: token, code })).errcode).toBe(40029);
    const late = wecom.oauthCode('lisi');
    await later(300_000);
    expect((await call('auth/getuserinfo', { access_token: token, code: late })).errcode).toBe(40029);
  });

  it('drops a member’s messages over 30 a minute without a word, and counts them', async () => {
    const before = wecom.dropped.length;
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push(await sendText('wangwu', `message ${i}`));
    expect(answers.every((a) => a.errcode === 0)).toBe(true);
    expect(wecom.dropped.slice(before)).toEqual([
      expect.objectContaining({ to: 'wangwu', content: 'message 30' }),
    ]);
    expect((await sendText('zhaoliu', 'another member has a count of their own')).errcode).toBe(0);
    expect(wecom.dropped).toHaveLength(before + 1);
    await later(60_000);
    await sendText('wangwu', 'a minute later');
    expect(wecom.dropped).toHaveLength(before + 1);
  });

  it('drops a member’s messages over 1000 an hour', async () => {
    const before = wecom.dropped.length;
    for (let minute = 0; minute < 34; minute++) {
      await Promise.all(Array.from({ length: 30 }, () => sendText('sunqi', 'x')));
      await later(60_000);
    }
    // 30 a minute for 34 minutes is 1020: the hour allows 1000.
    expect(wecom.dropped.slice(before)).toHaveLength(20);
    expect(wecom.dropped.slice(before).every((m) => m.to === 'sunqi')).toBe(true);
  }, 60_000);

  it('cuts text at 2048 bytes, even inside a character, which then shows broken', async () => {
    await sendText('zhouba', `${'a'.repeat(2047)}中文`);
    expect(wecom.received.at(-1)?.content).toBe(`${'a'.repeat(2047)}\uFFFD`);
    await sendText('zhouba', '中'.repeat(700));
    expect(wecom.received.at(-1)?.content).toBe(`${'中'.repeat(682)}\uFFFD`);
  });

  it('refuses unknown members and chats', async () => {
    wecom.forget('gone');
    expect((await sendText('gone', 'hello')).errcode).toBe(81013);
    expect(await sendText('gone|zhangsan', 'hello')).toMatchObject({ errcode: 0, invaliduser: 'gone' });
    expect((await call('user/get', { access_token: token, userid: 'gone' })).errcode).toBe(60111);
    const chat = (chatid: string) =>
      post('appchat/send', { chatid, msgtype: 'text', text: { content: 'card 202611-0007' } });
    expect((await chat('complaints')).errcode).toBe(40050);
    wecom.chat('complaints');
    expect((await chat('complaints')).errcode).toBe(0);
    expect(wecom.received.at(-1)).toMatchObject({ to: 'complaints', content: 'card 202611-0007' });
    expect(
      (
        await post('message/send', {
          touser: 'zhangsan',
          agentid: 1,
          msgtype: 'text',
          text: { content: 'x' },
        })
      ).errcode,
    ).toBe(40056);
  });

  it('builds callbacks that the app’s keys open, and a click only on a card that was sent', async () => {
    const keys = { token: wecom.token, encodingAesKey: wecom.encodingAesKey, receiveId: wecom.corpId };
    const crypto = wecomCrypto(keys);
    const { query, echo } = wecom.verification();
    expect(crypto.verifyUrl(readCallbackQuery(query))).toBe(echo);

    await sendCard('zhangsan', card({ task_id: 'click-me' }));
    const click = wecom.click('zhangsan', 'click-me', 'ack');
    const request = wecom.callback(click.xml);
    expect(parseEvent(crypto.openMessage(readCallbackQuery(request.query), request.body))).toMatchObject({
      kind: 'card-click',
      from: 'zhangsan',
      taskId: 'click-me',
      eventKey: 'ack',
      responseCode: click.responseCode,
    });
    expect(() => wecom.click('lisi', 'click-me', 'ack')).toThrow(/no card/);
    expect(() => wecom.click('zhangsan', 'click-me', 'nope')).toThrow(/no button/);
  });
});
