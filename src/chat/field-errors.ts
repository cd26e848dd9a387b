import type { z } from 'zod';
import { isMessageKey, type Translate } from './i18n.js';

/** A form's errors, one per field (the first of each), in the reader's language, as every chat's forms show them. */
export function fieldErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]);
    const params = issue.code === 'custom' ? (issue.params as Record<string, string | number>) : undefined;
    errors[field] ??= isMessageKey(issue.message) ? t(issue.message, params) : t('error.required');
  }
  return errors;
}
