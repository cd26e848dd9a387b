import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatTransport } from '../../../src/app/ports.js';
import type { WecomApi } from '../../../src/chat/wecom/api.js';
import { parseCardKey } from '../../../src/chat/wecom/cards.js';
import { messageOf, refOf } from '../../../src/chat/wecom/message.js';
import { redisMemberPace } from '../../../src/chat/wecom/pace.js';
import { type CardRecords, redisCardRecords, wecomNames } from '../../../src/chat/wecom/records.js';
import { wecomChat } from '../../../src/chat/wecom/wecom-chat.js';
import type { Case } from '../../../src/domain/case.js';
import type { Policy } from '../../../src/domain/policy.js';
import type { Statistics } from '../../../src/domain/statistics.js';
import { aCase, T0 } from '../../support/cases.js';
import type { FakeWecom } from '../../support/fake-wecom.js';
import { testPolicy } from '../../support/harness.js';
import { useWecomTestbed } from '../../support/wecom-testbed.js';

const CHAT = 'wrcomplaints01';
let redis: Redis;
let wecom: FakeWecom;
let prefix: string;
let api: WecomApi;
let records: CardRecords;
let chat: ChatTransport;

/** The test policy with WeCom userids for people. */
const policy: Policy = {
  ...testPolicy(),
  channel: CHAT,
  gm: 'zhaogm',
  csManager: 'qiancs',
  approvalStandIn: 'qiancs',
  departments: [{ id: 'delivery', name: 'Delivery', owner: 'lisi', manager: 'wangmgr' }],
};
const wecomCase = (overrides: Partial<Case> = {}): Case =>
  aCase(
    { receiver: 'zhangsan', owner: 'lisi', ladder: ['lisi', 'wangmgr', 'qiancs', 'zhaogm'], ...overrides },
    policy,
  );
/** The task id of a card a member received. */
const taskOf = (m: { card?: Record<string, unknown> } | undefined) => String(m?.card?.task_id);
const bytes = (text: string | undefined) => Buffer.byteLength(text ?? '', 'utf8');

useWecomTestbed((bed) => {
  ({ wecom, redis, prefix, api } = bed);
});
beforeEach(() => {
  wecom.chat(CHAT);
  wecom.name('lisi', '李四');
  records = redisCardRecords(redis, prefix);
  chat = wecomChat({
    api,
    policy,
    channel: { kind: 'chat', chatId: CHAT },
    pace: redisMemberPace(redis, prefix),
    records,
    names: wecomNames(api, redis, prefix),
    pages: 'https://redress.example.com',
  });
});

describe('the WeCom chat transport', () => {
  it('sends a notice as a button card with the buttons that apply now, the phone in full only to the ladder', async () => {
    const c = wecomCase();
    expect(await chat.notify('lisi', { kind: 'assigned' }, c)).toMatchObject({ kind: 'sent' });
    expect(await chat.notify('zhangsan', { kind: 'registered' }, c)).toMatchObject({ kind: 'sent' });
    const [owner, receiver] = wecom.received;
    const card = owner?.card as Record<string, unknown> & {
      button_list: { key?: string; url?: string; text: string }[];
    };
    expect(card.main_title).toEqual({
      title: `Complaint ${c.number}`,
      desc: `New complaint ${c.number} for you. Please acknowledge it.`,
    });
    expect(card.button_list.map((b) => [b.text, parseCardKey(b.key ?? '') ?? b.url])).toEqual([
      ['Acknowledge', { action: 'acknowledge', number: c.number }],
      ['Log contact', `https://redress.example.com/wecom/forms/contact?case=${c.number}`],
      ['Resolve', `https://redress.example.com/wecom/forms/resolve?case=${c.number}`],
      ['Escalate now', { action: 'escalate', number: c.number, level: 0 }],
      ['More actions', `https://redress.example.com/wecom/forms/case?case=${c.number}`],
    ]);
    expect(JSON.stringify(card)).toContain('13812345678');
    expect(JSON.stringify(card)).toContain('李四');
    expect(JSON.stringify(receiver?.card)).toContain('138****5678');
    expect(JSON.stringify(receiver?.card)).not.toContain('13812345678');
    // Each card has a task id of its own, for good.
    expect(taskOf(receiver)).not.toBe(card.task_id);
    expect(wecom.refused).toEqual([]);
  });

  it('posts the channel card to the complaints chat without the phone in full or the address', async () => {
    const c = wecomCase({ address: '上海市徐汇区漕溪北路 88 号', summary: 'Cold **soup** [x](http://evil)' });
    const posted = await chat.postCard(c);
    expect(posted).toEqual({ kind: 'sent', card: refOf({ kind: 'chat', chat: CHAT }) });
    const [message] = wecom.received;
    expect(message).toMatchObject({ to: CHAT, msgtype: 'markdown' });
    expect(message?.content).toContain(`**Complaint ${c.number}**`);
    // Markdown would read the mask's stars as emphasis: they are shown as look-alikes.
    expect(message?.content).toContain('138＊＊＊＊5678');
    expect(message?.content).not.toContain('13812345678');
    expect(message?.content).not.toContain('漕溪北路');
    // What a person typed marks nothing.
    expect(message?.content).toContain('Cold ＊＊soup＊＊ ［x］(http://evil)');
    // A complaint about a member of staff shows its number, category, department and status only.
    await chat.postCard(wecomCase({ respondent: 'driver1' }));
    expect(wecom.received[1]?.content).not.toContain('Cold');
    expect(wecom.received[1]?.content).toContain('about a member of staff');
  });

  it('updates a clicked card once, with the click’s response code', async () => {
    const c = wecomCase();
    await chat.notify('lisi', { kind: 'assigned' }, c);
    const task = taskOf(wecom.received[0]);
    const click = wecom.click('lisi', task, `acknowledge:${c.number}`);
    await records.rememberResponse(task, click.responseCode);
    const pressed = refOf({ kind: 'card', to: 'lisi', task });
    const acknowledged = { ...c, status: 'accepted' as const, revision: 2 };
    expect(await chat.updateMessage(acknowledged, pressed)).toMatchObject({ kind: 'sent' });
    expect(await chat.updateMessage(acknowledged, pressed)).toEqual({ kind: 'sent' });
    expect(wecom.updates).toHaveLength(1);
    const update = wecom.updates[0];
    expect(update).toMatchObject({ to: ['lisi'], responseCode: click.responseCode });
    expect(JSON.stringify(update?.card)).toContain('Acknowledged, in progress');
    expect(JSON.stringify(update?.card)).not.toContain('acknowledge:');
    expect(chat.conversationOf(pressed)).toBe('lisi');
    expect(messageOf(pressed)).toEqual({ kind: 'card', to: 'lisi', task });
  });

  it('holds back the 31st message to a member within a minute instead of letting WeCom drop it', async () => {
    const c = wecomCase();
    for (let i = 0; i < 30; i++)
      expect(await chat.notify('lisi', { kind: 'assigned' }, c)).toMatchObject({ kind: 'sent' });
    const over = await chat.notify('lisi', { kind: 'assigned' }, c);
    expect(over.kind).toBe('retryAfter');
    expect(wecom.received).toHaveLength(30);
    expect(wecom.dropped).toEqual([]);
  });

  it('fits digests, daily lists and reports into 2048 bytes, cut between lines', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      wecomCase({
        number: `202611-${String(i + 1).padStart(4, '0')}`,
        summary: '汤是冷的，送餐员态度很差'.repeat(20),
      }),
    );
    await chat.digest('wangmgr', many, new Map([['202611-0001', ['acknowledge']]]));
    await chat.overdueList('wangmgr', many);
    const stats: Statistics = {
      total: 60,
      byCategory: [{ key: 'delivery', count: 60 }],
      byClass: [{ key: '1', count: 60 }],
      byDepartment: [{ key: 'delivery', count: 60 }],
      deadlines: { judged: 10, met: 7 },
      acknowledged: { judged: 60, met: 50 },
      overdue: many.map((c) => ({ number: c.number, owner: c.owner, department: c.department })),
      repeats: [],
      batches: [],
      satisfaction: { average: 4.2, count: 5 },
      assessment: {
        byResponsible: [
          { key: 'delivery', cases: 60, missed: 3, satisfaction: 4.2, reopened: 0, rejected: 1 },
        ],
        byOwner: [{ key: 'lisi', cases: 60, missed: 3, satisfaction: null, reopened: 0, rejected: 1 }],
      },
    };
    await chat.report('zhaogm', 'monthly', { from: T0, to: new Date(T0.getTime() + 86_400_000) }, stats);
    const [digest, daily, report] = wecom.received;
    for (const m of [digest, daily, report]) {
      expect(m?.msgtype).toBe('markdown');
      expect(bytes(m?.content)).toBeLessThanOrEqual(2048);
    }
    expect(digest?.content?.split('\n')[0]).toBe(
      '**60 complaints have been escalated to you in the last few minutes.**',
    );
    // Each number links to the case's page, where the manager acts on it.
    expect(digest?.content).toContain(
      '[202611-0001](https://redress.example.com/wecom/forms/case?case=202611-0001) · Acknowledge overdue',
    );
    expect(digest?.content).toMatch(/\nand \d+ more$/);
    expect(daily?.content).toMatch(/\nand \d+ more$/);
    expect(report?.content).toContain('# Monthly complaint summary');
    expect(report?.content).toContain('Deadlines kept as first promised: **70%** (7 of 10)');
    expect(report?.content).toContain('李四: cases 60');
  });

  it('tells the complaints chat of what happened, by name', async () => {
    const c = wecomCase();
    const card = refOf({ kind: 'chat', chat: CHAT });
    await chat.threadEntry(c, card, { at: T0, by: 'lisi', type: 'acknowledged' });
    const missed = { at: T0, by: 'system', type: 'escalated' as const, to: 'wangmgr' };
    await chat.threadEntry(c, card, { ...missed, key: 'resolve.v1.rung1' });
    await chat.threadEntry(c, card, {
      at: T0,
      by: 'lisi',
      type: 'escalated',
      to: 'wangmgr',
      key: 'escalate.l0.rung1',
    });
    // An escalation says why: the deadline missed, or who pressed Escalate now.
    expect(wecom.received.map((m) => [m.to, m.content])).toEqual([
      [CHAT, `**${c.number}** · 李四 acknowledged the case.`],
      [CHAT, `**${c.number}** · Resolve overdue: escalated to Wangmgr.`],
      [CHAT, `**${c.number}** · 李四 escalated the case to Wangmgr.`],
    ]);
    expect(chat.conversationOf(card)).toBe(CHAT);
  });
});
