import { z } from 'zod';
import type { Case } from '../../src/domain/case.js';
import { CONTACT_WAYS } from '../../src/domain/transitions.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

/** A contact logged a few minutes ahead is a clock out of step, not a contact still to come. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** The picker chooses whole minutes: a contact in the minute the case was registered is not before it. */
const MINUTE_MS = 60_000;

/** The form, for a contact between the case's registration and now. */
const formFor = (c: Case) =>
  z.object({
    at: z
      .string('error.required')
      .transform((seconds) => new Date(Number(seconds) * 1000))
      .refine((at) => at.getTime() <= Date.now() + CLOCK_SLACK_MS, 'error.in_future')
      .refine((at) => at.getTime() > c.createdAt.getTime() - MINUTE_MS, 'error.before_case'),
    how: z.enum(CONTACT_WAYS, 'error.required'),
    what: requiredText,
  });

/** The contact form was submitted: the contact joins the timeline; a major case's callback is done. */
export const contactSubmit = ({ logContact, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    formFor,
    (view) => ({
      at: inputValue(view.state.values, 'at'),
      how: inputValue(view.state.values, 'how'),
      what: inputValue(view.state.values, 'what'),
    }),
    logContact,
  );
