import type { Case } from '../domain/case.js';
import { timedDeadlines, timerOf } from '../domain/deadlines.js';
import type { Policy } from '../domain/policy.js';
import type { Timers } from './ports.js';

/** After a re-plan: the timers of deadlines that moved stop, and the plan as it is now gets its timers. */
export async function retime(timers: Timers, before: Case, after: Case, policy: Policy): Promise<void> {
  for (const d of before.deadlines) {
    const now = after.deadlines.find((x) => x.kind === d.kind);
    if (!d.metAt && now?.version !== d.version) await timers.cancel(timerOf(before, d));
  }
  for (const d of timedDeadlines(after, policy.deadlines)) await timers.schedule(after, d);
}
