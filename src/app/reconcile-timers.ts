import { wasSent } from '../domain/case.js';
import { canPlan, type DeadlineTimer, nextWakeUp, openDeadlines, timerOf } from '../domain/deadlines.js';
import type { Policy } from '../domain/policy.js';
import type { CaseStore, Jobs, Timers } from './ports.js';

export interface ReconcileDeps {
  store: CaseStore;
  timers: Timers;
  jobs: Jobs;
  policy: Policy;
}

export interface Reconciled {
  openCases: number;
  created: number;
  removed: number;
  announced: number;
  /** Cases with a deadline whose steps cannot be planned (a promise beyond any working time, say): left alone. */
  skipped: string[];
}

const WRITE_BATCH = 200;

const idOf = (t: DeadlineTimer) => `${t.number}/${t.kind}/${t.version}`;

/**
 * Makes the timers in Redis match the deadlines in the store: creates what is missing (a deadline already
 * past fires at once, and sends only what it has not sent), removes what no longer applies, and owes a new
 * case its announcement if that was lost too. A case whose deadlines cannot be planned is skipped and named, so
 * that it never keeps the timers of every other case from coming back.
 */
export const reconcileTimers =
  ({ store, timers, jobs, policy }: ReconcileDeps) =>
  async (): Promise<Reconciled> => {
    // Pending timers are read first: a timer created after this read belongs to a case read below.
    const pending = new Map((await timers.pending()).map((t) => [idOf(t), t]));
    const failed = new Set((await timers.failed()).map(idOf));
    const expected = new Set<string>();
    const counts = { openCases: 0, created: 0, removed: 0, announced: 0, skipped: [] as string[] };
    // Writes go out in batches: after Redis lost everything, a hundred thousand timers come back in seconds.
    const writes: Promise<void>[] = [];
    const write = async (work: Promise<void>) => {
      writes.push(work);
      if (writes.length >= WRITE_BATCH) await Promise.all(writes.splice(0));
    };
    for await (const c of store.openCases()) {
      counts.openCases++;
      // The card is queued before the owner is told: a case whose owner was told has its card on the way.
      if (!wasSent(c, 'owner-notified')) {
        await write(jobs.announce(c.number));
        counts.announced++;
      }
      for (const d of openDeadlines(c)) {
        const id = idOf(timerOf(c, d));
        if (!canPlan(d, c.ladder, policy.deadlines)) {
          expected.add(id); // its timer, if it has one, is left as it is
          if (!counts.skipped.includes(c.number)) counts.skipped.push(c.number);
          continue;
        }
        if (nextWakeUp(c, d, policy.deadlines) === null) continue;
        expected.add(id);
        if (pending.has(id)) continue;
        const timer = timerOf(c, d);
        // A timer that failed for good is replaced: the deadline it stands for still runs.
        const replace = failed.has(id) ? timers.cancel(timer) : Promise.resolve();
        await write(replace.then(() => timers.schedule(c, d)));
        counts.created++;
      }
    }
    for (const [id, timer] of pending) {
      if (expected.has(id)) continue;
      await write(timers.cancel(timer));
      counts.removed++;
    }
    await Promise.all(writes);
    return counts;
  };
