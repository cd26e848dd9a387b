import type { Case, TimelineEntry } from '../domain/case.js';
import { wasSent } from '../domain/case.js';
import type { CaseStore } from './ports.js';

/**
 * Sends a message unless the case's timeline shows it was sent, then records it under its key. Recording
 * after sending means a crash in between sends it again rather than never.
 */
export async function sendOnce(
  store: CaseStore,
  c: Case,
  entry: TimelineEntry & { key: string },
  send: () => Promise<void>,
  level?: number,
): Promise<void> {
  if (wasSent(c, entry.key)) return;
  await send();
  await store.recordOnce(c.number, entry, level);
}
