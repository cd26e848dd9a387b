import { z } from 'zod';
import { requiredText } from './required-text.js';

/** Change class: the new class (1, 2 or 3, as a form's option gives it) and why. */
export const classChangeForm = z.object({
  class: z.enum(['1', '2', '3'], 'error.required').transform((n) => Number(n) as 1 | 2 | 3),
  reason: requiredText,
});
