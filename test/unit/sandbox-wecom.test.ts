import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WECOM_USERID, wecomIds } from '../../src/chat/wecom/ids.js';
import { loadSandboxEnv } from '../../src/config.js';
import { sandboxPolicy } from '../../src/sandbox/start-sandbox.js';
import { type FakeWecom, startFakeWecom } from '../../src/sandbox/wecom/wecom-api.js';
import { COMPLAINTS_CHAT, wecomPeople, wecomPolicy } from '../../src/sandbox/wecom/wecom-people.js';

describe('the WeCom sandbox’s company', () => {
  const policy = wecomPolicy(sandboxPolicy(loadSandboxEnv({ SANDBOX_LOCALE: 'en' })));

  it('names everyone of the example policy by a WeCom userid, and the channel by a group chat’s chatid', () => {
    const named = [
      policy.gm,
      policy.csManager,
      policy.approvalStandIn,
      ...policy.departments.flatMap((d) => [d.owner, d.manager]),
    ];
    expect(named.filter((id) => !WECOM_USERID.test(id))).toEqual([]);
    expect(wecomIds.channel.parse(policy.channel)).toBe(COMPLAINTS_CHAT);
    expect(policy.departments.find((d) => d.id === 'delivery')).toMatchObject({
      owner: 'lisi',
      manager: 'wangwu',
    });
  });

  it('lists the receiver first, then each member once with all their roles and a name', () => {
    const people = wecomPeople(policy);
    expect(people[0]).toEqual({ id: 'zhangsan', name: 'Zhang San', roles: [{ kind: 'staff' }] });
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(people.find((p) => p.id === 'zhaoliu')?.roles.map((r) => r.kind)).toEqual([
      'manager',
      'csManager',
    ]);
    expect(people.every((p) => p.name !== p.id)).toBe(true);
  });
});

describe('the WeCom stand-in as the sandbox runs it', () => {
  let wecom: FakeWecom;
  let token = '';
  const post = async (method: string, body: Record<string, unknown>) =>
    (await (
      await fetch(`${wecom.url}${method}?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  const card = (keys: string[]) => ({
    card_type: 'button_interaction',
    main_title: { title: 'Complaint 202611-0001' },
    task_id: 'case-202611-0001',
    button_list: keys.map((key) => ({ text: key, key })),
  });

  beforeAll(async () => {
    wecom = await startFakeWecom({ followTime: true });
    const answer = await fetch(`${wecom.url}gettoken?corpid=${wecom.corpId}&corpsecret=${wecom.secret}`);
    token = String(((await answer.json()) as Record<string, unknown>).access_token);
  });
  afterAll(() => wecom.close());

  it('keeps the time of day, as the app wants a callback no older than an hour', () => {
    expect(Math.abs(wecom.now() - Date.now())).toBeLessThan(1000);
  });

  it('lets a member press the buttons an updated card brought, and no longer those it took away', async () => {
    await post('message/send', {
      touser: 'lisi',
      agentid: wecom.agentId,
      msgtype: 'template_card',
      template_card: card(['ack']),
    });
    const click = wecom.click('lisi', 'case-202611-0001', 'ack');
    const update = { userids: ['lisi'], agentid: wecom.agentId, response_code: click.responseCode };
    expect(
      await post('message/update_template_card', { ...update, template_card: card(['escalate']) }),
    ).toMatchObject({
      errcode: 0,
    });
    expect(wecom.click('lisi', 'case-202611-0001', 'escalate').eventKey).toBe('escalate');
    expect(() => wecom.click('lisi', 'case-202611-0001', 'ack')).toThrow(/no button/);
  });
});
