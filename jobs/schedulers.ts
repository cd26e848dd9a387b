import type { Queue } from 'bullmq';

export interface SchedulerSettings {
  reconcileEvery: number;
  watchdogEvery: number;
  /** Cron patterns of the reports, and the timezone they are read in. */
  reports: { daily: string; weekly: string; monthly: string; halfYear: string; annual: string };
  timezone: string;
}

/**
 * Keeps the repeating jobs in place. Redis can lose them with everything else (a flush, a restart without
 * persistence), so the worker checks every reconcile period and, finding them gone, puts them back and
 * reconciles at once. Returns a function that stops the check.
 */
export function keepSchedulers(
  queue: Queue,
  settings: SchedulerSettings,
  onError: (e: unknown) => void,
): () => void {
  async function putBack(): Promise<void> {
    await queue.upsertJobScheduler('reconcile', { every: settings.reconcileEvery }, { name: 'reconcile' });
    await queue.upsertJobScheduler('watchdog', { every: settings.watchdogEvery }, { name: 'watchdog' });
    for (const kind of ['daily', 'weekly', 'monthly', 'halfYear', 'annual'] as const) {
      const repeat = { pattern: settings.reports[kind], tz: settings.timezone };
      await queue.upsertJobScheduler(`${kind}-report`, repeat, { name: `${kind}-report` });
    }
    // Nightly, at a quiet hour.
    const nightly = { pattern: '30 3 * * *', tz: settings.timezone };
    await queue.upsertJobScheduler('retention', nightly, { name: 'retention' });
  }
  async function ensure(): Promise<void> {
    if (await queue.getJobScheduler('reconcile')) return;
    await putBack();
    await queue.add('reconcile', {}, { jobId: `reconcile.now.${Date.now()}` });
  }
  const run = () => ensure().catch(onError);
  const interval = setInterval(run, settings.reconcileEvery);
  // At start-up, always put the schedulers in place (the policy may have changed) and reconcile once: the
  // process may have died with timers owed.
  void putBack()
    .then(() => queue.add('reconcile', {}, { jobId: `reconcile.start.${Date.now()}` }))
    .catch(onError);
  return () => clearInterval(interval);
}
