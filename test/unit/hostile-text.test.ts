import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/app/ports.js';
import { caseListBlocks } from '../../src/chat/blocks.js';
import { escapeMrkdwn } from '../../src/chat/mrkdwn.js';
import { translatorOf } from '../../src/chat/readers.js';
import { slackChat } from '../../src/chat/slack-chat.js';
import { refOf } from '../../src/chat/slack-message.js';
import type { Case, TimelineEntry, TimelineType } from '../../src/domain/case.js';
import { LOCALES, type Policy } from '../../src/domain/policy.js';
import { fullCase } from '../support/full-case.js';
import { testPolicy } from '../support/harness.js';

/** What a hostile customer or colleague types to reach everyone, impersonate someone, or phish. */
const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0EVIL>',
  '<#C0EVIL>',
  '<!subteam^S0EVIL>',
  '<https://evil.example|Re-verify your session>',
];
const text = (label: string) => `${label} ${HOSTILE.join(' ')} & more`;

/** Every call's arguments, as sent. */
function recorder() {
  const calls: { method: string; args: unknown }[] = [];
  const record = (method: string) => async (args: unknown) => {
    calls.push({ method, args });
    return { ok: true, channel: 'C0CASES', ts: '1.000001' };
  };
  const client = {
    chat: { postMessage: record('chat.postMessage'), update: record('chat.update') },
  } as unknown as WebClient;
  return { client, calls };
}

const THREAD_TYPES: TimelineType[] = [
  'acknowledged',
  'resolved',
  'escalated',
  'contacted',
  'extended',
  'root-cause',
  'closed',
  'reopened',
  'verdict',
  'class-changed',
  'reassigned',
  'batched',
  'approval-requested',
  'approved',
  'approval-rejected',
  'undelivered',
];

function hostileCase(): Case {
  const full = fullCase();
  return {
    ...full,
    customer: { name: text('name'), phone: full.customer.phone },
    summary: text('summary'),
    item: text('item'),
    category: text('category'),
    resolution: text('resolution'),
    pendingApproval: { amount: 900, text: text('proposal'), by: 'U0OWNER' },
    rootCause: {
      cause: text('cause'),
      corrective: text('corrective'),
      preventive: text('preventive'),
      department: 'delivery',
    },
    verdict: { accepted: false, satisfaction: 1, comment: text('comment') },
    timeline: THREAD_TYPES.map(
      (type): TimelineEntry => ({ at: new Date(), by: 'U0OWNER', type, to: 'U0MANAGER', text: text(type) }),
    ),
  };
}

function hostilePolicy(locale: Policy['locale']): Policy {
  const policy = testPolicy();
  return {
    ...policy,
    locale,
    departments: [{ ...(policy.departments[0] as Policy['departments'][number]), name: text('department') }],
    categories: [text('category')],
  };
}

const NOTICES: Notice[] = [
  { kind: 'assigned' },
  { kind: 'major' },
  { kind: 'escalated' },
  { kind: 'registered' },
  { kind: 'approval_rejected' },
  { kind: 'approval', amount: 900 },
  { kind: 'warned', deadline: 'resolve' },
  { kind: 'nudged', deadline: 'resolve' },
  { kind: 'batch', numbers: ['202611-0001', '202611-0002', '202611-0003'], customers: 3 },
  { kind: 'outcome', reader: 'receiver' },
  { kind: 'outcome', reader: 'manager' },
  { kind: 'outcome', reader: 'major' },
];

describe('what people typed reaches Slack as words, never as mentions or links', () => {
  it.each(LOCALES)('in every kind of message, in %s', async (locale) => {
    const policy = hostilePolicy(locale);
    const { client, calls } = recorder();
    const chat = slackChat(client, policy);
    const c = hostileCase();
    const card = refOf({ channel: 'C0CASES', ts: '1.000001' });
    await chat.postCard(c);
    await chat.updateCard(c, card);
    await chat.updateMessage(c, refOf({ channel: 'D0OWNER', ts: '1.000002' }));
    for (const notice of NOTICES) await chat.notify('U0GM', notice, c);
    await chat.digest('U0GM', [c, { ...c, number: '202611-0002' }]);
    for (const entry of c.timeline) await chat.threadEntry(c, card, entry);
    await chat.overdueList('U0MANAGER', [c]);
    const stats = {
      total: 1,
      deadlines: { met: 0, judged: 1 },
      acknowledged: { met: 1, judged: 1 },
      satisfaction: { average: null, count: 0 },
      byCategory: [{ key: c.category, count: 1 }],
      byClass: [{ key: '2', count: 1 }],
      byDepartment: [{ key: 'delivery', count: 1 }],
      overdue: [{ number: c.number, owner: 'U0OWNER', department: 'delivery' }],
      repeats: [],
      batches: [],
    };
    await chat.report('U0GM', 'weekly', { from: new Date(0), to: new Date() }, stats as never);
    const t = translatorOf(locale);
    const search = t('list.found', { text: escapeMrkdwn(text('search')) });
    calls.push({ method: 'list', args: caseListBlocks(t, search, [c], (x) => x.customer.phone) });

    expect(calls.length).toBeGreaterThan(THREAD_TYPES.length + NOTICES.length);
    const sent = JSON.stringify(calls);
    for (const hostile of HOSTILE) expect(sent).not.toContain(hostile);
    // Each was shown, escaped: `<!channel>` reads `&lt;!channel&gt;`.
    for (const label of ['name', 'summary', 'item', 'resolution', 'cause', 'comment', 'contacted', 'search'])
      expect(sent).toContain(`${label} &lt;!channel&gt;`);
  });
});
