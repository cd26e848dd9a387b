import { createHmac } from 'node:crypto';
import { BOT, type SandboxView } from './slack-api.js';

/** Headers Slack signs a request with: v0 HMAC-SHA256 of `v0:timestamp:body`. */
export function signed(body: string, secret: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-signature': signature,
    'x-slack-request-timestamp': String(timestamp),
  };
}

const team = { id: BOT.team, domain: 'sandbox' };
const interactive = (payload: object) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** The form body of a slash command typed by a person in a conversation. */
export function slashCommand(user: string, channel: string, text: string, triggerId: string): string {
  return new URLSearchParams({
    token: 'sandbox',
    team_id: BOT.team,
    team_domain: 'sandbox',
    channel_id: channel,
    channel_name: channel,
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/complaint',
    text,
    api_app_id: 'A0REDRESS',
    response_url: 'http://127.0.0.1:9/commands',
    trigger_id: triggerId,
  }).toString();
}

/** Where a button was pressed: a message, ephemeral or not. */
export interface Pressed {
  channel: string;
  ts: string;
  ephemeral: boolean;
  blockId: string;
  actionId: string;
  value: string;
}

/** The form body of a button press in a message. */
export function buttonPress(user: string, pressed: Pressed, triggerId: string): string {
  return interactive({
    type: 'block_actions',
    team,
    user: { id: user, team_id: BOT.team },
    api_app_id: 'A0REDRESS',
    token: 'sandbox',
    trigger_id: triggerId,
    container: {
      type: 'message',
      message_ts: pressed.ts,
      channel_id: pressed.channel,
      is_ephemeral: pressed.ephemeral,
    },
    channel: { id: pressed.channel, name: pressed.channel },
    ...(pressed.ephemeral ? {} : { message: { type: 'message', ts: pressed.ts, text: '' } }),
    response_url: 'http://127.0.0.1:9/actions',
    actions: [
      {
        type: 'button',
        action_id: pressed.actionId,
        block_id: pressed.blockId,
        value: pressed.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  });
}

type Json = Record<string, unknown>;
/** What the page sends for each input block: text, a chosen value, several, or nothing. */
export type FormValues = Record<string, string | string[] | null | undefined>;

/** One input's state as Slack sends it back, by the element's type. */
function stateOf(element: Json, value: FormValues[string], optionText: (v: string) => string): Json {
  const type = String(element.type);
  const one = Array.isArray(value) ? value[0] : value;
  const chosen = (v: string) => ({ text: { type: 'plain_text', text: optionText(v) }, value: v });
  switch (type) {
    case 'static_select':
      return { type, selected_option: one ? chosen(one) : null };
    case 'users_select':
      return { type, selected_user: one || null };
    case 'checkboxes':
      return { type, selected_options: (Array.isArray(value) ? value : []).map(chosen) };
    case 'datetimepicker':
      return { type, selected_date_time: one ? Number(one) : null };
    default:
      return { type, value: one ?? null };
  }
}

/** The form body of a modal submitted with the values the page gathered. */
export function viewSubmission(open: SandboxView, values: FormValues, triggerId: string): string {
  const state: Record<string, Record<string, Json>> = {};
  const blocks = (open.view.blocks ?? []) as Json[];
  for (const block of blocks) {
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const options = (element.options ?? []) as { text: { text: string }; value: string }[];
    const optionText = (v: string) => options.find((o) => o.value === v)?.text.text ?? v;
    const blockId = String(block.block_id);
    state[blockId] = { [String(element.action_id)]: stateOf(element, values[blockId], optionText) };
  }
  return interactive({
    type: 'view_submission',
    team,
    user: { id: open.user, team_id: BOT.team },
    api_app_id: 'A0REDRESS',
    token: 'sandbox',
    trigger_id: triggerId,
    view: {
      ...open.view,
      id: open.id,
      hash: open.hash,
      state: { values: state },
      team_id: BOT.team,
      app_id: 'A0REDRESS',
      private_metadata: open.view.private_metadata ?? '',
    },
  });
}
