import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { LIMITS } from '../support/block-kit-limits.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, type PostedCase, people, startHarness, testPolicy } from '../support/harness.js';
import { until } from '../support/settle.js';
import { homeButtonPress, homeOpened, validComplaint, viewSubmission } from '../support/slack-requests.js';

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text?: string; action_id?: string; value?: string }[];
  accessory?: { action_id: string; value: string };
}

const blocksOf = (call: SlackCall | undefined) =>
  ((call?.args.view as { blocks?: Block[] })?.blocks ?? []) as Block[];
const textOf = (call: SlackCall | undefined) => JSON.stringify(blocksOf(call));
/** The buttons of a Home: action id and value. */
const buttonsOf = (call: SlackCall | undefined) =>
  blocksOf(call).flatMap((b) => [
    ...(b.accessory ? [`${b.accessory.action_id} ${b.accessory.value}`] : []),
    ...(b.type === 'actions' ? (b.elements ?? []).map((e) => `${e.action_id} ${e.value}`) : []),
  ]);

describe('the App Home', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const publishes = (user: string) =>
    h.slack.calls.filter((c) => c.method === 'views.publish' && c.args.user_id === user);
  /** The person opens their Home tab; returns the view published for them. */
  async function open(user: string): Promise<SlackCall> {
    const before = publishes(user).length;
    expect((await h.postEvent(homeOpened(user))).status).toBe(200);
    await until(() => publishes(user).length > before, `the Home of ${user}`);
    const call = publishes(user).at(-1);
    if (!call) throw new Error('no Home');
    expect(blocksOf(call).length).toBeLessThanOrEqual(LIMITS.viewBlocks);
    return call;
  }
  /** Waits for a Home of the person published after `count` earlier ones that satisfies the check. */
  const republished = (user: string, count: number, check: (call: SlackCall) => boolean) =>
    until(() => publishes(user).slice(count).find(check), `a new Home of ${user}`);

  it('shows each person what they need, in their language; the person complained about never sees the case', async () => {
    // Acknowledging is due in 1.5 s, so both cases are overdue while the test looks.
    h = await startHarness(testPolicy({ acknowledge: 1500 }));
    h.slack.person(people.owner, { locale: 'zh-CN', tz: 'Europe/London' });
    h.slack.person(people.gm, { locale: 'en-US', tz: 'America/New_York' });
    const plain = await h.register(validComplaint);
    // A complaint about the CS manager, who otherwise oversees every case.
    const about = await h.register({ ...validComplaint, class: '2', respondent: people.csManager });
    await until(() => Date.now() > (about.deadlines[0]?.dueAt.getTime() ?? 0) + 100, 'both cases overdue');

    const owner = await open(people.owner);
    expect(textOf(owner)).toContain('等待您处理');
    expect(buttonsOf(owner)).toEqual(
      expect.arrayContaining([`${ids.acknowledge} ${plain.number}`, `${ids.acknowledge} ${about.number}`]),
    );
    // The deadline's fallback text is in the owner's time zone.
    const due = plain.deadlines.find((d) => d.kind === 'acknowledge')?.dueAt ?? new Date();
    const london = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/London',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(due);
    expect(textOf(owner)).toContain(`|${london}>`);
    expect(textOf(owner)).toContain('确认受理已超时');

    const manager = await open(people.manager);
    expect(textOf(manager)).toContain('Your departments: 2 open, 2 overdue now');
    expect(buttonsOf(manager)).toEqual(
      expect.arrayContaining([
        `${ids.show}.${plain.number} ${plain.number}`,
        `${ids.show}.${about.number} ${about.number}`,
      ]),
    );

    const gm = await open(people.gm);
    expect(textOf(gm)).toContain('Overview');
    expect(textOf(gm)).toContain('Overdue now (2)');
    const byClass = blocksOf(gm)
      .find((b) => b.fields)
      ?.fields?.map((f) => f.text);
    expect(byClass).toEqual([
      'Class 1 · first complaint\n*1*',
      'Class 2 · repeat, or threat to go outside\n*1*',
      'Class 3 · media or public\n*0*',
    ]);
    // Acknowledging is the bot's own deadline: the documents' deadlines (callback, resolve) are not due yet.
    expect(textOf(gm)).toContain('This week so far, deadlines kept as first promised: none due');
    // Last week is the company's week, Monday to Sunday in Shanghai, though the GM reads in New York.
    const [, from = '', to = ''] =
      /Last weekly report \((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\): 0 complaints/.exec(textOf(gm)) ??
      [];
    expect(new Date(`${from}T12:00:00+08:00`).getUTCDay()).toBe(1);
    expect(Date.parse(to) - Date.parse(from)).toBe(6 * 86_400_000);

    const csManager = await open(people.csManager);
    expect(textOf(csManager)).toContain(plain.number);
    expect(textOf(csManager)).not.toContain(about.number);
    expect(textOf(csManager)).toContain('Overdue now (1)');
  });

  it('has the card’s buttons: acknowledging there publishes it again, paced through the outbox; Show sends the case', async () => {
    h = await startHarness();
    const c = await h.register(validComplaint);
    const first = await open(people.owner);
    await open(people.manager);
    expect(buttonsOf(first)).toContain(`${ids.acknowledge} ${c.number}`);

    // A new case of theirs publishes it again, with the new case waiting.
    const seen = publishes(people.owner).length;
    const second = await h.register({ ...validComplaint, summary: 'The rice was raw.' });
    const withBoth = await republished(people.owner, seen, (call) => textOf(call).includes(second.number));
    expect(buttonsOf(withBoth)).toContain(`${ids.acknowledge} ${second.number}`);

    // Acknowledging from the Home works as on the card, and the Home follows.
    const before = publishes(people.owner).length;
    const managerBefore = publishes(people.manager).length;
    await h.post(homeButtonPress(people.owner, ids.acknowledge, c.number));
    const after = await republished(
      people.owner,
      before,
      (call) => !buttonsOf(call).includes(`${ids.acknowledge} ${c.number}`),
    );
    expect(buttonsOf(after)).toContain(`${ids.show}.${c.number} ${c.number}`);
    expect((await h.store.get(c.number))?.status).toBe('accepted');
    // The department manager, who opened theirs, sees the case acknowledged too.
    await republished(people.manager, managerBefore, (call) =>
      textOf(call).includes('Acknowledged, in progress'),
    );
    // Nobody who never opened their Home gets one published.
    const readers: unknown[] = [people.owner, people.manager];
    const others = h.slack.calls.filter(
      (call) => call.method === 'views.publish' && !readers.includes(call.args.user_id),
    );
    expect(others).toEqual([]);

    // Show, on the Home, brings the case with its buttons by direct message.
    await h.post(homeButtonPress(people.owner, `${ids.show}.${c.number}`, c.number));
    const [shown] = await h.slack.waitFor(
      (call) =>
        call.method === 'chat.postMessage' &&
        call.args.channel === people.owner &&
        call.args.text === `Complaint ${c.number}`,
    );
    expect(JSON.stringify(shown?.args.blocks)).toContain(ids.resolve);
  });

  it('asks the GM to decide on a compensation there', async () => {
    h = await startHarness();
    const c: PostedCase = await h.register({ ...validComplaint, compensation: true });
    await open(people.gm);
    const before = publishes(people.gm).length;
    await h.post(
      viewSubmission(people.owner, {
        id: 'VHOMEPAY',
        callbackId: ids.resolveView,
        values: {
          action: {
            value: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'compensation' }, value: 'compensation' },
            },
          },
          amount: { value: { type: 'number_input', value: '800' } },
          resolution: { value: { type: 'plain_text_input', value: 'Paid for the dry cleaning.' } },
        },
        metadata: JSON.stringify({ number: c.number }),
      }),
    );
    const asked = await republished(people.gm, before, (call) =>
      buttonsOf(call).includes(`${ids.approve} ${c.number}`),
    );
    expect(textOf(asked)).toContain(`Compensation of 800 in ${c.number} needs your approval.`);
    expect(buttonsOf(asked)).toContain(`${ids.reject} ${c.number}`);
  });
});
