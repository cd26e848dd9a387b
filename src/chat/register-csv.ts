import { stringify } from 'csv-stringify/sync';
import type { Case } from '../domain/case.js';
import { maskPhone } from '../domain/phone.js';
import type { Policy } from '../domain/policy.js';
import { seesFullPhone } from '../domain/visibility.js';
import { categoryName } from './blocks.js';
import type { Translate } from './i18n.js';

/**
 * RFC 4180 with CRLF, a byte order mark (Excel reads a CSV file as UTF-8, Chinese included, only with one), a
 * field with any line break quoted, and a cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) made
 * text with a leading `'`, so a customer's words never run as a formula in the reader's spreadsheet.
 */
const CSV = {
  bom: true,
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  escape_formulas: true,
} as const;

/**
 * The register (投诉登记表) as CSV: one row per case, in the columns of the paper form; the phone in full only
 * where the reader may see it.
 */
export function registerCsv(t: Translate, policy: Policy, cases: Case[], reader: string): string {
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
    seesFullPhone(c, reader) ? c.customer.phone : maskPhone(c.customer.phone),
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
  return stringify([header, ...rows], CSV);
}
