import type { Case } from './case.js';
import type { Complaint } from './complaint.js';

export type Repeat = { of: string; count: number };

/**
 * A customer who complains again is a repeat (二次投诉): the complaint is at least class 2, and is the
 * count-th from them, after their latest case.
 */
export function classifyRepeat(complaint: Complaint, latest: Pick<Case, 'number' | 'repeat'> | null) {
  if (!latest) return { complaint, repeat: undefined };
  const repeat: Repeat = { of: latest.number, count: (latest.repeat?.count ?? 1) + 1 };
  return {
    complaint: { ...complaint, class: complaint.class === 1 ? (2 as const) : complaint.class },
    repeat,
  };
}
