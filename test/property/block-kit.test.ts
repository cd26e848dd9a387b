import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/app/ports.js';
import {
  type Audience,
  caseBlocks,
  caseListBlocks,
  classModal,
  complaintModal,
  contactModal,
  digestBlocks,
  extendModal,
  noticeBlocks,
  queuedView,
  reassignModal,
  registeredView,
  reopenModal,
  reportBlocks,
  resolveModal,
  rootCauseModal,
  verdictModal,
} from '../../src/chat/blocks.js';
import type { Translate } from '../../src/chat/i18n.js';
import { translatorOf } from '../../src/chat/readers.js';
import { MENU } from '../../src/config.js';
import { type Case, type Deadline, RESOLUTION_ACTIONS } from '../../src/domain/case.js';
import { formatCaseNumber } from '../../src/domain/case-number.js';
import { ADDRESS_MAX, DEMAND_MAX, INTAKE_CHANNELS, SUMMARY_MAX } from '../../src/domain/complaint.js';
import { maskPhone } from '../../src/domain/phone.js';
import { DEFAULT_CATEGORIES, LOCALES, type Policy } from '../../src/domain/policy.js';
import { REPORT_KINDS } from '../../src/domain/report-period.js';
import type { Statistics } from '../../src/domain/statistics.js';
import { messageViolations, viewViolations } from '../support/block-kit-limits.js';
import { testPolicy } from '../support/harness.js';

// No shrinking: the violations name the path that broke, and shrinking a policy of 100 departments takes minutes.
const RUNS = { numRuns: 100, endOnFailure: true };

/** Characters that matter to Slack's limits: multi-byte, surrogate pairs, and those mrkdwn escapes to entities. */
const UNITS = fc.constantFrom(
  '投',
  '诉',
  '汤',
  '凉',
  'a',
  'Z',
  '7',
  ' ',
  '\n',
  '&',
  '<',
  '>',
  '*',
  '😀',
  '’',
);

/** The longest start within `max` UTF-16 units, as the forms' validation counts them. */
const clip = (text: string, max: number) => {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
};

/** Text of 1 to `max` units, often of exactly `max`, built from a short seed so long texts cost little. */
const text = (max: number) =>
  fc
    .tuple(
      fc.string({ unit: UNITS, minLength: 1, maxLength: 12 }),
      fc.oneof(fc.constant(max), fc.integer({ min: 1, max })),
    )
    .map(([seed, n]) => clip(seed.repeat(Math.ceil(n / seed.length)), n).trim() || '汤');

const user = fc.stringMatching(/^U[A-Z0-9]{8,11}$/);
const caseNumber = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.oneof(fc.constant(99_999), fc.integer({ min: 1, max: 99_999 })))
  .map(([month, serial]) => formatCaseNumber(`2026${String(month).padStart(2, '0')}`, serial));
const date = fc.date({
  min: new Date('2026-01-01T00:00:00Z'),
  max: new Date('2027-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/** A policy up to the limits the configuration allows: 100 departments and categories with the longest names. */
const policy: fc.Arbitrary<Policy> = fc
  .record({
    locale: fc.constantFrom(...LOCALES),
    departments: fc.uniqueArray(
      fc.record({
        id: text(MENU.value),
        name: text(MENU.text),
        owner: user,
        manager: user,
      }),
      { minLength: 1, maxLength: MENU.options, size: 'max', selector: (d) => d.id },
    ),
    categories: fc.uniqueArray(fc.oneof(fc.constantFrom(...DEFAULT_CATEGORIES), text(MENU.text)), {
      minLength: 1,
      maxLength: MENU.options,
      size: 'max',
    }),
  })
  .map((p) => ({ ...testPolicy(), ...p }));

const deadline = (kind: Deadline['kind']): fc.Arbitrary<Deadline> =>
  fc.record(
    {
      kind: fc.constant(kind),
      startAt: date,
      dueAt: date,
      span: fc.nat(),
      version: fc.nat(),
      metAt: date,
      originalDueAt: date,
    },
    { requiredKeys: ['kind', 'startAt', 'dueAt', 'span', 'version'] },
  );

/** Any case Redress could store under the policy: every status, handover, approval, batch, repeat, verdict. */
const aCase = (p: Policy): fc.Arbitrary<Case> =>
  fc
    .record(
      {
        number: caseNumber,
        status: fc.constantFrom('registered', 'accepted', 'resolved', 'closed'),
        customer: fc.record({ name: text(100), phone: fc.stringMatching(/^\+?\d{7,15}$/) }),
        summary: text(SUMMARY_MAX),
        demand: text(DEMAND_MAX),
        address: text(ADDRESS_MAX),
        evidence: fc.array(
          fc.record(
            {
              id: fc.stringMatching(/^F[A-Z0-9]{8,11}$/),
              name: text(255),
              permalink: fc.oneof(
                fc.webUrl({ withQueryParameters: true, withFragments: true }),
                text(300).map((t) => `https://fake.slack.com/files/${t}`),
              ),
            },
            { requiredKeys: ['id', 'name'] },
          ),
          { maxLength: 10 },
        ),
        recurrence: fc.boolean(),
        category: fc.constantFrom(...p.categories),
        class: fc.constantFrom(1, 2, 3),
        channel: fc.constantFrom(...INTAKE_CHANNELS),
        department: fc.constantFrom(...p.departments.map((d) => d.id)),
        compensation: fc.boolean(),
        receiver: user,
        owner: user,
        handoverFrom: fc.option(user),
        item: text(200),
        batch: caseNumber,
        repeat: fc.record({ of: caseNumber, count: fc.integer({ min: 2, max: 999 }) }),
        ladder: fc.array(user, { minLength: 1, maxLength: 4 }),
        level: fc.nat({ max: 3 }),
        deadlines: fc.tuple(
          deadline('acknowledge'),
          fc.option(deadline('callback'), { nil: undefined }),
          deadline('resolve'),
        ),
        resolution: text(SUMMARY_MAX),
        resolutionAction: fc.constantFrom(...RESOLUTION_ACTIONS),
        amount: fc.double({ min: 0, max: 1e9, noNaN: true }),
        pendingApproval: fc.option(
          fc.record({
            amount: fc.double({ min: 0, max: 1e9, noNaN: true }),
            text: text(SUMMARY_MAX),
            by: user,
          }),
        ),
        rootCause: fc.record({
          cause: text(SUMMARY_MAX),
          corrective: text(SUMMARY_MAX),
          preventive: text(SUMMARY_MAX),
          department: fc.constantFrom(...p.departments.map((d) => d.id)),
          person: user,
        }),
        fixVerified: fc.option(fc.record({ by: user, at: date })),
        verdict: fc.record(
          {
            accepted: fc.boolean(),
            satisfaction: fc.integer({ min: 1, max: 5 }),
            comment: text(SUMMARY_MAX),
          },
          { requiredKeys: ['accepted', 'satisfaction'] },
        ),
        rejectedInto: caseNumber,
        rejectionOf: caseNumber,
        createdAt: date,
      },
      {
        requiredKeys: [
          'number',
          'status',
          'customer',
          'summary',
          'category',
          'class',
          'channel',
          'department',
          'compensation',
          'receiver',
          'owner',
          'ladder',
          'level',
          'deadlines',
          'createdAt',
        ],
      },
    )
    .map(
      ({ deadlines, level, ladder, ...c }): Case => ({
        ...c,
        ladder,
        level: Math.min(level, ladder.length - 1),
        deadlines: deadlines.filter((d) => d !== undefined),
        submissionKey: 'V1',
        revision: 1,
        timeline: [],
      }),
    );

const withCases = (max: number) =>
  policy.chain((p) => fc.tuple(fc.constant(p), fc.array(aCase(p), { minLength: 1, maxLength: max })));

const broken = (violations: string[]) => expect(violations).toEqual([]);
const metadata = (number: string) =>
  JSON.stringify({ number, pressedIn: { channel: 'C0123456789', ts: '1764000000.123456' } });

describe('every message and form Redress builds fits Slack’s limits', () => {
  it('the card, for every audience and in every state', () => {
    fc.assert(
      fc.property(
        withCases(1),
        fc.constantFrom<Audience>('public', 'on-case', 'owner-or-manager'),
        ([p, [c]], audience) => {
          if (!c) return;
          const t = translatorOf(p.locale);
          const blocks = caseBlocks(t, c, p, audience);
          broken(messageViolations(blocks, t('card.title', { number: c.number })));
        },
      ),
      RUNS,
    );
  });

  it('a notice of every kind, above the card, a batch of many cases included', () => {
    const notice: fc.Arbitrary<Notice> = fc.oneof(
      fc.record({
        kind: fc.constantFrom('assigned', 'major', 'escalated', 'registered', 'approval_rejected'),
      }),
      fc.record({ kind: fc.constant('approval'), amount: fc.double({ min: 0, max: 1e12, noNaN: true }) }),
      fc.record({
        kind: fc.constantFrom('warned', 'nudged'),
        deadline: fc.constantFrom('acknowledge', 'callback', 'resolve'),
      }),
      fc.record({
        kind: fc.constant('batch'),
        numbers: fc.array(caseNumber, { minLength: 3, maxLength: 1000, size: 'max' }),
        customers: fc.integer({ min: 3, max: 1000 }),
      }),
      fc.record({ kind: fc.constant('outcome'), reader: fc.constantFrom('receiver', 'manager', 'major') }),
    );
    fc.assert(
      fc.property(withCases(1), notice, ([p, [c]], n) => {
        if (!c) return;
        const { text, blocks } = noticeBlocks(translatorOf(p.locale), p, n, c);
        broken(messageViolations(blocks, text));
      }),
      RUNS,
    );
  });

  it('every case form, and the forms that answer a registration', () => {
    const forms = (p: Policy): ((t: Translate, number: string, metadata: string) => unknown)[] => [
      contactModal,
      extendModal,
      rootCauseModal(p),
      verdictModal,
      classModal,
      reassignModal(p),
      reopenModal,
      resolveModal,
    ];
    fc.assert(
      fc.property(policy, caseNumber, text(4000), (p, number, summary) => {
        const t = translatorOf(p.locale);
        for (const form of forms(p)) broken(viewViolations(form(t, number, metadata(number))));
        broken(viewViolations(complaintModal(t, p, summary)));
        broken(viewViolations(registeredView(t, number, p.channel)));
        broken(viewViolations(queuedView(t)));
      }),
      RUNS,
    );
  });

  it('a digest of many cases', () => {
    fc.assert(
      fc.property(withCases(3), fc.integer({ min: 1, max: 800 }), ([p, templates], count) => {
        const t = translatorOf(p.locale);
        const cases = Array.from({ length: count }, (_, i) => ({
          ...(templates[i % templates.length] as Case),
          number: formatCaseNumber('202612', 99_999 - i),
        }));
        const { text, blocks } = digestBlocks(t, cases);
        broken(messageViolations(blocks, text));
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('a list of cases, a page of a search or a manager’s overdue cases', () => {
    fc.assert(
      fc.property(
        withCases(5),
        fc.integer({ min: 0, max: 80 }),
        text(200),
        fc.boolean(),
        ([p, templates], count, find, masked) => {
          const t = translatorOf(p.locale);
          const cases = Array.from({ length: count }, (_, i) => ({
            ...(templates[i % templates.length] as Case),
            number: formatCaseNumber('202612', 99_999 - i),
          }));
          const phoneOf = (c: Case) => (masked ? maskPhone(c.customer.phone, p.country) : c.customer.phone);
          const more = JSON.stringify({ kind: 'find', text: find, page: 99 });
          for (const title of [t('list.mine'), t('list.found', { text: find }), t('report.daily', { count })])
            broken(messageViolations(caseListBlocks(t, title, cases, phoneOf, more), title));
        },
      ),
      { ...RUNS, numRuns: 50 },
    );
  });

  it('a report with large statistics', () => {
    const numbers = (max: number) => fc.array(caseNumber, { maxLength: max, size: 'max' });
    const counts = (keys: string[]) =>
      fc
        .subarray(keys)
        .chain((ks) => fc.tuple(...ks.map((key) => fc.record({ key: fc.constant(key), count: fc.nat() }))));
    const assessmentRows = (keys: string[]) =>
      fc.subarray(keys).chain((ks) =>
        fc.tuple(
          ...ks.map((key) =>
            fc.record({
              key: fc.constant(key),
              cases: fc.nat(),
              missed: fc.nat(),
              satisfaction: fc.option(fc.double({ min: 1, max: 5, noNaN: true })),
              reopened: fc.nat(),
              rejected: fc.nat(),
            }),
          ),
        ),
      );
    fc.assert(
      fc.property(
        policy.chain((p) =>
          fc.tuple(
            fc.constant(p),
            fc.record({
              total: fc.nat(),
              byCategory: counts([...p.categories, 'retired_category']),
              byClass: counts(['1', '2', '3']),
              byDepartment: counts([...p.departments.map((d) => d.id), 'closed_department']),
              deadlines: fc.record({ judged: fc.nat(), met: fc.nat() }),
              acknowledged: fc.record({ judged: fc.nat(), met: fc.nat() }),
              overdue: fc.array(
                fc.record({ number: caseNumber, owner: user, department: fc.constant('x') }),
                {
                  maxLength: 1500,
                  size: 'max',
                },
              ),
              repeats: numbers(1500),
              batches: numbers(1500),
              satisfaction: fc.record({
                average: fc.option(fc.double({ min: 1, max: 5, noNaN: true })),
                count: fc.nat(),
              }),
              assessment: fc.record({
                byResponsible: assessmentRows([...p.departments.map((d) => d.id), 'closed_department']),
                byOwner: assessmentRows([...new Set(p.departments.flatMap((d) => [d.owner, d.manager]))]),
              }),
            }),
          ),
        ),
        fc.constantFrom(...REPORT_KINDS),
        date,
        ([p, stats], kind, from) => {
          const t = translatorOf(p.locale);
          const period = { from, to: new Date(from.getTime() + 31 * 86_400_000) };
          const report = reportBlocks(t, p, kind, period, stats as Statistics);
          broken(messageViolations(report.blocks, report.text));
        },
      ),
      { ...RUNS, numRuns: 50 },
    );
  });
});
