import { z } from 'zod';
import { personId } from '../../domain/complaint.js';
import type { Policy } from '../../domain/policy.js';
import { requiredText } from './required-text.js';

/**
 * Root cause (原因分析, 纠正预防措施), for a responsible department of the policy; the responsible person is named by
 * an id of the chat platform in use, which its adapter checks with `person`.
 */
export const rootCauseForm = (policy: Policy, person: z.ZodType<string> = personId) =>
  z.object({
    cause: requiredText,
    corrective: requiredText,
    preventive: requiredText,
    department: z.enum(policy.departments.map((d) => d.id) as [string, ...string[]], 'error.required'),
    person: person.optional(),
  });
