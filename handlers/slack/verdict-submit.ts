import { z } from 'zod';
import { SUMMARY_MAX } from '../../src/domain/complaint.js';
import { visibleOrEmpty } from '../../src/domain/text.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

const form = z.object({
  verdict: z.enum(['accepted', 'rejected'], 'error.required'),
  satisfaction: z.coerce.number('error.required').int().min(1, 'error.required').max(5, 'error.required'),
  comment: z.string().trim().overwrite(visibleOrEmpty).max(SUMMARY_MAX, 'error.summary_too_long').optional(),
});

/** The verdict form was submitted: accepted is recorded; rejected closes the case and opens a major one. */
export const verdictSubmit = ({ recordVerdict, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    form,
    (view) => ({
      verdict: inputValue(view.state.values, 'verdict'),
      satisfaction: inputValue(view.state.values, 'satisfaction'),
      comment: inputValue(view.state.values, 'comment') || undefined,
    }),
    (number, actor, { verdict, satisfaction, comment }, pressedIn) =>
      recordVerdict(
        number,
        actor,
        { accepted: verdict === 'accepted', satisfaction, ...(comment ? { comment } : {}) },
        pressedIn,
      ),
  );
