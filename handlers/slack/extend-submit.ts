import { z } from 'zod';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

const DAY = 86_400_000;

/** The form, for a promise at most `maxExtension` ahead. */
const formOf = (maxExtension: number) =>
  z.object({
    promisedAt: z
      .string('error.required')
      .transform((seconds) => new Date(Number(seconds) * 1000))
      .refine((at) => at.getTime() > Date.now(), 'error.not_in_future')
      .refine((at) => at.getTime() - Date.now() <= maxExtension, {
        message: 'error.too_far',
        params: { days: Math.round((maxExtension / DAY) * 10) / 10 },
      }),
    reason: requiredText,
    // 须告知客户: the owner must have told the customer the new time and the reason.
    informed: z.array(z.string()).min(1, 'error.must_inform'),
  });

/** The need-more-time form was submitted: the case's deadlines move to the new promise. */
export const extendSubmit = ({ policy, extendCase, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    formOf(policy.maxExtension),
    (view) => ({
      promisedAt: inputValue(view.state.values, 'promisedAt'),
      reason: inputValue(view.state.values, 'reason'),
      informed: inputValue(view.state.values, 'informed') ?? [],
    }),
    (number, actor, { promisedAt, reason }, pressedIn) =>
      extendCase(number, actor, { promisedAt, reason }, pressedIn),
  );
