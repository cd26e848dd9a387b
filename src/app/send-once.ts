import type { Case, TimelineEntry } from '../domain/case.js';
import { wasSent } from '../domain/case.js';
import type { CaseStore } from './ports.js';

/**
 * Sends a message unless the case's timeline shows it was sent, then records it under its key. The message is
 * queued under the same key, so a crash between the two queues nothing twice when it is tried again.
 */
export async function sendOnce(
  store: CaseStore,
  c: Case,
  entry: TimelineEntry & { key: string },
  send: (key: string) => Promise<void>,
  level?: number,
): Promise<void> {
  if (wasSent(c, entry.key)) return;
  await send(entry.key);
  await store.recordOnce(c.number, entry, level);
}
