import type { Logger, SlackViewMiddlewareArgs, ViewStateValue, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import type { CaseStore, MessageRef } from '../../src/app/ports.js';
import type { Outcome } from '../../src/app/transact.js';
import { ids } from '../../src/chat/blocks.js';
import { fieldErrors } from '../../src/chat/field-errors.js';
import type { Translate } from '../../src/chat/i18n.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import { refOf } from '../../src/chat/slack-message.js';
import type { Case } from '../../src/domain/case.js';
import { openMetadata } from './metadata.js';
import { answerNotUnderstood } from './not-understood.js';
import { explainRefusal } from './reply.js';

type Values = Record<string, Record<string, ViewStateValue>>;

/** What one input of a submitted modal holds, whatever its element type. */
export function inputValue(values: Values, blockId: string): string | string[] | undefined {
  const state = values[blockId]?.[ids.input];
  if (!state) return undefined;
  if (state.type === 'checkboxes') return (state.selected_options ?? []).map((o) => o.value);
  if (state.type === 'static_select') return state.selected_option?.value ?? undefined;
  if (state.type === 'users_select') return state.selected_user ?? undefined;
  if (state.type === 'datetimepicker')
    return state.selected_date_time ? String(state.selected_date_time) : undefined;
  return state.value ?? undefined;
}

/** The time a `datetimepicker` of a submitted modal holds (Slack gives it in seconds), if one was chosen. */
export function dateValue(values: Values, blockId: string): Date | undefined {
  const seconds = inputValue(values, blockId);
  return typeof seconds === 'string' ? new Date(Number(seconds) * 1000) : undefined;
}

/** The files a `file_input` of a submitted modal holds, as Slack describes them: id, name, permalink. */
export function uploadedFiles(values: Values, blockId: string) {
  const state = values[blockId]?.[ids.input];
  return (state?.type === 'file_input' ? (state.files ?? []) : []).map((f) => ({
    id: f.id,
    name: f.name ?? f.title ?? f.id,
    ...(f.permalink ? { permalink: f.permalink } : {}),
  }));
}

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & { client: WebClient; logger: Logger };

/** What a case form needs besides its own use case: the words, the store, the key its metadata is sealed with. */
export interface CaseFormDeps {
  t: Translate;
  store: CaseStore;
  formKey: Buffer;
}

/**
 * A submitted case form: field errors go back onto the form; a valid one is acked, run, and a refusal explained
 * to the person privately, where they pressed the button. A schema that depends on the case (a contact is not
 * before the case existed) is given the case as stored; metadata that cannot be read is answered as not understood.
 */
export const caseForm =
  <T>(
    { t, store, formKey }: CaseFormDeps,
    schema: z.ZodType<T> | ((c: Case) => z.ZodType<T>),
    read: (view: ViewArgs['view']) => unknown,
    act: (number: string, actor: string, form: T, pressedIn?: MessageRef) => Promise<Outcome>,
  ) =>
  async ({ ack, body, view, client, logger }: ViewArgs) => {
    const metadata = openMetadata(formKey, view.private_metadata);
    if (!metadata) {
      await ack();
      await answerNotUnderstood({ client, t, logger }, body, `${view.callback_id} (private_metadata)`);
      return;
    }
    const { number, pressedIn } = metadata;
    let fields: z.ZodType<T>;
    if (typeof schema === 'function') {
      const c = await store.get(number);
      if (!c) {
        await ack();
        await explainRefusal(slackAnswers(client), t, { channel: body.user.id, user: body.user.id }, number, {
          kind: 'not-found',
        });
        return;
      }
      fields = schema(c);
    } else fields = schema;
    const parsed = fields.safeParse(read(view));
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(parsed.error, t) });
      return;
    }
    await ack();
    const outcome = await act(number, body.user.id, parsed.data, pressedIn && refOf(pressedIn));
    await explainRefusal(
      slackAnswers(client),
      t,
      { channel: pressedIn?.channel ?? body.user.id, user: body.user.id },
      number,
      outcome,
    );
  };
