import { z } from 'zod';
import { requiredText } from './required-text.js';

const DAY = 86_400_000;

/** Need more time (申请延期), for a promise at most `maxExtension` ahead. */
export const extensionForm = (maxExtension: number) =>
  z.object({
    promisedAt: z
      .date('error.required')
      .refine((at) => at.getTime() > Date.now(), 'error.not_in_future')
      .refine((at) => at.getTime() - Date.now() <= maxExtension, {
        message: 'error.too_far',
        params: { days: Math.round((maxExtension / DAY) * 10) / 10 },
      }),
    reason: requiredText,
    // 须告知客户: the owner must have told the customer the new time and the reason.
    informed: z.literal(true, 'error.must_inform'),
  });
