import { z } from 'zod';
import type { Case } from '../../domain/case.js';
import { CONTACT_WAYS } from '../../domain/transitions.js';
import { requiredText } from './required-text.js';

/** A contact logged a few minutes ahead is a clock out of step, not a contact still to come. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** A picker chooses whole minutes: a contact in the minute the case was registered is not before it. */
const MINUTE_MS = 60_000;

/** Log contact (回访), for a contact between the case's registration and now. */
export const contactForm = (c: Case) =>
  z.object({
    at: z
      .date('error.required')
      .refine((at) => at.getTime() <= Date.now() + CLOCK_SLACK_MS, 'error.in_future')
      .refine((at) => at.getTime() > c.createdAt.getTime() - MINUTE_MS, 'error.before_case'),
    how: z.enum(CONTACT_WAYS, 'error.required'),
    what: requiredText,
  });
