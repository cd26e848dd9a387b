import { stringify } from 'csv-stringify/sync';
import type { Case } from '../domain/case.js';
import type { Policy } from '../domain/policy.js';
import type { Translate } from './i18n.js';
import { type Names, registerTable } from './register-table.js';

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
 * The register (投诉登记表) as CSV: one row per case, in the columns of `registerTable`; people by name where
 * `names` has them, the phone and address in full only where the reader may see them.
 */
export function registerCsv(
  t: Translate,
  policy: Policy,
  cases: Case[],
  reader: string,
  names: Names = new Map(),
): string {
  return stringify(registerTable(t, policy, cases, reader, names), CSV);
}
