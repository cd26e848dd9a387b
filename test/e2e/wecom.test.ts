import { afterEach, describe, expect, it } from 'vitest';
import { buildXml } from '../../src/chat/wecom/xml.js';
import type { Received } from '../support/fake-wecom.js';
import { settled, until } from '../support/settle.js';
import { buttonsOf } from '../support/wecom-buttons.js';
import { people, startWecom, type WecomHarness } from '../support/wecom-harness.js';

/** What a card says happened, and what its buttons do. */
const cardOf = (m: Received | undefined) => ({
  said: String((m?.card?.main_title as { desc?: string } | undefined)?.desc),
  actions: buttonsOf(m?.card),
  task: String(m?.card?.task_id),
});

describe('Redress on WeCom', () => {
  let h: WecomHarness;
  afterEach(async () => {
    await h.close();
    // A refusal WeCom would make of a call (a bad card, a used code) fails the test.
    expect(h.wecom.refused).toEqual([]);
  });

  it('registers from the form page, cards the owner, and warns, nudges and climbs to the GM once each', async () => {
    // Acknowledge within 2 s: warned at 1 s, nudged at 2 s, then manager, CS manager, GM one second apart.
    h = await startWecom({ deadlines: { acknowledge: 2000, warnAt: 0.5, grace: 1000 } });
    const number = await h.register();
    await until(() => h.cardsTo(people.gm).length > 0, 'the GM’s card', 15_000);
    await settled(h.config);
    const said = (user: string) =>
      h.cardsTo(user).map((m) => cardOf(m).said.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/, 'DATE'));
    expect(said(people.owner)).toEqual([
      `New complaint ${number} for you. Please acknowledge it.`,
      `Reminder: Acknowledge for ${number} is due DATE.`,
      `Acknowledge for ${number} is due now.`,
    ]);
    for (const manager of [people.manager, people.csManager, people.gm])
      expect(said(manager)).toEqual([`Complaint ${number} has been escalated to you.`]);
    expect(h.wecom.dropped).toEqual([]);
    // The owner's card carries the buttons that apply: acknowledge, the forms as pages, escalate now.
    expect(cardOf(h.cardsTo(people.owner)[0]).actions).toEqual([
      'acknowledge',
      'page:contact',
      'page:resolve',
      'escalate',
      'page:case',
    ]);
    const stored = await h.store.get(number);
    expect(stored).toMatchObject({ receiver: people.receiver, owner: people.owner, level: 3 });
    // The complaints chat has the case (the phone masked) and hears of each rung.
    const chat = h.channelSaid();
    expect(chat[0]).toContain(`**Complaint ${number}**`);
    expect(chat[0]).toContain('138＊＊＊＊5678');
    expect(chat[0]).not.toContain('13812345678');
    expect(chat.filter((line) => line.includes('escalated to'))).toEqual([
      `**${number}** · Acknowledge overdue: escalated to Wangwu.`,
      `**${number}** · Acknowledge overdue: escalated to Zhaoliu.`,
      `**${number}** · Acknowledge overdue: escalated to Sunqi.`,
    ]);
  });

  it('counts what WeCom refused in /metrics, and sends the message again once WeCom takes it', async () => {
    h = await startWecom({ deadlines: { acknowledge: 60_000 } });
    // WeCom is busy (-1) for the first message it is sent.
    h.wecom.fail('message/send', -1);
    const number = await h.register();
    const card = await until(() => h.cardsTo(people.owner)[0], 'the owner’s card, sent again');
    expect(cardOf(card).said).toBe(`New complaint ${number} for you. Please acknowledge it.`);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('redress_wecom_api_errors_total{path="message/send",error="-1"} 1');
    // The refusal asked for, and no other.
    expect(h.wecom.refused.splice(0)).toEqual([
      expect.objectContaining({ method: 'message/send', errcode: -1 }),
    ]);
  });

  it('acknowledges by a click, updates the clicked card with its response code, and shrugs off forgeries, replays and strangers', async () => {
    h = await startWecom({ deadlines: { acknowledge: 60_000 } });
    const number = await h.register();
    const assigned = await until(() => h.cardsTo(people.owner)[0], 'the owner’s card');
    const click = h.wecom.click(people.owner, cardOf(assigned).task, `acknowledge:${number}`);
    const request = h.wecom.callback(click.xml);

    // Not signed with the app's Token: refused, and nothing changes.
    const forged = request.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'f'.repeat(40)}`);
    expect((await h.callback({ ...request, query: forged })).status).toBe(401);

    const answer = await h.callback(request);
    expect([answer.status, await answer.text()]).toEqual([200, 'success']);
    await until(async () => (await h.store.get(number))?.status === 'accepted', 'the case acknowledged');
    const [update] = await until(
      () => (h.wecom.updates.length > 0 ? h.wecom.updates : null),
      'the card updated',
    );
    expect(update).toMatchObject({ to: [people.owner], responseCode: click.responseCode });
    expect(JSON.stringify(update?.card)).toContain('Acknowledged, in progress');
    expect(cardOf({ card: update?.card } as Received).actions).toEqual([
      'page:contact',
      'page:resolve',
      'escalate',
      'page:case',
    ]);
    await until(
      () => h.channelSaid().includes(`**${number}** · 李四 acknowledged the case.`),
      'the chat told',
    );

    // WeCom's retry, or a replay of what it posted: answered, and acted on no more.
    expect((await h.callback(request)).status).toBe(200);

    // Someone not on the case clicks Escalate now: refused, told privately, the case stays where it is.
    const strangerClick = buildXml({
      ToUserName: h.wecom.corpId,
      FromUserName: people.stranger,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: `escalate:${number}/0`,
      TaskId: 'a-card-of-their-own',
      CardType: 'button_interaction',
      ResponseCode: 'rc-stranger',
      AgentID: h.wecom.agentId,
    });
    expect((await h.callback(h.wecom.callback(strangerClick))).status).toBe(200);
    const told = await until(
      () => h.wecom.received.find((m) => m.to === people.stranger),
      'the stranger told why not',
    );
    expect(told).toMatchObject({
      msgtype: 'text',
      content: 'Only the owner and the managers of this case can escalate it.',
    });
    await settled(h.config);
    const stored = await h.store.get(number);
    expect(stored?.level).toBe(0);
    expect(stored?.timeline.filter((e) => e.type === 'acknowledged')).toHaveLength(1);
    expect(h.wecom.updates).toHaveLength(1);
    // Nobody but the stranger was told anything privately: the replay made no "already acknowledged".
    expect(h.wecom.received.filter((m) => m.msgtype === 'text').map((m) => m.to)).toEqual([people.stranger]);
  });
});

describe('the forms of a case on WeCom', () => {
  let h: WecomHarness;
  afterEach(async () => {
    await h.close();
    expect(h.wecom.refused).toEqual([]);
  });

  /** The URL of a card's button that opens a form, as WeCom opens it. */
  const link = (m: Received | undefined, text: string) =>
    String(
      (m?.card?.button_list as { text: string; url?: string }[] | undefined)?.find((b) => b.text === text)
        ?.url,
    );
  /** The card a member received last that carries a button doing this. */
  const lastCardWith = (user: string, action: string) =>
    until(() => h.cardsTo(user).findLast((m) => buttonsOf(m.card).includes(action)), `${user}’s ${action}`);
  const click = async (user: string, action: string) => {
    const card = await lastCardWith(user, action);
    const buttons = (card.card?.button_list ?? []) as { key?: string }[];
    const key = buttons.find((b) => b.key?.startsWith(action))?.key;
    expect((await h.click(user, card, String(key))).status).toBe(200);
  };
  /** Presses a button of the case's page, opened from the link of the case's card in the complaints chat. */
  const press = async (user: string, number: string, label: string) => {
    const posted = h.channelSaid().find((line) => line.includes(`**Complaint ${number}**`));
    const page = await h.open(user, String(/\]\((https:[^)]+)\)/.exec(String(posted))?.[1]));
    expect(page.status).toBe(200);
    const value = new RegExp(`name="do" value="([^"]+)">${label}<`).exec(page.html)?.[1];
    if (!value) throw new Error(`the page has no ${label} for ${user}: ${page.html}`);
    return h.send(page, { do: value });
  };
  const stored = async (number: string) => {
    const c = await h.store.get(number);
    if (!c) throw new Error(`no case ${number}`);
    return c;
  };

  it('takes a case from registration to closed through cards and pages, each form checked as on Slack', async () => {
    h = await startWecom({ deadlines: { acknowledge: 60_000 } });
    const number = await h.register();
    await click(people.owner, 'acknowledge');
    await until(async () => (await stored(number)).status === 'accepted', 'acknowledged');

    // Log contact opens from the owner's card as a page, signed in; a contact is proposed as made now.
    const contact = await h.open(people.owner, link(h.cardsTo(people.owner)[0], 'Log contact'));
    expect(contact.status).toBe(200);
    expect(contact.html).toContain('<h1>Customer contact</h1>');
    expect(contact.html).toContain(`Complaint ${number} · 汤送到时是冷的`);
    expect(contact.html).toMatch(/name="at" value="\d{4}-\d\d-\d\dT\d\d:\d\d"/);
    // A field left empty comes back with its error, and what was typed stays.
    const incomplete = await h.send(contact, {
      at: '2026-01-01T09:00',
      how: 'phone',
      what: '已致电，客户<不满意>',
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.html).toMatch(/id="at-error">/);
    expect(incomplete.html).toContain('已致电，客户&lt;不满意&gt;</textarea>');
    expect(incomplete.html).toContain('<option value="phone" selected>');
    const at = /name="at" value="([^"]+)"/.exec(contact.html)?.[1] ?? '';
    const saved = await h.send(contact, { at, how: 'phone', what: '已致电道歉' });
    expect([saved.status, saved.html]).toEqual([200, expect.stringContaining(`Saved. Complaint ${number}:`)]);
    // Sent again (a double tap, a reload): the contact is logged once.
    expect((await h.send(contact, { at, how: 'phone', what: '已致电道歉' })).html).toContain(
      'This form was sent already.',
    );

    // Someone not on the case: the form does not open for them.
    const stranger = await h.open(people.stranger, `/wecom/forms/resolve?case=${number}`);
    expect(stranger.status).toBe(409);
    expect(stranger.html).toContain('Only the owner of this case or a manager on its ladder can do this.');
    expect(stranger.html).not.toContain('Back to the case');
    expect(stranger.html).not.toContain('name="resolution"');
    const peek = await h.open(people.stranger, `/wecom/forms/case?case=${number}`);
    expect([peek.status, peek.html]).toEqual([403, expect.not.stringContaining('汤送到时是冷的')]);

    // More actions lists the forms the owner may fill in now; the root cause names a person by their account.
    const more = await h.open(people.owner, link(h.cardsTo(people.owner)[0], 'More actions'));
    const offered = [...more.html.matchAll(/href="\/wecom\/forms\/(\w+)\?/g)].map((m) => m[1]);
    expect(offered).toEqual(['resolve', 'contact', 'extend', 'rootCause', 'changeClass', 'reassign']);
    const rootCause = await h.open(people.owner, `/wecom/forms/rootCause?case=${number}`);
    const cause = {
      cause: '保温箱损坏',
      corrective: '更换保温箱',
      preventive: '每日检查',
      department: 'delivery',
    };
    const badPerson = await h.send(rootCause, { ...cause, person: '李四 <lisi>' });
    expect(badPerson.html).toMatch(/id="person-error">This is not a WeCom account/);
    expect((await h.send(rootCause, { ...cause, person: people.owner })).status).toBe(200);

    const resolve = await h.open(people.owner, `/wecom/forms/resolve?case=${number}`);
    expect(resolve.html).toContain('<option value="explanation" selected>');
    const resolved = await h.send(resolve, { action: 'refund', amount: '30', resolution: '退款 30 元' });
    expect(resolved.html).toContain(`Saved. Complaint ${number}: Resolved.`);

    // The customer's verdict at the callback (回访), on its form.
    const verdict = await h.open(people.owner, `/wecom/forms/verdict?case=${number}`);
    expect((await h.send(verdict, { verdict: 'accepted', satisfaction: '5', comment: '满意' })).status).toBe(
      200,
    );

    // A manager verifies the fix and closes the case on its page, which the complaints chat links to.
    const verified = await press(people.manager, number, 'Fix verified');
    expect(verified.html).toContain(`Saved. Complaint ${number}: Resolved.`);
    expect((await stored(number)).fixVerified).toMatchObject({ by: people.manager });
    expect((await press(people.manager, number, 'Close')).html).toContain(
      `Saved. Complaint ${number}: Closed.`,
    );

    const c = await stored(number);
    expect(c.timeline.filter((e) => e.type === 'contacted')).toHaveLength(1);
    expect(c).toMatchObject({
      resolution: '退款 30 元',
      resolutionAction: 'refund',
      amount: 30,
      rootCause: { ...cause, person: people.owner },
      verdict: { accepted: true, satisfaction: 5, comment: '满意' },
    });
    // The complaints chat heard of each step.
    await settled(h.config);
    const chat = h.channelSaid();
    expect(chat.slice(1)).toEqual(
      [
        '李四 acknowledged the case.',
        '李四 contacted the customer (phone: 已致电道歉).',
        '李四 recorded the root cause: 保温箱损坏',
        '李四 resolved the case: 退款 30 元',
        'Customer verdict recorded by 李四. 满意',
        'Wangwu verified that the fix works.',
        'Wangwu closed the case.',
      ].map((line) => `**${number}** · ${line}`),
    );
  });

  it('sends a compensation over the threshold to the GM, and on a complaint about the GM to their stand-in', async () => {
    h = await startWecom({ deadlines: { acknowledge: 60_000 } });
    const resolveFor = async (number: string) => {
      const resolve = await h.open(people.owner, `/wecom/forms/resolve?case=${number}`);
      return h.send(resolve, { action: 'compensation', amount: '900', resolution: '赔偿 900 元' });
    };
    const offered = async (user: string, number: string) => {
      const page = await h.open(user, `/wecom/forms/case?case=${number}`);
      return [page.status, [...page.html.matchAll(/name="do" value="[^"]+">([^<]+)</g)].map((m) => m[1])];
    };

    const number = await h.register();
    expect((await resolveFor(number)).html).toContain('Waiting for the general manager');
    expect(await offered(people.gm, number)).toEqual([200, expect.arrayContaining(['Approve', 'Reject'])]);
    expect((await press(people.gm, number, 'Approve')).html).toContain(
      `Saved. Complaint ${number}: Resolved.`,
    );
    expect(await stored(number)).toMatchObject({ status: 'resolved', amount: 900, pendingApproval: null });

    // The GM is who the customer complains about: they see nothing of it, and the stand-in decides.
    const aboutGm = await h.register({ respondent: people.gm });
    expect((await resolveFor(aboutGm)).html).toContain('Waiting for the general manager');
    expect(await offered(people.gm, aboutGm)).toEqual([403, []]);
    expect(await offered(people.csManager, aboutGm)).toEqual([
      200,
      expect.arrayContaining(['Approve', 'Reject']),
    ]);
    expect((await press(people.csManager, aboutGm, 'Reject')).status).toBe(200);
    expect((await stored(aboutGm)).pendingApproval).toBeNull();
  });
});
