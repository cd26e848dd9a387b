import type { Queue } from 'bullmq';

export interface SchedulerSettings {
  reconcileEvery: number;
  watchdogEvery: number;
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
  async function ensure(): Promise<void> {
    if (await queue.getJobScheduler('reconcile')) return;
    await queue.upsertJobScheduler('reconcile', { every: settings.reconcileEvery }, { name: 'reconcile' });
    await queue.upsertJobScheduler('watchdog', { every: settings.watchdogEvery }, { name: 'watchdog' });
    await queue.add('reconcile', {}, { jobId: `reconcile.now.${Date.now()}` });
  }
  const run = () => ensure().catch(onError);
  const interval = setInterval(run, settings.reconcileEvery);
  // At start-up, always reconcile once: the process may have died with timers owed.
  void queue.add('reconcile', {}, { jobId: `reconcile.start.${Date.now()}` }).then(run, onError);
  return () => clearInterval(interval);
}
