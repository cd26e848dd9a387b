import { z } from 'zod';
import { SUMMARY_MAX } from '../../domain/complaint.js';
import { visibleOrEmpty } from '../../domain/text.js';

/** The customer's verdict at the callback (回访): accepted or not, how satisfied (1 to 5), and what they said. */
export const verdictForm = z.object({
  verdict: z.enum(['accepted', 'rejected'], 'error.required'),
  satisfaction: z.coerce.number('error.required').int().min(1, 'error.required').max(5, 'error.required'),
  comment: z.string().trim().overwrite(visibleOrEmpty).max(SUMMARY_MAX, 'error.summary_too_long').optional(),
});
