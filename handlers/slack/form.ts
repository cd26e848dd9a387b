import type { ViewStateValue } from '@slack/bolt';
import type { z } from 'zod';
import { ids } from '../../src/chat/blocks.js';
import { isMessageKey, type Translate } from '../../src/chat/i18n.js';

type Values = Record<string, Record<string, ViewStateValue>>;

/** What one input of a submitted modal holds, whatever its element type. */
export function inputValue(values: Values, blockId: string): string | string[] | undefined {
  const state = values[blockId]?.[ids.input];
  if (!state) return undefined;
  if (state.type === 'checkboxes') return (state.selected_options ?? []).map((o) => o.value);
  if (state.type === 'static_select') return state.selected_option?.value ?? undefined;
  if (state.type === 'users_select') return state.selected_user ?? undefined;
  return state.value ?? undefined;
}

/** Field errors for `response_action: errors`: each on its block, in the reader's language. */
export function fieldErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0]);
    errors[field] ??= isMessageKey(issue.message) ? t(issue.message) : t('error.required');
  }
  return errors;
}
