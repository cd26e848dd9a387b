import type { CaseDraft } from './case.js';
import { isMajor } from './case.js';
import type { Repeat } from './classify.js';
import type { Complaint } from './complaint.js';
import { planDeadlines } from './deadlines.js';
import { ladderFor } from './ladder.js';
import type { Policy } from './policy.js';

/**
 * A new case, however it is opened, owned by the department's duty owner; when the complaint is about the duty
 * owner, by the next person up the department's ladder (回避: the person complained about never owns it).
 */
export function registerCase(
  complaint: Complaint,
  context: { receiver: string; submissionKey: string; now: Date; policy: Policy; repeat?: Repeat },
): CaseDraft {
  const { receiver, submissionKey, now, policy, repeat } = context;
  const department = policy.departments.find((d) => d.id === complaint.department);
  if (!department) throw new Error(`unknown department ${complaint.department}`);
  const ladder = ladderFor(department, policy, complaint.respondent);
  return {
    submissionKey,
    status: 'registered',
    customer: { name: complaint.customerName, phone: complaint.customerPhone },
    summary: complaint.summary,
    demand: complaint.demand,
    ...(complaint.address ? { address: complaint.address } : {}),
    ...(complaint.evidence?.length ? { evidence: complaint.evidence } : {}),
    ...(complaint.recurrence ? { recurrence: true } : {}),
    category: complaint.category,
    class: complaint.class,
    channel: complaint.channel,
    department: department.id,
    compensation: complaint.compensation,
    receiver,
    owner: ladder[0] ?? department.owner,
    ...(complaint.respondent ? { respondent: complaint.respondent } : {}),
    ...(complaint.permalink ? { permalink: complaint.permalink } : {}),
    ...(repeat ? { repeat } : {}),
    ...(complaint.item ? { item: complaint.item } : {}),
    ladder,
    level: 0,
    createdAt: now,
    deadlines: planDeadlines(isMajor(complaint, policy), now, policy.deadlines),
    timeline: [{ at: now, by: receiver, type: 'registered' }],
  };
}
