import { ADDRESS_MAX, DEMAND_MAX, INTAKE_CHANNELS, SUMMARY_MAX } from '../../domain/complaint.js';
import type { Locale, Policy } from '../../domain/policy.js';
import { categoryName, type Translate } from '../i18n.js';
import { type Field, type FormView, formPage } from './pages.js';

/** Where the registration form is, from the app's homepage or menu. */
export const REGISTER_PATH = '/wecom/forms/register';

/**
 * The registration form (投诉登记表), the fields and limits of Slack's: what was typed comes back with each
 * field's error under it. Evidence files are not taken here yet.
 */
export function registerPage(
  t: Translate,
  locale: Locale,
  policy: Policy,
  view: Omit<FormView, 'action'>,
): string {
  const classes = ([1, 2, 3] as const).map((c): [string, string] => [String(c), t(`class.${c}`)]);
  const fields: Field[] = [
    { name: 'customerName', label: t('field.customerName'), control: { kind: 'text', max: 100 } },
    {
      name: 'customerPhone',
      label: t('field.customerPhone'),
      control: { kind: 'tel', max: 30 },
      hint: t('field.customerPhone.hint'),
    },
    { name: 'summary', label: t('field.summary'), control: { kind: 'area', max: SUMMARY_MAX } },
    {
      name: 'demand',
      label: t('field.demand'),
      control: { kind: 'area', max: DEMAND_MAX },
      hint: t('field.demand.hint'),
    },
    {
      name: 'address',
      label: t('field.address'),
      control: { kind: 'text', max: ADDRESS_MAX },
      hint: t('field.address.hint'),
    },
    { name: 'item', label: t('field.item'), control: { kind: 'text', max: 200 } },
    {
      name: 'category',
      label: t('field.category'),
      control: { kind: 'select', options: policy.categories.map((c) => [c, categoryName(t, c)]) },
    },
    { name: 'class', label: t('field.class'), control: { kind: 'select', options: classes, initial: '1' } },
    {
      name: 'channel',
      label: t('field.channel'),
      control: { kind: 'select', options: INTAKE_CHANNELS.map((c) => [c, t(`channel.${c}`)]) },
    },
    {
      name: 'department',
      label: t('field.department'),
      control: { kind: 'select', options: policy.departments.map((d) => [d.id, d.name]) },
    },
    {
      name: 'respondent',
      label: t('wecom.field.respondent'),
      control: { kind: 'text', max: 64 },
      hint: t('field.respondent.hint'),
    },
    {
      name: 'compensation',
      label: t('field.compensation'),
      control: { kind: 'check', option: t('field.compensation.option') },
    },
    {
      name: 'recurrence',
      label: t('field.recurrence'),
      control: { kind: 'check', option: t('field.recurrence.option') },
    },
  ];
  return formPage(t, locale, t('modal.complaint.title'), fields, { ...view, action: REGISTER_PATH });
}
