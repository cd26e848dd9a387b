import type { Case } from '../domain/case.js';
import type { Policy } from '../domain/policy.js';
import { categoryName } from './blocks.js';
import type { Translate } from './i18n.js';

/** Excel reads a CSV file as UTF-8, Chinese included, only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/** A field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The register (投诉登记表) as CSV: one row per case, in the columns of the paper form. */
export function registerCsv(t: Translate, policy: Policy, cases: Case[]): string {
  const time = (at?: Date) =>
    at
      ? new Intl.DateTimeFormat('sv-SE', {
          timeZone: policy.timezone,
          dateStyle: 'short',
          timeStyle: 'short',
        }).format(at)
      : '';
  const header = [
    t('export.number'),
    t('export.registeredAt'),
    t('card.customer'),
    t('card.phone'),
    t('card.channel'),
    t('card.category'),
    t('card.class'),
    t('field.summary'),
    t('field.item'),
    t('card.department'),
    t('card.owner'),
    t('card.receiver'),
    t('card.status'),
    t('card.resolution'),
    t('export.resolvedAt'),
  ];
  const rows = cases.map((c) => [
    c.number,
    time(c.createdAt),
    c.customer.name,
    c.customer.phone,
    t(`channel.${c.channel}`),
    categoryName(t, c.category),
    t(`class.${c.class}`),
    c.summary,
    c.item ?? '',
    policy.departments.find((d) => d.id === c.department)?.name ?? c.department,
    c.owner,
    c.receiver,
    t(`status.${c.status}`),
    c.resolution ?? '',
    time(c.timeline.find((e) => e.type === 'resolved')?.at),
  ]);
  return `${BOM}${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
