import { z } from 'zod';
import { CONTACT_WAYS } from '../../src/domain/transitions.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

/** A contact logged a few minutes ahead is a clock out of step, not a contact still to come. */
const CLOCK_SLACK_MS = 5 * 60_000;

const form = z.object({
  at: z
    .string('error.required')
    .transform((seconds) => new Date(Number(seconds) * 1000))
    .refine((at) => at.getTime() <= Date.now() + CLOCK_SLACK_MS, 'error.in_future'),
  how: z.enum(CONTACT_WAYS, 'error.required'),
  what: requiredText,
});

/** The contact form was submitted: the contact joins the timeline; a major case's callback is done. */
export const contactSubmit = ({ t, logContact }: SlackDeps) =>
  caseForm(
    t,
    form,
    (view) => ({
      at: inputValue(view.state.values, 'at'),
      how: inputValue(view.state.values, 'how'),
      what: inputValue(view.state.values, 'what'),
    }),
    logContact,
  );
