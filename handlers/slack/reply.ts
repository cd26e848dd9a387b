import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Answers, CaseStore, MessageRef } from '../../src/app/ports.js';
import type { Outcome } from '../../src/app/transact.js';
import type { Translate } from '../../src/chat/i18n.js';
import { escapeMrkdwn } from '../../src/chat/mrkdwn.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import { refOf, type SlackMessage } from '../../src/chat/slack-message.js';
import type { Case } from '../../src/domain/case.js';
import { type CaseAction, refusalOf } from '../../src/domain/permissions.js';
import type { Policy } from '../../src/domain/policy.js';
import { sealMetadata } from './metadata.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & { client: WebClient };

/** The Slack message a button was pressed in. */
export function pressedMessage(body: BlockAction): SlackMessage | undefined {
  // An ephemeral message (a `/complaint show` answer, say) cannot be updated through the Web API.
  if (body.container?.is_ephemeral) return undefined;
  return body.channel && body.message ? { channel: body.channel.id, ts: body.message.ts } : undefined;
}

/** The message a button was pressed in, as the use cases pass it on. */
export function pressedIn(body: BlockAction): MessageRef | undefined {
  const message = pressedMessage(body);
  return message && refOf(message);
}

/** Tells the person, and only them, why nothing happened. */
export async function explainRefusal(
  answers: Answers,
  t: Translate,
  where: { channel: string; user: string },
  number: string,
  outcome: Outcome,
): Promise<void> {
  if (outcome.kind === 'ok') return;
  const text =
    outcome.kind === 'not-found'
      ? t('refusal.not_found', { number: escapeMrkdwn(number) })
      : t(outcome.reason, { owner: { person: outcome.case.owner }, number });
  await answers.tell(where.user, where.channel, text);
}

/** Where to answer the person who pressed a button: privately, in the conversation they pressed it in. */
export const replyTo = (body: BlockAction) => ({
  channel: body.channel?.id ?? body.user.id,
  user: body.user.id,
});

/** The case a button names; null, after telling the presser, when there is no such case. */
export async function pressedCase(
  store: CaseStore,
  t: Translate,
  { body, action, client }: ButtonArgs,
): Promise<Case | null> {
  const number = action.value ?? '';
  const c = await store.get(number);
  if (!c) await explainRefusal(slackAnswers(client), t, replyTo(body), number, { kind: 'not-found' });
  return c;
}

/** A button that runs one case action: ack first, then act, then explain a refusal to the presser. */
export const caseButton =
  (t: Translate, act: (number: string, actor: string, pressedIn?: MessageRef) => Promise<Outcome>) =>
  async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    const number = action.value ?? '';
    const outcome = await act(number, body.user.id, pressedIn(body));
    await explainRefusal(
      slackAnswers(client),
      t,
      { channel: body.channel?.id ?? body.user.id, user: body.user.id },
      number,
      outcome,
    );
  };

/** A button that opens a case form, for whoever the action's rule lets act now; anyone else is told why not. */
export const caseFormButton =
  (
    { t, store, policy, formKey }: { t: Translate; store: CaseStore; policy: Policy; formKey: Buffer },
    form: (t: Translate, number: string, metadata: string) => ModalView,
    action: CaseAction,
  ) =>
  async (args: ButtonArgs) => {
    const { ack, body, client } = args;
    await ack();
    const c = await pressedCase(store, t, args);
    if (!c) return;
    const reason = refusalOf(action, c, body.user.id, policy);
    if (reason)
      return explainRefusal(slackAnswers(client), t, replyTo(body), c.number, {
        kind: 'refused',
        reason,
        case: c,
      });
    const metadata = sealMetadata(formKey, c.number, pressedMessage(body));
    await client.views.open({ trigger_id: body.trigger_id, view: form(t, c.number, metadata) });
  };
