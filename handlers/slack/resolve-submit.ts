import { z } from 'zod';
import { RESOLUTION_ACTIONS } from '../../src/domain/case.js';
import { AMOUNT_MAX, paysCustomer } from '../../src/domain/payment.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

const form = z
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

/** The resolve form was submitted: what was done; a large payment (compensation, refund) goes to the GM first. */
export const resolveSubmit = ({ resolveCase, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    form,
    (view) => ({
      action: inputValue(view.state.values, 'action'),
      amount: inputValue(view.state.values, 'amount') || undefined,
      resolution: inputValue(view.state.values, 'resolution'),
    }),
    (number, actor, { action, amount, resolution }, pressedIn) =>
      resolveCase(
        number,
        actor,
        { action, text: resolution, ...(amount !== undefined ? { amount } : {}) },
        pressedIn,
      ),
  );
