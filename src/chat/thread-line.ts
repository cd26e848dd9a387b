import type { TimelineEntry } from '../domain/case.js';
import { deadlineOfStep } from '../domain/deadlines.js';
import { isMessageKey, type MessageKey, type Param, type Translate } from './i18n.js';

/**
 * The words the complaints channel is told a timeline entry in, or null for what it is not told. An escalation
 * says why: a deadline was missed, or a person pressed Escalate now, so that the same manager reached twice reads
 * as two events.
 */
function threadKey(entry: TimelineEntry): MessageKey | null {
  const key =
    entry.type === 'escalated'
      ? deadlineOfStep(entry)
        ? 'thread.escalated.overdue'
        : 'thread.escalated.by'
      : `thread.${entry.type}`;
  return isMessageKey(key) ? key : null;
}

/** Whether the complaints channel is told of this entry (Slack: in the card's thread; WeCom: a line in the chat). */
export const isToldInThread = (entry: TimelineEntry) => threadKey(entry) !== null;

/** What the complaints channel is told of a timeline entry, with the people as the platform writes them. */
export function threadLine(
  t: Translate,
  entry: TimelineEntry,
  people: { by: Param; to: Param },
  text: string,
): string | null {
  const key = threadKey(entry);
  const deadline = deadlineOfStep(entry);
  if (!key) return null;
  return t(key, { ...people, text, ...(deadline ? { deadline: t(`deadline.${deadline}`) } : {}) });
}
