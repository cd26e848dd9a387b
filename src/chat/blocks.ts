import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Notice } from '../app/ports.js';
import type { Case, Deadline, DeadlineKind } from '../domain/case.js';
import { isMajor, RESOLUTION_ACTIONS } from '../domain/case.js';
import { ADDRESS_MAX, DEMAND_MAX, INTAKE_CHANNELS, SUMMARY_MAX } from '../domain/complaint.js';
import { maskPhone, showPhone } from '../domain/phone.js';
import type { Policy } from '../domain/policy.js';
import type { ReportKind } from '../domain/report-period.js';
import type { Statistics } from '../domain/statistics.js';
import { CONTACT_WAYS } from '../domain/transitions.js';
import { categoryName, type Translate } from './i18n.js';
import { clip, cutMrkdwn, escapeMrkdwn } from './mrkdwn.js';
import { type ReportPart, reportContent } from './report-content.js';
import { isSlackUserId } from './slack-ids.js';

export { clip };

/** Ids Slack sends back; handlers are bound to these. */
export const ids = {
  complaintView: 'complaint_submit',
  /** The message shortcut "Report as complaint" (投诉登记); the manifest names it too. */
  reportMessage: 'report_message',
  resolveView: 'resolve_submit',
  acknowledge: 'case_acknowledge',
  resolve: 'case_resolve',
  escalate: 'case_escalate',
  contact: 'case_contact',
  contactView: 'contact_submit',
  rootCause: 'case_root_cause',
  rootCauseView: 'root_cause_submit',
  verifyFix: 'case_verify_fix',
  close: 'case_close',
  reopen: 'case_reopen',
  reopenView: 'reopen_submit',
  verdict: 'case_verdict',
  verdictView: 'verdict_submit',
  changeClass: 'case_class',
  changeClassView: 'class_submit',
  reassign: 'case_reassign',
  reassignView: 'reassign_submit',
  approve: 'case_approve',
  reject: 'case_reject',
  extend: 'case_extend',
  extendView: 'extend_submit',
  /** Buttons of a digest, one per case; Slack wants action ids unique within a block. */
  show: 'case_show',
  /** The next page of a list or a search. */
  more: 'cases_more',
  /** Every input's action id; blocks are told apart by their block id. */
  input: 'value',
} as const;

/** Escalate now carries the level the case was at when the button was shown: `202611-0007/1`. */
export const escalateValue = (c: Pick<Case, 'number' | 'level'>) => `${c.number}/${c.level}`;

/** The case and level an Escalate now button carries; a button without a level acts at any level. */
export function parseEscalateValue(value: string): { number: string; level?: number } {
  const [number = '', level] = value.split('/');
  return level !== undefined && /^\d+$/.test(level) ? { number, level: Number(level) } : { number };
}

/**
 * Who reads a message decides how much of the case and of the customer's phone they see: the channel (`public`),
 * someone on the case who is not on its ladder, such as the receiver (`on-case`: the phone masked), or the owner
 * and the managers on the ladder (`owner-or-manager`: everything).
 */
export type Audience = 'public' | 'on-case' | 'owner-or-manager';

/** Characters Slack allows in a section's text and in one of its fields; more is refused. */
const SECTION_TEXT = 3000;
const FIELD_TEXT = 2000;
/** A name in a field: room for any name the forms and the policy take, escaped, and for its label. */
const NAME_TEXT = 500;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });
/** User text escaped for mrkdwn in at most `max` characters: cut, when it must be, with … and never inside `&amp;`. */
function fitted(text: string, max: number): string {
  return cutMrkdwn(escapeMrkdwn(text), max);
}

/** Case numbers, comma-separated, as many as `max` characters hold, then how many more there are. */
function numberList(t: Translate, numbers: string[], max: number): string {
  if (numbers.length === 0) return t('report.none');
  const shown: string[] = [];
  let size = 0;
  for (const number of numbers) {
    size += number.length + 2;
    if (size > max) break;
    shown.push(number);
  }
  const rest = numbers.length - shown.length;
  return shown.join(', ') + (rest > 0 ? ` ${t('report.more', { count: rest })}` : '');
}

/** Lines in as few sections as Slack's limit on a section's text allows, each line whole. */
function sections(lines: string[]): KnownBlock[] {
  const texts: string[] = [];
  for (const line of lines.map((l) => clip(l, SECTION_TEXT))) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= SECTION_TEXT)
      texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line);
  }
  return texts.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/** The customer's name; an anonymous complaint (匿名) says so, a case whose name was forgotten shows none. */
export function customerName(t: Translate, c: Pick<Case, 'customer' | 'anonymisedAt'>): string {
  return c.customer.name || (c.anonymisedAt ? '' : t('card.anonymous'));
}

/** A time every reader sees in their own timezone; the fallback is in the company's. */
export function slackDate(at: Date, timezone: string): string {
  const fallback = new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

/**
 * The registration form (投诉登记表), opened by `/complaint` or the message shortcut; `metadata` carries the link
 * to the message it was reported from.
 */
export function complaintModal(t: Translate, policy: Policy, summary = '', metadata?: string): ModalView {
  const input = (blockId: string, label: string, element: object, optional = false, hint?: string) =>
    ({
      type: 'input',
      block_id: blockId,
      label: plain(label),
      optional,
      element: { action_id: ids.input, ...element },
      ...(hint ? { hint: plain(hint) } : {}),
    }) as KnownBlock;
  const select = (options: PlainTextOption[], initial?: PlainTextOption) => ({
    type: 'static_select',
    options,
    ...(initial ? { initial_option: initial } : {}),
  });
  const classes = ([1, 2, 3] as const).map((c) => option(t(`class.${c}`), String(c)));
  return {
    type: 'modal',
    callback_id: ids.complaintView,
    ...(metadata ? { private_metadata: metadata } : {}),
    title: plain(t('modal.complaint.title')),
    submit: plain(t('modal.submit')),
    close: plain(t('modal.cancel')),
    blocks: [
      // Where the policy allows anonymous complaints (匿名), the customer may give neither name nor phone.
      input(
        'customerName',
        t('field.customerName'),
        { type: 'plain_text_input', max_length: 100 },
        policy.anonymous === 'allowed',
      ),
      input(
        'customerPhone',
        t('field.customerPhone'),
        { type: 'plain_text_input', max_length: 30 },
        policy.anonymous === 'allowed',
        t('field.customerPhone.hint'),
      ),
      input('summary', t('field.summary'), {
        type: 'plain_text_input',
        multiline: true,
        max_length: SUMMARY_MAX,
        // `/complaint <summary>` may be longer than the field takes: the receiver sees the start and shortens it.
        ...(summary ? { initial_value: clip(summary, SUMMARY_MAX) } : {}),
      }),
      input(
        'demand',
        t('field.demand'),
        { type: 'plain_text_input', multiline: true, max_length: DEMAND_MAX },
        false,
        t('field.demand.hint'),
      ),
      input(
        'address',
        t('field.address'),
        { type: 'plain_text_input', max_length: ADDRESS_MAX },
        true,
        t('field.address.hint'),
      ),
      input('item', t('field.item'), { type: 'plain_text_input', max_length: 200 }, true),
      input(
        'category',
        t('field.category'),
        select(policy.categories.map((c) => option(categoryName(t, c), c))),
      ),
      input('class', t('field.class'), select(classes, classes[0])),
      input('channel', t('field.channel'), select(INTAKE_CHANNELS.map((c) => option(t(`channel.${c}`), c)))),
      input('department', t('field.department'), select(policy.departments.map((d) => option(d.name, d.id)))),
      input('respondent', t('field.respondent'), { type: 'users_select' }, true, t('field.respondent.hint')),
      input(
        'compensation',
        t('field.compensation'),
        { type: 'checkboxes', options: [option(t('field.compensation.option'), 'yes')] },
        true,
      ),
      input(
        'recurrence',
        t('field.recurrence'),
        { type: 'checkboxes', options: [option(t('field.recurrence.option'), 'yes')] },
        true,
      ),
      input(
        'evidence',
        t('field.evidence'),
        {
          type: 'file_input',
          max_files: policy.evidence.maxFiles,
          ...(policy.evidence.filetypes.length > 0 ? { filetypes: policy.evidence.filetypes } : {}),
        },
        true,
      ),
    ],
  };
}

/** What the form turns into once the case is stored: the number, at once. */
export function registeredView(t: Translate, number: string, channel: string): ModalView {
  return {
    type: 'modal',
    title: plain(t('modal.registered.title')),
    close: plain(t('modal.cancel')),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: t('modal.registered.text', { number: { strong: number }, channel: { channel } }),
        },
      },
    ],
  };
}

/** What the form turns into when the store did not answer in time: the number follows by direct message. */
export function queuedView(t: Translate): ModalView {
  return {
    type: 'modal',
    title: plain(t('modal.registered.title')),
    close: plain(t('modal.cancel')),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t('modal.queued.text') } }],
  };
}

/**
 * A form about one case: a short title (Slack shows 24 characters), the case's number on the first line, the
 * button's message in the metadata.
 */
function caseForm(
  t: Translate,
  callbackId: string,
  title: string,
  number: string,
  metadata: string,
  blocks: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: metadata,
    title: plain(title),
    submit: plain(t('modal.submit')),
    close: plain(t('modal.cancel')),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `*${t('card.title', { number })}*` }] },
      ...blocks,
    ],
  };
}

const formField = (blockId: string, label: string, element: object): KnownBlock =>
  ({
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { action_id: ids.input, ...element },
  }) as KnownBlock;
const longText = { type: 'plain_text_input', multiline: true, max_length: SUMMARY_MAX };

/** The form for a contact with the customer: when, how, and what was said. */
export function contactModal(t: Translate, number: string, metadata: string): ModalView {
  return caseForm(t, ids.contactView, t('modal.contact.title'), number, metadata, [
    formField('at', t('field.contactAt'), { type: 'datetimepicker' }),
    formField('how', t('field.contactHow'), {
      type: 'static_select',
      options: CONTACT_WAYS.map((way) => option(t(`contact.${way}`), way)),
    }),
    formField('what', t('field.contactWhat'), longText),
  ]);
}

/** The form for more time: the new promised time, why, and that the customer was told. */
export function extendModal(t: Translate, number: string, metadata: string): ModalView {
  return caseForm(t, ids.extendView, t('modal.extend.title'), number, metadata, [
    formField('promisedAt', t('field.promisedAt'), { type: 'datetimepicker' }),
    formField('reason', t('field.extendReason'), longText),
    formField('informed', t('field.informed'), {
      type: 'checkboxes',
      options: [option(t('field.informed.option'), 'yes')],
    }),
  ]);
}

/** The form for the root cause and corrective action (8D), the case's department proposed. */
export function rootCauseModal(policy: Policy) {
  return (t: Translate, number: string, metadata: string): ModalView => {
    const departments = policy.departments.map((d) => option(d.name, d.id));
    return caseForm(t, ids.rootCauseView, t('modal.rootCause.title'), number, metadata, [
      formField('cause', t('field.cause'), longText),
      formField('corrective', t('field.corrective'), longText),
      formField('preventive', t('field.preventive'), longText),
      formField('department', t('field.responsibleDepartment'), {
        type: 'static_select',
        options: departments,
      }),
      {
        ...(formField('person', t('field.responsiblePerson'), { type: 'users_select' }) as object),
        optional: true,
      } as KnownBlock,
    ]);
  };
}

/** The form for the customer's verdict at the callback: accepted or not, satisfaction, comment. */
export function verdictModal(t: Translate, number: string, metadata: string): ModalView {
  const verdicts = [option(t('verdict.accepted'), 'accepted'), option(t('verdict.rejected'), 'rejected')];
  const scores = [5, 4, 3, 2, 1].map((n) => option(`${'★'.repeat(n)} ${n}`, String(n)));
  return caseForm(t, ids.verdictView, t('modal.verdict.title'), number, metadata, [
    formField('verdict', t('field.verdict'), { type: 'static_select', options: verdicts }),
    formField('satisfaction', t('field.satisfaction'), { type: 'static_select', options: scores }),
    {
      ...(formField('comment', t('field.verdictComment'), longText) as object),
      optional: true,
    } as KnownBlock,
  ]);
}

/** The form for a new class, and why (the customer now threatens to go to the media, say). */
export function classModal(t: Translate, number: string, metadata: string): ModalView {
  const classes = ([1, 2, 3] as const).map((n) => option(t(`class.${n}`), String(n)));
  return caseForm(t, ids.changeClassView, t('modal.class.title'), number, metadata, [
    formField('class', t('field.newClass'), { type: 'static_select', options: classes }),
    formField('reason', t('field.classReason'), longText),
  ]);
}

/** The form for a handover: the department, and a person in it (its duty owner if none). */
export function reassignModal(policy: Policy) {
  return (t: Translate, number: string, metadata: string): ModalView => {
    const departments = policy.departments.map((d) => option(d.name, d.id));
    return caseForm(t, ids.reassignView, t('modal.reassign.title'), number, metadata, [
      formField('department', t('field.department'), { type: 'static_select', options: departments }),
      {
        ...(formField('owner', t('field.newOwner'), { type: 'users_select' }) as object),
        optional: true,
      } as KnownBlock,
    ]);
  };
}

/** The form for reopening: why. */
export function reopenModal(t: Translate, number: string, metadata: string): ModalView {
  return caseForm(t, ids.reopenView, t('modal.reopen.title'), number, metadata, [
    formField('reason', t('field.reopenReason'), longText),
  ]);
}

/** The short form for what was done, opened by the Resolve button. */
export function resolveModal(t: Translate, number: string, metadata: string): ModalView {
  const actions = RESOLUTION_ACTIONS.map((a) => option(t(`action.${a}`), a));
  const explanation = actions.find((a) => a.value === 'explanation');
  return caseForm(t, ids.resolveView, t('modal.resolve.title'), number, metadata, [
    formField('action', t('field.resolutionAction'), {
      type: 'static_select',
      options: actions,
      initial_option: explanation,
    }),
    {
      ...(formField('amount', t('field.amount'), {
        type: 'number_input',
        is_decimal_allowed: true,
      }) as object),
      optional: true,
    } as KnownBlock,
    formField('resolution', t('field.resolution'), longText),
  ]);
}

function deadlineLine(t: Translate, d: Deadline, timezone: string): string {
  const name = t(`deadline.${d.kind}`);
  if (d.metAt) return `✓ ${t('deadline.line.met', { name, met: slackDate(d.metAt, timezone) })}`;
  const due = slackDate(d.dueAt, timezone);
  if (!d.originalDueAt) return `• ${t('deadline.line', { name, due })}`;
  return `• ${t('deadline.line.moved', { name, due, original: slackDate(d.originalDueAt, timezone) })}`;
}

/** A direct message about a case: what happened, in a line, above the case as its reader may see it. */
export function noticeBlocks(
  t: Translate,
  policy: Policy,
  notice: Notice,
  c: Case,
  audience: Audience = 'owner-or-manager',
): { text: string; blocks: KnownBlock[] } {
  const number = c.number;
  let text: string;
  if (notice.kind === 'warned' || notice.kind === 'nudged') {
    const deadline = c.deadlines.find((d) => d.kind === notice.deadline);
    const due = deadline ? slackDate(deadline.dueAt, policy.timezone) : '';
    text = t(`notice.${notice.kind}`, { number, deadline: t(`deadline.${notice.deadline}`), due });
  } else if (notice.kind === 'approval') text = t('notice.approval', { number, amount: notice.amount });
  else if (notice.kind === 'batch') {
    const numbers = numberList(t, notice.numbers, SECTION_TEXT / 2);
    text = t('notice.batch', {
      count: notice.customers,
      item: fitted(c.item ?? '', NAME_TEXT * 2),
      numbers,
    });
  } else if (notice.kind === 'outcome') text = t(`notice.outcome.${notice.reader}`, { number });
  else text = t(`notice.${notice.kind}`, { number });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    ...caseBlocks(t, c, policy, audience),
  ];
  return { text, blocks };
}

/**
 * The channel's card of a complaint about a member of staff, who may read the channel: its number, category,
 * department and status only. The details go to the people on the case by direct message (回避).
 */
function discreetCardBlocks(t: Translate, c: Case, policy: Policy): KnownBlock[] {
  const department = policy.departments.find((d) => d.id === c.department)?.name ?? c.department;
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
  return [
    { type: 'header', text: plain(t('card.title', { number: c.number })) },
    {
      type: 'section',
      fields: [
        field(t('card.category'), fitted(categoryName(t, c.category), NAME_TEXT)),
        field(t('card.department'), fitted(department, NAME_TEXT)),
        field(t('card.status'), statusText(t, c)),
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t('card.discreet') }] },
  ];
}

/**
 * The case as it is now: facts, deadlines and the buttons that still apply. Ten facts at most (Slack's limit on a
 * section's fields); passing states (a handover, an approval, links to other cases) are context lines.
 */
export function caseBlocks(t: Translate, c: Case, policy: Policy, audience: Audience): KnownBlock[] {
  if (audience === 'public' && c.respondent) return discreetCardBlocks(t, c, policy);
  const department = policy.departments.find((d) => d.id === c.department)?.name ?? c.department;
  const phone =
    audience === 'owner-or-manager'
      ? showPhone(c.customer.phone, policy.country)
      : maskPhone(c.customer.phone, policy.country);
  const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });
  const title = t('card.title', { number: c.number }) + (isMajor(c, policy) ? ` · ${t('card.major')}` : '');
  const escalatedTo = c.ladder[c.level];
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(title) },
    { type: 'section', text: { type: 'mrkdwn', text: fitted(c.summary, SECTION_TEXT) } },
    ...registerBlocks(t, c, audience),
    {
      type: 'section',
      fields: [
        field(t('card.customer'), fitted(customerName(t, c), NAME_TEXT)),
        field(t('card.phone'), fitted(phone, NAME_TEXT)),
        field(t('card.category'), fitted(categoryName(t, c.category), NAME_TEXT)),
        field(t('card.class'), t(`class.${c.class}`)),
        field(t('card.department'), fitted(department, NAME_TEXT)),
        field(t('card.channel'), t(`channel.${c.channel}`)),
        field(t('card.owner'), `<@${c.owner}>`),
        field(t('card.receiver'), `<@${c.receiver}>`),
        field(t('card.status'), statusText(t, c)),
        ...(c.level > 0 && escalatedTo ? [field(t('card.escalated_to'), `<@${escalatedTo}>`)] : []),
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: [
            `*${t('card.deadlines')}*`,
            ...c.deadlines.map((d) => deadlineLine(t, d, policy.timezone)),
          ].join('\n'),
        },
      ],
    },
  ];
  if (c.handoverFrom) {
    const text = `⇄ *${t('card.handoverFrom')}*: <@${c.handoverFrom}>`;
    blocks.splice(2, 0, { type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  if (c.pendingApproval) {
    const text = `⏳ ${t('card.pendingApproval', { amount: c.pendingApproval.amount })}`;
    blocks.splice(2, 0, { type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  if (c.batch) {
    const text = `⧉ ${t('card.batch', { item: fitted(c.item ?? '', FIELD_TEXT), numbers: c.batch })}`;
    blocks.splice(2, 0, { type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  if (c.repeat) {
    const text = `↩ ${t('card.repeat', { count: c.repeat.count, number: c.repeat.of })}`;
    blocks.splice(2, 0, { type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  if (c.resolution) {
    const heading = `*${t('card.resolution')}*\n`;
    const text = heading + fitted(c.resolution, SECTION_TEXT - heading.length);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  const links = [
    // The schema lets no `|` or `>` into a permalink: the link cannot be bent into another.
    ...(c.permalink ? [`↗ <${c.permalink}|${t('card.source')}>`] : []),
    ...(c.rejectionOf ? [t('card.rejectionOf', { number: c.rejectionOf })] : []),
    ...(c.rejectedInto ? [t('card.rejectedInto', { number: c.rejectedInto })] : []),
  ];
  if (links.length > 0)
    blocks.splice(2, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: links.join('\n') }] });
  if (c.verdict) {
    const verdict = [
      t(c.verdict.accepted ? 'verdict.accepted' : 'verdict.rejected'),
      `${'★'.repeat(c.verdict.satisfaction)}`,
    ];
    const comment = c.verdict.comment ? `\n${fitted(c.verdict.comment, FIELD_TEXT)}` : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*${t('card.verdict')}*\n${verdict.join(' ')}${comment}` },
    });
  }
  if (c.rootCause) {
    const { cause, corrective, preventive } = c.rootCause;
    const heading = `*${t('card.rootCause')}*\n`;
    const text = heading + fitted([cause, corrective, preventive].join('\n'), SECTION_TEXT - heading.length);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    const verification = fixLines(t, c, audience, policy.timezone);
    if (verification.length > 0)
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: verification.join('\n') }] });
  }
  blocks.push({ type: 'actions', block_id: 'case_actions', elements: caseButtons(t, c) });
  return blocks;
}

/** Evidence links Slack can show: its own https permalinks, nothing that could break out of `<url|name>`. */
const LINKABLE = /^https:\/\/[^\s|<>]+$/;

/**
 * What the register adds to the summary: the customer's demand, the address (only where the phone is shown
 * in full: it is personal data), a repeated fault, and the files attached as evidence.
 */
function registerBlocks(t: Translate, c: Case, audience: Audience): KnownBlock[] {
  const lines = [
    ...(c.demand ? [`*${t('card.demand')}*\n${fitted(c.demand, FIELD_TEXT)}`] : []),
    ...(c.address && audience === 'owner-or-manager'
      ? [`*${t('card.address')}*\n${fitted(c.address, NAME_TEXT)}`]
      : []),
  ];
  const blocks: KnownBlock[] = sections(lines);
  const notes: string[] = [];
  if (c.recurrence) notes.push(`↻ ${t('card.recurrence')}`);
  if (c.evidence?.length) {
    const heading = `📎 *${t('card.evidence')}*: `;
    const files: string[] = [];
    let size = heading.length + 20;
    for (const f of c.evidence) {
      const name = fitted(f.name || f.id, 200);
      const link = f.permalink && LINKABLE.test(f.permalink) ? `<${f.permalink}|${name}>` : name;
      if (size + link.length + 2 > SECTION_TEXT - 200) break;
      size += link.length + 2;
      files.push(link);
    }
    const rest = c.evidence.length - files.length;
    notes.push(heading + files.join(', ') + (rest > 0 ? ` ${t('report.more', { count: rest })}` : ''));
  }
  if (notes.length > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: notes.join('\n') }] });
  return blocks;
}

/** Who is responsible (for the people on the case), and whether a manager verified that the fix works. */
function fixLines(t: Translate, c: Case, audience: Audience, timezone: string): string[] {
  const lines: string[] = [];
  if (c.rootCause?.person && audience !== 'public')
    lines.push(`*${t('card.responsible')}*: <@${c.rootCause.person}>`);
  if (c.fixVerified)
    lines.push(
      `✓ ${t('card.fixVerified', { by: { person: c.fixVerified.by }, at: slackDate(c.fixVerified.at, timezone) })}`,
    );
  else if (c.fixVerified === null) lines.push(`⏳ ${t('card.fixPending')}`);
  return lines;
}

/** Fix verified (验证有效): a manager confirms the corrective action works; Slack asks them to confirm first. */
function verifyButton(t: Translate, c: Case) {
  return {
    type: 'button' as const,
    action_id: ids.verifyFix,
    text: plain(t('button.verifyFix')),
    value: c.number,
    confirm: {
      title: plain(t('confirm.verifyFix.title')),
      text: plain(t('confirm.verifyFix.text')),
      confirm: plain(t('confirm.verifyFix.yes')),
      deny: plain(t('confirm.verifyFix.no')),
    },
  };
}

/** Where the case stands; while a compensation waits for the GM, that is what it waits for. */
function statusText(t: Translate, c: Pick<Case, 'status' | 'pendingApproval'>): string {
  return c.pendingApproval ? t('status.awaiting_approval') : t(`status.${c.status}`);
}

function caseButtons(t: Translate, c: Case) {
  const button = (actionId: string, text: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: actionId,
    text: plain(text),
    value: c.number,
    ...(style ? { style } : {}),
  });
  if (c.pendingApproval) {
    // The GM decides; meanwhile the clocks run on, so the owner still talks to the customer or asks for time.
    return [
      button(ids.approve, t('button.approve'), 'primary'),
      button(ids.reject, t('button.reject'), 'danger'),
      ...(c.status === 'registered' ? [button(ids.acknowledge, t('button.acknowledge'))] : []),
      button(ids.contact, t('button.contact')),
      button(ids.extend, t('button.extend')),
    ];
  }
  if (c.status === 'closed') return [button(ids.reopen, t('button.reopen'))];
  const verifiable = c.rootCause !== undefined && !c.fixVerified;
  if (c.status === 'resolved') {
    return [
      ...(c.verdict ? [] : [button(ids.verdict, t('button.verdict'), 'primary')]),
      // Telling the customer the result is a contact too, and closing may wait for it.
      button(ids.contact, t('button.contact')),
      button(ids.rootCause, t('button.rootCause')),
      ...(verifiable ? [verifyButton(t, c)] : []),
      button(ids.close, t('button.close')),
      button(ids.reopen, t('button.reopen')),
    ];
  }
  return [
    ...(c.status === 'registered' ? [button(ids.acknowledge, t('button.acknowledge'), 'primary')] : []),
    button(ids.contact, t('button.contact')),
    button(ids.extend, t('button.extend')),
    button(ids.rootCause, t('button.rootCause')),
    ...(verifiable ? [verifyButton(t, c)] : []),
    button(ids.changeClass, t('button.changeClass')),
    button(ids.reassign, t('button.reassign')),
    button(ids.resolve, t('button.resolve')),
    { ...button(ids.escalate, t('button.escalate'), 'danger'), value: escalateValue(c) },
  ];
}

/** Cases a digest lists per actions block, one button each: Slack allows 25 elements in an actions block. */
const DIGEST_GROUP = 25;
/** Blocks Slack allows in one message. */
const MESSAGE_BLOCKS = 50;
/** Cases a list shows in one message, each a section, well within Slack's 50 blocks a message. */
export const LIST_MAX = 40;

/** Which deadlines of a case breached for the reader of a digest. */
function reachedText(t: Translate, deadlines: DeadlineKind[]): string {
  if (deadlines.length === 0) return t('digest.escalated');
  return t('digest.overdue', {
    deadlines: deadlines.map((d) => t(`deadline.${d}`)).join(t('list.separator')),
  });
}

/**
 * A digest: one line and one button per case, in groups of 25, as many groups as Slack's 50 blocks a message
 * hold; past them, how many more there are (`/complaint list` shows them all).
 */
export function digestBlocks(
  t: Translate,
  cases: Case[],
  reached: Map<string, DeadlineKind[]> = new Map(),
): { text: string; blocks: KnownBlock[] } {
  const text = t('notice.digest', { count: cases.length });
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${text}*` } }];
  let shown = 0;
  for (let i = 0; i < cases.length; i += DIGEST_GROUP) {
    const group = cases.slice(i, i + DIGEST_GROUP);
    const lines = group.map((c) =>
      t('digest.line', {
        number: { strong: c.number },
        reached: reachedText(t, reached.get(c.number) ?? []),
        category: fitted(categoryName(t, c.category), 100),
        owner: { person: c.owner },
        summary: fitted(c.summary, 60),
      }),
    );
    const buttons: KnownBlock = {
      type: 'actions',
      elements: group.map((c) => ({
        type: 'button' as const,
        action_id: `${ids.show}.${c.number}`,
        text: plain(t('button.show', { number: c.number })),
        value: c.number,
      })),
    };
    const next = [...sections(lines), buttons];
    // One block stays free for the line that says how many more there are.
    if (blocks.length + next.length > MESSAGE_BLOCKS - 1) break;
    blocks.push(...next);
    shown += group.length;
  }
  if (shown < cases.length) blocks.push(...sections([t('list.more', { count: cases.length - shown })]));
  return { text, blocks };
}

/**
 * Cases, one line each, with the phone as the reader may see it, and a button for the next page; past `LIST_MAX`
 * cases, how many more there are. The title is mrkdwn: what a person typed into it is escaped by the caller.
 */
export function caseListBlocks(
  t: Translate,
  title: string,
  cases: Case[],
  phoneOf: (c: Case) => string,
  more?: string,
): KnownBlock[] {
  const shown = cases.slice(0, LIST_MAX);
  const lines = shown.map((c) =>
    t('list.line', {
      number: { strong: c.number },
      status: t(`status.${c.status}`),
      category: fitted(categoryName(t, c.category), 100),
      customer: fitted(customerName(t, c), NAME_TEXT),
      phone: fitted(phoneOf(c), NAME_TEXT),
      owner: { person: c.owner },
      summary: fitted(c.summary, 120),
    }),
  );
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${cutMrkdwn(title, 1000)}*` } },
    ...lines.map((text) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } })),
  ];
  if (cases.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t('list.empty') } });
  if (cases.length > shown.length)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: t('list.more', { count: cases.length - shown.length }) },
    });
  if (more) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: ids.more, text: plain(t('button.more')), value: more }],
    });
  }
  return blocks;
}

/** Rows of each group of an assessment a report shows, most cases first; the export lists them all. */
const ASSESSMENT_ROWS = 25;

/** One part of a report as sections: names fitted to what a section shows, long lists said how long. */
function reportSections(t: Translate, part: ReportPart): KnownBlock[] {
  const none = [t('report.none')];
  switch (part.kind) {
    case 'figures':
      return sections(part.lines);
    case 'counts':
      return sections([
        `*${part.heading}*`,
        ...(part.rows.length ? part.rows.map((r) => `• ${fitted(r.name, 200)}: ${r.count}`) : none),
      ]);
    case 'numbers':
      // A long list of numbers is cut to what one section holds, and says how many more there are.
      return sections([
        `*${part.heading}*\n${numberList(t, part.numbers, SECTION_TEXT - part.heading.length - 100)}`,
      ]);
    case 'assessment': {
      const more = part.lines.length - ASSESSMENT_ROWS;
      return sections([
        `*${part.heading}*`,
        ...(part.lines.length ? part.lines.slice(0, ASSESSMENT_ROWS).map((l) => `• ${l}`) : none),
        ...(more > 0 ? [t('report.assessment.more', { count: more })] : []),
      ]);
    }
  }
}

/** The statistics of a period as a message to the GM (客户投诉周统计表 / 月汇总). */
export function reportBlocks(
  t: Translate,
  policy: Policy,
  kind: ReportKind,
  period: { from: Date; to: Date },
  stats: Statistics,
): { text: string; blocks: KnownBlock[] } {
  const { title, parts } = reportContent(t, policy, kind, period, stats, {
    department: (name) => fitted(name, 200),
    person: (id) => (isSlackUserId(id) ? { person: id } : fitted(id, 200)),
  });
  return {
    text: title,
    blocks: [{ type: 'header', text: plain(title) }, ...parts.flatMap((part) => reportSections(t, part))],
  };
}
