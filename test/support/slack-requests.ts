import { createHmac, randomUUID } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

/** Headers Slack signs a request with (v0 HMAC-SHA256 of `v0:timestamp:body`). */
export function signatureHeaders(
  body: string,
  secret = SIGNING_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** The form body of a slash command. */
export function slashCommand(user: string, text = ''): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/complaint',
    text,
    api_app_id: 'A0REDRESS',
    response_url: 'http://127.0.0.1:9/commands',
    trigger_id: `trigger-${randomUUID()}`,
  }).toString();
}

const interactive = (payload: object) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

type StateValues = Record<string, Record<string, object>>;

/** The form body of a modal submission. */
export function viewSubmission(
  user: string,
  view: { id: string; callbackId: string; values: StateValues; metadata?: string },
): string {
  return interactive({
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, team_id: 'T0FAKE' },
    api_app_id: 'A0REDRESS',
    token: 'legacy',
    trigger_id: `trigger-${randomUUID()}`,
    view: {
      id: view.id,
      type: 'modal',
      callback_id: view.callbackId,
      private_metadata: view.metadata ?? '',
      hash: `hash-${view.id}`,
      state: { values: view.values },
      team_id: 'T0FAKE',
      app_id: 'A0REDRESS',
    },
  });
}

/** The form body of a message shortcut (`message_action`) on a message. */
export function messageShortcut(
  user: string,
  callbackId: string,
  message: { channel: string; ts: string; text: string; user?: string },
): string {
  return interactive({
    type: 'message_action',
    callback_id: callbackId,
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, name: user.toLowerCase(), team_id: 'T0FAKE' },
    api_app_id: 'A0REDRESS',
    token: 'legacy',
    trigger_id: `trigger-${randomUUID()}`,
    action_ts: String(Date.now() / 1000),
    message_ts: message.ts,
    channel: { id: message.channel, name: 'general' },
    message: { type: 'message', user: message.user ?? 'U0CUSTOMERDESK', ts: message.ts, text: message.text },
    response_url: 'http://127.0.0.1:9/actions',
  });
}

/** The JSON body of an Events API delivery: a person opened the app's Home tab. */
export function homeOpened(user: string, tab: 'home' | 'messages' = 'home'): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T0FAKE',
    api_app_id: 'A0REDRESS',
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_home_opened',
      user,
      channel: `D${user.slice(1)}`,
      tab,
      event_ts: String(Date.now() / 1000),
    },
  });
}

/** The form body of a button press on the App Home: no conversation, the Home view as its container. */
export function homeButtonPress(user: string, actionId: string, value: string): string {
  return interactive({
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, team_id: 'T0FAKE' },
    api_app_id: 'A0REDRESS',
    token: 'legacy',
    trigger_id: `trigger-${randomUUID()}`,
    container: { type: 'view', view_id: `VHOME${user}` },
    view: { id: `VHOME${user}`, type: 'home', callback_id: '', private_metadata: '', hash: 'home' },
    actions: [
      { type: 'button', action_id: actionId, block_id: 'home', value, action_ts: String(Date.now() / 1000) },
    ],
  });
}

/** The form body of a button press in a message. */
export function buttonPress(
  user: string,
  actionId: string,
  value: string,
  where: { channel: string; ts: string },
): string {
  return interactive({
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, team_id: 'T0FAKE' },
    api_app_id: 'A0REDRESS',
    token: 'legacy',
    trigger_id: `trigger-${randomUUID()}`,
    container: { type: 'message', message_ts: where.ts, channel_id: where.channel, is_ephemeral: false },
    channel: { id: where.channel, name: 'complaints' },
    message: { type: 'message', ts: where.ts, text: 'case' },
    response_url: 'http://127.0.0.1:9/actions',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'case_actions',
        value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  });
}

/** Modal state for the registration form, as Slack sends it back. */
export function complaintValues(form: {
  customerName?: string;
  customerPhone?: string;
  summary?: string;
  demand?: string;
  address?: string;
  /** Files attached in the form's file input, as Slack describes an uploaded file. */
  evidence?: { id: string; name: string; permalink?: string }[];
  recurrence?: boolean;
  category?: string;
  class?: '1' | '2' | '3';
  channel?: string;
  department?: string;
  compensation?: boolean;
  respondent?: string;
  item?: string;
}): StateValues {
  const text = (value?: string) => ({ value: { type: 'plain_text_input', value: value ?? null } });
  const select = (value?: string) => ({
    value: {
      type: 'static_select',
      selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null,
    },
  });
  const ticked = (yes?: boolean) => ({
    value: {
      type: 'checkboxes',
      selected_options: yes ? [{ text: { type: 'plain_text', text: 'yes' }, value: 'yes' }] : [],
    },
  });
  return {
    customerName: text(form.customerName),
    customerPhone: text(form.customerPhone),
    item: text(form.item),
    summary: text(form.summary),
    demand: text(form.demand),
    address: text(form.address),
    recurrence: ticked(form.recurrence),
    evidence: { value: { type: 'file_input', files: (form.evidence ?? []).map(uploadedFile) } },
    category: select(form.category),
    class: select(form.class ?? '1'),
    channel: select(form.channel),
    department: select(form.department),
    respondent: { value: { type: 'users_select', selected_user: form.respondent ?? null } },
    compensation: {
      value: {
        type: 'checkboxes',
        selected_options: form.compensation
          ? [{ text: { type: 'plain_text', text: 'yes' }, value: 'yes' }]
          : [],
      },
    },
  };
}

/** A file as Slack describes it in the state of a `file_input` once the person has uploaded it. */
function uploadedFile(f: { id: string; name: string; permalink?: string }) {
  const at = Math.floor(Date.now() / 1000);
  const extension = f.name.split('.').at(-1) ?? 'bin';
  return {
    id: f.id,
    created: at,
    timestamp: at,
    name: f.name,
    title: f.name,
    filetype: extension,
    mimetype: extension === 'jpg' ? 'image/jpeg' : 'application/octet-stream',
    user: 'U0RECEIVER',
    user_team: 'T0FAKE',
    size: 48_213,
    mode: 'hosted',
    is_external: false,
    is_public: false,
    url_private: `https://files.fake.slack.com/files-pri/T0FAKE-${f.id}/${f.name}`,
    url_private_download: `https://files.fake.slack.com/files-pri/T0FAKE-${f.id}/download/${f.name}`,
    permalink: f.permalink ?? `https://fake.slack.com/files/U0RECEIVER/${f.id}/${f.name}`,
  };
}

/** A complete, valid registration form. */
export const validComplaint = {
  customerName: '王女士',
  customerPhone: '138 1234 5678',
  summary: 'The soup arrived cold and the lid was broken.',
  demand: 'A refund of the soup',
  category: 'delivery',
  channel: 'phone',
  department: 'delivery',
} as const;
