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
