import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { type ButtonCard, fitBytes, WecomApiError } from '../../../src/chat/wecom/api.js';
import type { FakeWecom } from '../../support/fake-wecom.js';
import { useWecomTestbed, type WecomTestbed } from '../../support/wecom-testbed.js';

let redis: Redis;
let wecom: FakeWecom;
let prefix: string;
let client: WecomTestbed['client'];
let serial = 0;

useWecomTestbed((bed) => {
  ({ wecom, redis, prefix, client } = bed);
});
const card = (overrides: Partial<ButtonCard> = {}): ButtonCard => ({
  taskId: `case-202611-0007-${++serial}`,
  title: 'Complaint 202611-0007',
  description: 'Food quality · Kitchen',
  fields: [{ name: 'Due', value: 'today 15:00' }],
  buttons: [
    { text: 'Acknowledge', key: 'ack:202611-0007' },
    { text: 'Escalate now', key: 'escalate:202611-0007', style: 2 },
  ],
  ...overrides,
});

describe('the WeCom API client', () => {
  it('sends a button card as WeCom expects it, and keeps its response code', async () => {
    const sent = await client().sendCard('zhangsan', card({ taskId: 'case-1' }));
    expect(sent).toMatchObject({ kind: 'sent', responseCode: expect.any(String), msgId: expect.any(String) });
    expect(wecom.callsTo('message/send')[0]?.body).toEqual({
      touser: 'zhangsan',
      agentid: wecom.agentId,
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        main_title: { title: 'Complaint 202611-0007', desc: 'Food quality · Kitchen' },
        horizontal_content_list: [{ keyname: 'Due', value: 'today 15:00' }],
        task_id: 'case-1',
        button_list: [
          { text: 'Acknowledge', style: 1, key: 'ack:202611-0007' },
          { text: 'Escalate now', style: 2, key: 'escalate:202611-0007' },
        ],
      },
    });
  });

  it('fetches one token for many callers in several processes, and shares it through Redis', async () => {
    const processes = [client(), client(), client()];
    const sends = processes.flatMap((api, p) =>
      Array.from({ length: 5 }, (_, i) => api.sendText(`member${p}${i}`, 'hello')),
    );
    expect((await Promise.all(sends)).every((d) => d.kind === 'sent')).toBe(true);
    expect(wecom.tokensIssued).toBe(1);
    expect(await client().accessToken()).toBe(await processes[0]?.accessToken());
    expect(await redis.pttl(`${prefix}:wecom:token:${wecom.corpId}:${wecom.agentId}`)).toBeGreaterThan(
      6_800_000,
    );
  });

  it('fetches the token again when WeCom says it expired (42001) or is invalid (40014), once', async () => {
    const api = client();
    await api.sendText('zhangsan', 'first');
    wecom.advance(7_200_000);
    expect(await api.sendText('zhangsan', 'after two hours')).toMatchObject({ kind: 'sent' });
    expect(wecom.tokensIssued).toBe(2);
    expect(wecom.refused.map((r) => r.errcode)).toEqual([42001]);

    await redis.set(`${prefix}:wecom:token:${wecom.corpId}:${wecom.agentId}`, 'left-by-an-old-secret');
    expect(await api.sendText('zhangsan', 'with a bad token')).toMatchObject({ kind: 'sent' });
    expect(wecom.tokensIssued).toBe(3);
    expect(wecom.received.map((m) => m.content)).toEqual(['first', 'after two hours', 'with a bad token']);
  });

  it('maps WeCom’s refusals to outcomes: a retry for limits and busy moments, a refusal for a recipient', async () => {
    const api = client();
    wecom.fail('message/send', 45009);
    expect(await api.sendText('zhangsan', 'x')).toEqual({ kind: 'retryAfter', ms: 60_000 });
    wecom.fail('message/send', -1);
    expect(await api.sendText('zhangsan', 'x')).toEqual({ kind: 'retryAfter', ms: 1_000 });
    wecom.forget('gone');
    expect(await api.sendText('gone', 'x')).toEqual({ kind: 'refused', reason: 'unknown-user' });
    expect(await api.sendCard('zhangsan', card({ buttons: [] }))).toEqual({
      kind: 'refused',
      reason: 'errcode 40058: button_list is required',
    });
  });

  it('throws what no message can get past: wrong credentials, an untrusted IP', async () => {
    await expect(client({ secret: 'wrong' }).sendText('zhangsan', 'x')).rejects.toMatchObject({
      code: 'configuration',
      errcode: 40001,
    });
    wecom.fail('message/send', 60020);
    await expect(client().sendText('zhangsan', 'x')).rejects.toThrow(/trusted IPs/);
    await expect(client().sendText('zhangsan', 'x')).resolves.toMatchObject({ kind: 'sent' });
    expect(new WecomApiError('configuration', 'x')).toBeInstanceOf(Error);
  });

  it('asks for a retry when WeCom cannot be reached', async () => {
    const api = client({ apiUrl: 'http://127.0.0.1:9/cgi-bin/', timeoutMs: 2_000 });
    expect(await api.sendText('zhangsan', 'x')).toEqual({ kind: 'retryAfter', ms: 5_000 });
  });

  it('cuts text and markdown itself, on a character, so WeCom never cuts one in half', async () => {
    const api = client();
    await api.sendText('zhangsan', '中'.repeat(700));
    await api.sendMarkdown('zhangsan', `**${'文'.repeat(700)}**`);
    for (const message of wecom.received) {
      expect(Buffer.byteLength(message.content ?? '')).toBeLessThanOrEqual(2048);
      expect(message.content).toMatch(/…$/);
      expect(message.content).not.toContain('\uFFFD');
    }
    expect(fitBytes('short')).toBe('short');
    expect(fitBytes('abcdef', 5)).toBe('ab…');
  });

  it('updates a card once per response code: the one of the send, then the one of each click', async () => {
    const api = client();
    const sent = await api.sendCard('zhangsan', card({ taskId: 'case-update' }));
    const code = sent.kind === 'sent' ? String(sent.responseCode) : '';
    expect(await api.updateCard('zhangsan', code, { replaceName: 'Acknowledged' })).toMatchObject({
      kind: 'sent',
    });
    expect(await api.updateCard('zhangsan', code, { replaceName: 'Again' })).toEqual({
      kind: 'refused',
      reason: 'errcode 40058: response_code has been used',
    });
    const click = wecom.click('zhangsan', 'case-update', 'ack:202611-0007');
    expect(
      await api.updateCard('zhangsan', click.responseCode, { card: card({ taskId: 'case-update' }) }),
    ).toMatchObject({ kind: 'sent' });
    expect(wecom.updates.map((u) => u.replaceName ?? 'new card')).toEqual(['Acknowledged', 'new card']);
  });

  it('tells who signed in from a single-use OAuth code, and names members', async () => {
    const api = client();
    const code = wecom.oauthCode('lisi');
    expect(await api.userFromCode(code)).toEqual({ kind: 'user', userId: 'lisi' });
    expect(await api.userFromCode(code)).toEqual({ kind: 'refused', reason: 'invalid-code' });
    wecom.name('lisi', '李四');
    expect(await api.userName('lisi')).toEqual({ kind: 'user', name: '李四' });
    wecom.forget('gone');
    expect(await api.userName('gone')).toEqual({ kind: 'refused', reason: 'unknown-user' });
  });

  it('posts to the complaints group chat', async () => {
    const api = client();
    expect(await api.sendToChat('complaints', { text: 'x' })).toEqual({
      kind: 'refused',
      reason: 'unknown-chat',
    });
    wecom.chat('complaints');
    expect(await api.sendToChat('complaints', { markdown: '**202611-0007** registered' })).toMatchObject({
      kind: 'sent',
    });
    expect(wecom.received.at(-1)).toMatchObject({ to: 'complaints', msgtype: 'markdown' });
  });
});
