import { z } from 'zod';
import { RESOLUTION_ACTIONS } from '../../domain/case.js';
import { AMOUNT_MAX, paysCustomer } from '../../domain/payment.js';
import { requiredText } from './required-text.js';

/** Resolve (处理): what was done, and what the customer is paid, if anything. */
export const resolutionForm = z
  .object({
    // The form proposes "explanation"; a submission without the field means that.
    action: z.enum(RESOLUTION_ACTIONS).default('explanation'),
    amount: z.coerce
      .number('error.amount_too_large')
      .positive('error.amount_required')
      .max(AMOUNT_MAX, 'error.amount_too_large')
      .optional(),
    resolution: requiredText,
  })
  .refine((f) => f.action !== 'compensation' || f.amount !== undefined, {
    path: ['amount'],
    message: 'error.amount_required',
  })
  .refine((f) => f.amount === undefined || paysCustomer(f.action), {
    path: ['amount'],
    message: 'error.amount_not_paid',
  });
