import type { CaseStore } from '../app/ports.js';
import { monthKey } from '../domain/case-number.js';
import type { Policy } from '../domain/policy.js';
import { readerOf } from '../domain/visibility.js';
import type { Translate } from './i18n.js';
import { registerCsv } from './register-csv.js';
import {
  assessmentTable,
  type Names,
  peopleOf,
  peopleOfAssessment,
  registerTable,
} from './register-table.js';
import { workbook } from './register-xlsx.js';

/** What an export asks for: a month (`YYYY-MM`, this month if none) and `xlsx` or `csv` (the default). */
export interface ExportRequest {
  month?: string;
  format: 'csv' | 'xlsx';
}

/** Reads `[YYYY-MM] [xlsx|csv]`, in either order; null for anything else. */
export function exportRequest(argument = ''): ExportRequest | null {
  let month: string | undefined;
  let format: 'csv' | 'xlsx' = 'csv';
  for (const word of argument.split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(word) && !month) month = word;
    else if (lower === 'xlsx' || lower === 'csv') format = lower;
    else return null;
  }
  return { ...(month ? { month } : {}), format };
}

/** The register as a file to send: its name, its bytes, and a title for the message that carries it. */
export interface RegisterFile {
  filename: string;
  file: Buffer;
  title: string;
}

export interface RegisterFileDeps {
  t: Translate;
  policy: Policy;
  store: Pick<CaseStore, 'casesOfMonth' | 'assessment'>;
  /** People's names by their chat ids, as the platform knows them. */
  names: (ids: string[]) => Promise<Names>;
}

/**
 * The month's register for a manager, on any platform: a CSV file, or a workbook that adds the month's assessment
 * (绩效考核) by responsible department and by owner. A department manager's departments only, never a case about
 * the asker, phones and addresses in full only where they may see them, people by their names. Who may export
 * (`isManager`) is the caller's to check first.
 */
export async function registerFile(
  { t, policy, store, names }: RegisterFileDeps,
  asker: string,
  request: ExportRequest,
  now: Date,
): Promise<RegisterFile> {
  const key = request.month ? request.month.replace('-', '') : monthKey(now, policy.timezone);
  const reader = readerOf(asker, policy);
  const title = t('export.title', { month: `${key.slice(0, 4)}-${key.slice(4)}` });
  const cases = await store.casesOfMonth(key, reader);
  if (request.format === 'xlsx') {
    const assessment = await store.assessment(key, now, reader);
    const named = await names([...peopleOf(cases), ...peopleOfAssessment(assessment)]);
    const file = await workbook([
      { name: t('export.sheet.register'), rows: registerTable(t, policy, cases, asker, named) },
      { name: t('export.sheet.assessment'), rows: assessmentTable(t, policy, assessment, named) },
    ]);
    return { filename: `complaints-${key}.xlsx`, file, title };
  }
  const named = await names(peopleOf(cases));
  const csv = registerCsv(t, policy, cases, asker, named);
  return { filename: `complaints-${key}.csv`, file: Buffer.from(csv, 'utf8'), title };
}
