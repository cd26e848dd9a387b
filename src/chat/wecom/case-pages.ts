import { DateTime } from 'luxon';
import type { CaseFormName } from '../../app/forms/case-forms.js';
import { type Case, RESOLUTION_ACTIONS } from '../../domain/case.js';
import { SUMMARY_MAX } from '../../domain/complaint.js';
import type { Locale, Policy } from '../../domain/policy.js';
import { CONTACT_WAYS } from '../../domain/transitions.js';
import type { MessageKey, Translate } from '../i18n.js';
import { type CardAction, cardKey, statusText } from './cards.js';
import { CASE_PAGE, formPath } from './page-paths.js';
import { escapeHtml, type Field, type FormView, formPage, page } from './pages.js';
import { shortened, wecomDate } from './text.js';

/** Each form's title, and the words of the button that opens it, as Slack names them. */
export const CASE_FORM_WORDS: Record<CaseFormName, { title: MessageKey; button: MessageKey }> = {
  resolve: { title: 'modal.resolve.title', button: 'button.resolve' },
  contact: { title: 'modal.contact.title', button: 'button.contact' },
  extend: { title: 'modal.extend.title', button: 'button.extend' },
  rootCause: { title: 'modal.rootCause.title', button: 'button.rootCause' },
  verdict: { title: 'modal.verdict.title', button: 'button.verdict' },
  changeClass: { title: 'modal.class.title', button: 'button.changeClass' },
  reassign: { title: 'modal.reassign.title', button: 'button.reassign' },
  reopen: { title: 'modal.reopen.title', button: 'button.reopen' },
};

/** A date and time input's value (`2026-11-25T14:30`) in the policy's time zone. */
const DATETIME_INPUT = "yyyy-MM-dd'T'HH:mm";
export const datetimeValue = (at: Date, timezone: string) =>
  DateTime.fromJSDate(at, { zone: timezone }).toFormat(DATETIME_INPUT);

/** What a date and time input sent, as a time in the policy's time zone; nothing when it is no time. */
function timeOf(value: string, timezone: string): Date | undefined {
  const at = DateTime.fromFormat(value, DATETIME_INPUT, { zone: timezone });
  return at.isValid ? at.toJSDate() : undefined;
}

const longText = { kind: 'area', max: SUMMARY_MAX } as const;

/** The fields of each form, as Slack's modals have them; people are named by their WeCom account. */
export function caseFormFields(t: Translate, policy: Policy, form: CaseFormName): Field[] {
  const departments = policy.departments.map((d): [string, string] => [d.id, d.name]);
  const userid = (name: string, label: MessageKey): Field => ({
    name,
    label: t(label),
    control: { kind: 'text', max: 64 },
    hint: t('wecom.field.userid.hint'),
  });
  switch (form) {
    case 'resolve':
      return [
        {
          name: 'action',
          label: t('field.resolutionAction'),
          control: {
            kind: 'select',
            options: RESOLUTION_ACTIONS.map((a) => [a, t(`action.${a}`)]),
            initial: 'explanation',
          },
        },
        { name: 'amount', label: t('field.amount'), control: { kind: 'number' } },
        { name: 'resolution', label: t('field.resolution'), control: longText },
      ];
    case 'contact':
      return [
        { name: 'at', label: t('field.contactAt'), control: { kind: 'datetime' } },
        {
          name: 'how',
          label: t('field.contactHow'),
          control: { kind: 'select', options: CONTACT_WAYS.map((w) => [w, t(`contact.${w}`)]) },
        },
        { name: 'what', label: t('field.contactWhat'), control: longText },
      ];
    case 'extend':
      return [
        { name: 'promisedAt', label: t('field.promisedAt'), control: { kind: 'datetime' } },
        { name: 'reason', label: t('field.extendReason'), control: longText },
        {
          name: 'informed',
          label: t('field.informed'),
          control: { kind: 'check', option: t('field.informed.option') },
        },
      ];
    case 'rootCause':
      return [
        { name: 'cause', label: t('field.cause'), control: longText },
        { name: 'corrective', label: t('field.corrective'), control: longText },
        { name: 'preventive', label: t('field.preventive'), control: longText },
        {
          name: 'department',
          label: t('field.responsibleDepartment'),
          control: { kind: 'select', options: departments },
        },
        userid('person', 'field.responsiblePerson'),
      ];
    case 'verdict':
      return [
        {
          name: 'verdict',
          label: t('field.verdict'),
          control: {
            kind: 'select',
            options: [
              ['accepted', t('verdict.accepted')],
              ['rejected', t('verdict.rejected')],
            ],
          },
        },
        {
          name: 'satisfaction',
          label: t('field.satisfaction'),
          control: {
            kind: 'select',
            options: [5, 4, 3, 2, 1].map((n) => [String(n), `${'★'.repeat(n)} ${n}`]),
          },
        },
        { name: 'comment', label: t('field.verdictComment'), control: longText },
      ];
    case 'changeClass':
      return [
        {
          name: 'class',
          label: t('field.newClass'),
          control: { kind: 'select', options: ([1, 2, 3] as const).map((n) => [String(n), t(`class.${n}`)]) },
        },
        { name: 'reason', label: t('field.classReason'), control: longText },
      ];
    case 'reassign':
      return [
        {
          name: 'department',
          label: t('field.department'),
          control: { kind: 'select', options: departments },
        },
        userid('owner', 'field.newOwner'),
      ];
    case 'reopen':
      return [{ name: 'reason', label: t('field.reopenReason'), control: longText }];
  }
}

/**
 * What a form sent, field by field as its schema reads it: a time for a date and time, a yes or no for a check,
 * nothing for what was left empty (so a required field says so, and an optional one is absent).
 */
export function sentValues(
  fields: Field[],
  sent: URLSearchParams,
  timezone: string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { name, control } of fields) {
    const value = sent.get(name) ?? '';
    if (control.kind === 'check') values[name] = value !== '';
    else if (value === '') values[name] = undefined;
    else values[name] = control.kind === 'datetime' ? timeOf(value, timezone) : value;
  }
  return values;
}

/** The line above a form: which case it is about, and what it is about. */
function caseLead(t: Translate, c: Case): string {
  return `${t('card.title', { number: c.number })} · ${shortened(c.summary, 80)}`;
}

/** A form about a case, its fields as typed and with their errors; a contact is proposed as made now. */
export function caseFormPage(
  t: Translate,
  locale: Locale,
  policy: Policy,
  form: CaseFormName,
  c: Case,
  view: Omit<FormView, 'action' | 'lead'>,
  now: Date,
): string {
  const values = view.values ?? (form === 'contact' ? { at: datetimeValue(now, policy.timezone) } : {});
  return formPage(t, locale, t(CASE_FORM_WORDS[form].title), caseFormFields(t, policy, form), {
    ...view,
    values,
    action: formPath(form, c.number),
    lead: caseLead(t, c),
  });
}

/** What the case's page offers its reader now: buttons that need nothing typed, and forms. */
export interface CaseOffer {
  /** The page's sign-in, which its buttons send back. */
  session: string;
  buttons: Exclude<CardAction, 'show'>[];
  forms: CaseFormName[];
}

const BUTTON_WORDS: Record<CaseOffer['buttons'][number], MessageKey> = {
  acknowledge: 'button.acknowledge',
  escalate: 'button.escalate',
  verifyFix: 'button.verifyFix',
  close: 'button.close',
  approve: 'button.approve',
  reject: 'button.reject',
};

/**
 * The case's page, for someone on it: where it stands, its next deadline, what they can do now. It is where a
 * card's "More actions" and the complaints chat's link lead: a button is sent back to this page (`do`, as a card's
 * key), a form opens as a page of its own.
 */
export function casePage(t: Translate, locale: Locale, policy: Policy, c: Case, offer: CaseOffer): string {
  const next = c.deadlines.find((d) => !d.metAt);
  const facts = [
    t('wecom.fact', { label: t('card.status'), value: statusText(t, c) }),
    ...(next && !['resolved', 'closed'].includes(c.status)
      ? [
          t('deadline.line', {
            name: t(`deadline.${next.kind}`),
            due: wecomDate(next.dueAt, policy.timezone),
          }),
        ]
      : []),
  ];
  const self = escapeHtml(formPath(CASE_PAGE, c.number));
  const buttons = offer.buttons.map(
    (action) => `<form method="post" action="${self}">
<input type="hidden" name="session" value="${escapeHtml(offer.session)}">
<button type="submit" name="do" value="${escapeHtml(cardKey(action, c))}">${escapeHtml(t(BUTTON_WORDS[action]))}</button>
</form>`,
  );
  const links = offer.forms.map(
    (form) =>
      `<a class="button quiet" href="${escapeHtml(formPath(form, c.number))}">${escapeHtml(t(CASE_FORM_WORDS[form].button))}</a>`,
  );
  const some = buttons.length + links.length > 0;
  const body = `<p class="notice">${escapeHtml(shortened(c.summary, 300))}</p>
<ul class="facts">${facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
<p>${escapeHtml(t(some ? 'wecom.case.actions' : 'wecom.case.nothing'))}</p>
${[...buttons, ...links].join('\n')}`;
  return page(locale, t('card.title', { number: c.number }), body);
}
