import type { Job } from 'bullmq';
import { z } from 'zod';
import type { CaseStore } from '../src/app/ports.js';
import type { ChatTransport } from '../src/chat/slack-chat.js';
import type { Policy } from '../src/domain/policy.js';
import { previousPeriod, type ReportKind } from '../src/domain/report-period.js';

const payload = z.object({ at: z.number().optional() });

/**
 * Processes `weekly-report` and `monthly-report`: the last whole week's or month's statistics to the GM. The
 * job's own time decides the period, so a retry reports the same one.
 */
export const reportJob =
  (
    kind: ReportKind,
    { store, transport, policy }: { store: CaseStore; transport: ChatTransport; policy: Policy },
  ) =>
  async (job: Job) => {
    const now = new Date(payload.parse(job.data).at ?? job.timestamp);
    const period = previousPeriod(kind, now, policy.timezone);
    const stats = await store.statistics(period.from, period.to, now);
    await transport.report(policy.gm, kind, period, stats);
  };

/** A day, the time after which the documents want a manager to look at an unresolved case (超过一天). */
const DAY_MS = 86_400_000;

/** Processes `daily-report`: each department manager gets their cases unresolved for more than a day. */
export const dailyReportJob =
  ({ store, transport, policy }: { store: CaseStore; transport: ChatTransport; policy: Policy }) =>
  async (job: Job) => {
    const now = new Date(payload.parse(job.data).at ?? job.timestamp);
    const managers = [...new Set(policy.departments.map((d) => d.manager))];
    for (const manager of managers) {
      const departments = policy.departments.filter((d) => d.manager === manager).map((d) => d.id);
      const cases = await store.openBefore(new Date(now.getTime() - DAY_MS), departments);
      if (cases.length > 0) await transport.overdueList(manager, cases);
    }
  };
