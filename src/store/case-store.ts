import { setTimeout as sleep } from 'node:timers/promises';
import type { CaseStore } from '../app/ports.js';
import type { Case, CaseDraft } from '../domain/case.js';
import { formatCaseNumber } from '../domain/case-number.js';
import type { AssessmentRow, Statistics } from '../domain/statistics.js';
import type { Collections } from './collections.js';
import * as q from './queries.js';

/** More cases than any month of any company's register holds. */
const MONTH_LIMIT = 1_000_000;

/** What the statistics pipeline answers, one document of facets. */
interface Facets {
  total: { count: number }[];
  byCategory: { _id: unknown; count: number }[];
  byClass: { _id: unknown; count: number }[];
  byDepartment: { _id: unknown; count: number }[];
  deadlines: { judged: number; met: number }[];
  acknowledged: { judged: number; met: number }[];
  overdue: Statistics['overdue'];
  repeats: { number: string }[];
  batches: { number: string }[];
  satisfaction: { average: number; count: number }[];
  byResponsible: AssessmentFacet;
  byOwner: AssessmentFacet;
}

/** What an assessment facet answers: one document per department or owner. */
type AssessmentFacet = {
  _id: unknown;
  cases: number;
  missed: number;
  satisfaction: number | null;
  reopened: number;
  rejected: number;
}[];

/** Rows of an assessment, the average satisfaction to one decimal. */
const assessmentRows = (facet: AssessmentFacet): AssessmentRow[] =>
  facet.map((r) => ({
    key: String(r._id),
    cases: r.cases,
    missed: r.missed,
    satisfaction: typeof r.satisfaction === 'number' ? Math.round(r.satisfaction * 10) / 10 : null,
    reopened: r.reopened,
    rejected: r.rejected,
  }));

/** A submission redelivered while its first delivery is still numbering waits this long for the number. */
const WAIT_FOR_NUMBER_MS = 2000;

/** The case store over any engine that runs the queries of `queries.ts`. */
export function caseStore(db: Collections): CaseStore {
  async function numbered(submissionKey: string, month: string): Promise<Case> {
    const waitUntil = Date.now() + WAIT_FOR_NUMBER_MS;
    for (;;) {
      const stored = await db.findCase(q.caseBySubmission(submissionKey));
      if (!stored) throw new Error(`case of submission ${submissionKey} vanished`);
      if (stored.number) return stored;
      // The first delivery died between insert and numbering: number it here.
      if (Date.now() > waitUntil) await assignNumber(submissionKey, month);
      else await sleep(50);
    }
  }

  async function assignNumber(submissionKey: string, month: string): Promise<void> {
    const counter = q.nextSerial(month);
    const serial = await db.incrementCounter(counter.filter, counter.update);
    const write = q.assignNumber(submissionKey, formatCaseNumber(month, serial));
    await db.updateCase(write.filter, write.update);
  }

  return {
    async create(draft: CaseDraft, month: string) {
      const existing = await db.findCase(q.caseBySubmission(draft.submissionKey));
      if (existing) return { case: await numbered(draft.submissionKey, month), created: false };
      const insert = q.insertCase(draft);
      const { matched } = await db.updateCase(insert.filter, insert.update, { upsert: true });
      // Inserting first and numbering second keeps the serial free of gaps when a submission comes twice.
      if (!matched) await assignNumber(draft.submissionKey, month);
      return { case: await numbered(draft.submissionKey, month), created: !matched };
    },

    get: (number) => db.findCase(q.caseByNumber(number)),

    openCases: () => db.findCases(q.openCases()),

    async latestOfCustomer(phone, since) {
      const { filter, sort } = q.latestOfCustomer(phone, since);
      return (await db.findPage(filter, sort, 0, 1))[0] ?? null;
    },

    async sameProblem(category, item, since) {
      const { filter, sort } = q.sameProblem(category, item, since);
      return db.findPage(filter, sort, 0, MONTH_LIMIT);
    },

    async linkRejection(rejected, follower) {
      for (const write of q.linkRejection(rejected, follower))
        await db.updateCase(write.filter, write.update);
    },

    async linkRepeat(earlier, later) {
      const write = q.linkRepeat(earlier, later);
      await db.updateCase(write.filter, write.update);
    },

    async statistics(from, to, now, reader) {
      const [facets] = (await db.aggregateCases(q.statistics(from, to, now, reader))) as unknown as Facets[];
      if (!facets) throw new Error('the statistics pipeline answered nothing');
      const counts = (rows: { _id: unknown; count: number }[]) =>
        rows.map((r) => ({ key: String(r._id), count: r.count }));
      return {
        total: facets.total[0]?.count ?? 0,
        byCategory: counts(facets.byCategory),
        byClass: counts(facets.byClass),
        byDepartment: counts(facets.byDepartment),
        deadlines: { judged: facets.deadlines[0]?.judged ?? 0, met: facets.deadlines[0]?.met ?? 0 },
        acknowledged: {
          judged: facets.acknowledged[0]?.judged ?? 0,
          met: facets.acknowledged[0]?.met ?? 0,
        },
        overdue: facets.overdue,
        repeats: facets.repeats.map((r) => r.number),
        batches: facets.batches.map((r) => r.number),
        satisfaction: {
          average: facets.satisfaction[0] ? Math.round(facets.satisfaction[0].average * 10) / 10 : null,
          count: facets.satisfaction[0]?.count ?? 0,
        },
        assessment: {
          byResponsible: assessmentRows(facets.byResponsible),
          byOwner: assessmentRows(facets.byOwner),
        },
      };
    },

    async assessment(month, now, reader) {
      const [facets] = (await db.aggregateCases(q.assessmentOfMonth(month, now, reader))) as unknown as Pick<
        Facets,
        'byResponsible' | 'byOwner'
      >[];
      return {
        byResponsible: assessmentRows(facets?.byResponsible ?? []),
        byOwner: assessmentRows(facets?.byOwner ?? []),
      };
    },

    async openBefore(before, reader) {
      const { filter, sort } = q.openSince(before, reader);
      return db.findPage(filter, sort, 0, MONTH_LIMIT);
    },

    async anonymiseClosedBefore(closedBefore, now) {
      let count = 0;
      for await (const c of db.findCases(q.dueForAnonymising(closedBefore))) {
        const write = q.anonymise(String(c.number), now);
        if ((await db.updateCase(write.filter, write.update)).matched) count++;
      }
      return count;
    },

    async casesOfMonth(month, reader) {
      const { filter, sort } = q.casesOfMonth(month, reader);
      return db.findPage(filter, sort, 0, MONTH_LIMIT);
    },

    async search(search, page, pageSize) {
      const { filter, sort } = q.searchCases(search);
      // One more than a page, to know whether another page follows.
      const found = await db.findPage(filter, sort, page * pageSize, pageSize + 1);
      return { cases: found.slice(0, pageSize), more: found.length > pageSize };
    },

    async save(prev, next) {
      const write = q.saveTransition(prev, next);
      return (await db.updateCase(write.filter, write.update)).matched;
    },

    async recordOnce(number, entry, level) {
      const write = q.recordOnce(number, entry, level);
      return (await db.updateCase(write.filter, write.update)).matched;
    },

    close: () => db.close(),
  };
}
