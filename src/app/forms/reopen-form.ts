import { z } from 'zod';
import { requiredText } from './required-text.js';

/** Reopen: why. */
export const reopenForm = z.object({ reason: requiredText });
