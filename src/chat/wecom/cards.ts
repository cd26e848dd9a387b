import type { CaseFormName } from '../../app/forms/case-forms.js';
import type { Notice } from '../../app/ports.js';
import { type Case, isMajor } from '../../domain/case.js';
import { maskPhone, showPhone } from '../../domain/phone.js';
import type { Policy } from '../../domain/policy.js';
import { customerName, escalateValue, parseEscalateValue } from '../blocks.js';
import { categoryName, type Translate } from '../i18n.js';
import type { ButtonCard } from './api.js';
import { CASE_PAGE, formPath } from './page-paths.js';
import { shortened, wecomDate } from './text.js';

/** What a card's callback buttons do: the actions that need nothing typed; the forms open as pages (case-pages.ts). */
export const CARD_ACTIONS = [
  'acknowledge',
  'escalate',
  'verifyFix',
  'close',
  'approve',
  'reject',
  'show',
] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/** What a button's key says: the action and the case, and for Escalate now the level it was shown at. */
export interface CardKey {
  action: CardAction;
  number: string;
  level?: number;
}

const SEPARATOR = ':';

/** A button's key: `acknowledge:202611-0007`, `escalate:202611-0007/1`. */
export function cardKey(action: CardAction, c: Pick<Case, 'number' | 'level'>): string {
  return `${action}${SEPARATOR}${action === 'escalate' ? escalateValue(c) : c.number}`;
}

/** The action and case a clicked key names; null for a key no card of Redress carries. */
export function parseCardKey(key: string): CardKey | null {
  const at = key.indexOf(SEPARATOR);
  const action = key.slice(0, at);
  if (at < 0 || !(CARD_ACTIONS as readonly string[]).includes(action)) return null;
  const { number, level } = parseEscalateValue(key.slice(at + 1));
  if (!/^\d{6}-\d{4,}$/.test(number)) return null;
  return {
    action: action as CardAction,
    number,
    ...(action === 'escalate' && level !== undefined ? { level } : {}),
  };
}

/** WeCom's button styles. */
const STYLE = { primary: 1, normal: 2, danger: 3 } as const;

/**
 * The buttons that apply to the case now, as the Slack card chooses them, at most six (WeCom's limit): those that
 * need nothing typed are clicked back to Redress; a form (resolve, log a contact…) opens as a page of the app at
 * `pages`, the web process's public address, and the rest are on the case's page ("More actions").
 */
export function cardButtons(t: Translate, c: Case, pages: string): ButtonCard['buttons'] {
  const button = (action: CardAction, text: string, style: keyof typeof STYLE = 'normal') => ({
    text,
    key: cardKey(action, c),
    style: STYLE[style],
  });
  const form = (
    name: CaseFormName | typeof CASE_PAGE,
    text: string,
    style: keyof typeof STYLE = 'normal',
  ) => ({
    text,
    url: `${pages}${formPath(name, c.number)}`,
    style: STYLE[style],
  });
  const more = form(CASE_PAGE, t('wecom.button.actions'));
  const verifiable = c.rootCause !== undefined && !c.fixVerified && c.status !== 'closed';
  const verify = verifiable ? [button('verifyFix', t('button.verifyFix'))] : [];
  const acknowledge =
    c.status === 'registered' ? [button('acknowledge', t('button.acknowledge'), 'primary')] : [];
  const buttons = c.pendingApproval
    ? [
        button('approve', t('button.approve'), 'primary'),
        button('reject', t('button.reject'), 'danger'),
        ...acknowledge,
        form('contact', t('button.contact')),
        more,
      ]
    : c.status === 'closed'
      ? [form('reopen', t('button.reopen'))]
      : c.status === 'resolved'
        ? [
            ...(c.verdict ? [] : [form('verdict', t('button.verdict'), 'primary')]),
            form('contact', t('button.contact')),
            ...verify,
            button('close', t('button.close')),
            more,
          ]
        : [
            ...acknowledge,
            form('contact', t('button.contact')),
            form('resolve', t('button.resolve')),
            ...verify,
            button('escalate', t('button.escalate'), 'danger'),
            more,
          ];
  return buttons.slice(0, 6);
}

/** Where the case stands; while a compensation waits for the GM, that is what it waits for. */
export function statusText(t: Translate, c: Pick<Case, 'status' | 'pendingApproval'>): string {
  return c.pendingApproval ? t('status.awaiting_approval') : t(`status.${c.status}`);
}

/** What a notice says happened, in a line (the Slack card's first line). */
export function noticeLine(t: Translate, policy: Policy, notice: Notice, c: Case): string {
  const number = c.number;
  switch (notice.kind) {
    case 'warned':
    case 'nudged': {
      const deadline = c.deadlines.find((d) => d.kind === notice.deadline);
      const due = deadline ? wecomDate(deadline.dueAt, policy.timezone) : '';
      return t(`notice.${notice.kind}`, { number, deadline: t(`deadline.${notice.deadline}`), due });
    }
    case 'approval':
      return t('notice.approval', { number, amount: notice.amount });
    case 'batch':
      return t('notice.batch', {
        count: notice.customers,
        item: shortened(c.item ?? '', 100),
        numbers: notice.numbers.join(', '),
      });
    case 'outcome':
      return t(`notice.outcome.${notice.reader}`, { number });
    default:
      return t(`notice.${notice.kind}`, { number });
  }
}

/** What the card of one member shows: in full for the owner and the managers on the ladder (the phone too). */
export interface CardView {
  taskId: string;
  /** The web process's public address, where the buttons that open a form go. */
  pages: string;
  /** What happened; the case's status when the card is brought up to date after a click. */
  headline?: string;
  full: boolean;
  name: (userId: string) => string;
}

/**
 * The case as a button card to one member: its title, what happened, the summary and what the customer asks for,
 * six facts (WeCom shows six lines) and the buttons that apply now. WeCom shortens long lines itself; these are
 * shortened first, on a character.
 */
export function caseCard(t: Translate, c: Case, policy: Policy, view: CardView): ButtonCard {
  const department = policy.departments.find((d) => d.id === c.department)?.name ?? c.department;
  const phone = view.full
    ? showPhone(c.customer.phone, policy.country)
    : maskPhone(c.customer.phone, policy.country);
  const next = c.deadlines.find((d) => !d.metAt);
  const lines = [
    shortened(c.summary, 120),
    ...(c.demand ? [t('wecom.fact', { label: t('card.demand'), value: shortened(c.demand, 60) })] : []),
    ...(c.address && view.full
      ? [t('wecom.fact', { label: t('card.address'), value: shortened(c.address, 60) })]
      : []),
    ...(c.pendingApproval ? [t('card.pendingApproval', { amount: c.pendingApproval.amount })] : []),
  ];
  const field = (name: string, value: string) => ({ name, value: shortened(value, 30) });
  return {
    taskId: view.taskId,
    title: t('card.title', { number: c.number }) + (isMajor(c, policy) ? ` · ${t('card.major')}` : ''),
    description: shortened(view.headline ?? statusText(t, c), 80),
    subtitle: lines.join('\n'),
    fields: [
      field(t('card.customer'), customerName(t, c) || '—'),
      field(t('card.phone'), phone || '—'),
      field(t('card.category'), categoryName(t, c.category)),
      field(t('card.department'), department),
      field(t('card.owner'), view.name(c.owner)),
      next && !['resolved', 'closed'].includes(c.status)
        ? field(t(`deadline.${next.kind}`), wecomDate(next.dueAt, policy.timezone))
        : field(t('card.status'), statusText(t, c)),
    ],
    buttons: cardButtons(t, c, view.pages),
  };
}
