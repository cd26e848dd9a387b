import { describe, expect, it } from 'vitest';
import type { WecomApi } from '../../../src/chat/wecom/api.js';
import { createComplaintsChat } from '../../../src/create-wecom-chat.js';
import type { FakeWecom } from '../../support/fake-wecom.js';
import { useWecomTestbed } from '../../support/wecom-testbed.js';

let wecom: FakeWecom;
let api: WecomApi;
useWecomTestbed((bed) => {
  ({ wecom, api } = bed);
});

describe('npm run wecom:chat', () => {
  it('creates the complaints chat with its owner among the members, says what it is for, and prints its chatid', async () => {
    const { ok, said } = await createComplaintsChat(api, ['投诉处理群', 'lisi', 'wangwu', 'zhaoliu', 'lisi']);
    expect(ok).toBe(true);
    const chatId = /^channel: (\w+) /.exec(said)?.[1];
    const [created] = wecom.callsTo('appchat/create');
    expect(created?.body).toEqual({
      name: '投诉处理群',
      owner: 'lisi',
      userlist: ['lisi', 'wangwu', 'zhaoliu'],
    });
    // Members see a new group once something was said in it.
    expect(wecom.received).toEqual([
      expect.objectContaining({
        to: chatId,
        msgtype: 'text',
        content: expect.stringContaining('投诉处理群'),
      }),
    ]);
    expect(wecom.refused).toEqual([]);
  });

  it('says how to call it when a name, an owner or a member is missing, and creates nothing', async () => {
    for (const args of [[], ['投诉处理群'], ['投诉处理群', 'lisi']]) {
      const { ok, said } = await createComplaintsChat(api, args);
      expect([ok, said]).toEqual([false, expect.stringMatching(/^usage: npm run wecom:chat -- <name>/)]);
    }
    expect(wecom.callsTo('appchat/create')).toEqual([]);
  });

  it('says why WeCom refused it, and names the visible range when the app may not create chats', async () => {
    // WeCom wants two members at least: the owner alone is one.
    const alone = await createComplaintsChat(api, ['投诉处理群', 'lisi', 'lisi']);
    expect(alone).toEqual({
      ok: false,
      said: expect.stringContaining('WeCom refused the chat: chat-members'),
    });
    wecom.fail('appchat/create', 60011);
    await expect(createComplaintsChat(api, ['投诉处理群', 'lisi', 'wangwu'])).rejects.toThrow(
      'visible range (可见范围) to be the root department',
    );
  });
});
