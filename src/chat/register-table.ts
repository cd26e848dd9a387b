import type { Case } from '../domain/case.js';
import type { Policy } from '../domain/policy.js';
import type { Assessment, AssessmentRow } from '../domain/statistics.js';
import { phoneFor, seesFullPhone } from '../domain/visibility.js';
import { categoryName, type Translate } from './i18n.js';

/** People's names by Slack user id; whoever is missing is shown by their id. */
export type Names = ReadonlyMap<string, string>;
/** A cell of an exported table: text, or a number a spreadsheet can add up. */
export type Cell = string | number;

/** Everyone a register names: owners, receivers, responsible people, who verified a fix. */
export function peopleOf(cases: Case[]): string[] {
  const ids = cases.flatMap((c) => [c.owner, c.receiver, c.rootCause?.person, c.fixVerified?.by]);
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** A time in the company's timezone, as the paper register writes it: `2026-11-24 10:30`. */
function timeIn(timezone: string) {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (at?: Date | null) => (at ? format.format(at) : '');
}

/**
 * The register (投诉登记表) as a table, header first: one row per case in the columns of the paper form, then what
 * the case became: demand, evidence, verdict and satisfaction, root cause with its responsible department and
 * person, the verification of the fix. People by name; the phone and address in full only where the reader may
 * see them.
 */
export function registerTable(
  t: Translate,
  policy: Policy,
  cases: Case[],
  reader: string,
  names: Names,
): Cell[][] {
  const time = timeIn(policy.timezone);
  const person = (id?: string) => (id ? (names.get(id) ?? id) : '');
  const department = (id?: string) => (id ? (policy.departments.find((d) => d.id === id)?.name ?? id) : '');
  const header = [
    t('export.number'),
    t('export.registeredAt'),
    t('card.customer'),
    t('card.phone'),
    t('card.address'),
    t('card.channel'),
    t('card.category'),
    t('card.class'),
    t('field.summary'),
    t('field.item'),
    t('card.demand'),
    t('card.evidence'),
    t('field.recurrence'),
    t('card.department'),
    t('card.owner'),
    t('card.receiver'),
    t('card.status'),
    t('card.resolution'),
    t('export.resolvedAt'),
    t('card.verdict'),
    t('export.satisfaction'),
    t('field.cause'),
    t('field.corrective'),
    t('field.preventive'),
    t('field.responsibleDepartment'),
    t('card.responsible'),
    t('export.fixVerified'),
    t('export.closedAt'),
  ];
  const rows = cases.map((c): Cell[] => [
    c.number,
    time(c.createdAt),
    c.customer.name,
    phoneFor(c, reader, policy),
    seesFullPhone(c, reader) ? (c.address ?? '') : '',
    t(`channel.${c.channel}`),
    categoryName(t, c.category),
    t(`class.${c.class}`),
    c.summary,
    c.item ?? '',
    c.demand ?? '',
    (c.evidence ?? []).map((f) => (f.permalink ? `${f.name} ${f.permalink}` : f.name)).join('\n'),
    c.recurrence ? t('export.yes') : '',
    department(c.department),
    person(c.owner),
    person(c.receiver),
    t(`status.${c.status}`),
    c.resolution ?? '',
    time(c.timeline.find((e) => e.type === 'resolved')?.at),
    c.verdict ? t(c.verdict.accepted ? 'verdict.accepted' : 'verdict.rejected') : '',
    c.verdict ? c.verdict.satisfaction : '',
    c.rootCause?.cause ?? '',
    c.rootCause?.corrective ?? '',
    c.rootCause?.preventive ?? '',
    department(c.rootCause?.department),
    person(c.rootCause?.person),
    c.fixVerified ? `${person(c.fixVerified.by)} ${time(c.fixVerified.at)}` : '',
    time(c.closedAt),
  ]);
  return [header, ...rows];
}

/** Everyone an assessment names: the owners. */
export function peopleOfAssessment(a: Assessment): string[] {
  return a.byOwner.map((r) => r.key);
}

/**
 * The assessment (绩效考核) as a table, header first: one row per responsible department, then one per owner,
 * each with its cases, deadlines missed, average satisfaction, reopened and rejected cases.
 */
export function assessmentTable(t: Translate, policy: Policy, a: Assessment, names: Names): Cell[][] {
  const row = (by: string, name: string, r: AssessmentRow): Cell[] => [
    by,
    name,
    r.cases,
    r.missed,
    r.satisfaction ?? '',
    r.reopened,
    r.rejected,
  ];
  const department = (id: string) => policy.departments.find((d) => d.id === id)?.name ?? id;
  return [
    [
      t('export.assessment.group'),
      t('export.assessment.name'),
      t('export.assessment.cases'),
      t('export.assessment.missed'),
      t('export.assessment.satisfaction'),
      t('export.assessment.reopened'),
      t('export.assessment.rejected'),
    ],
    ...a.byResponsible.map((r) => row(t('field.responsibleDepartment'), department(r.key), r)),
    ...a.byOwner.map((r) => row(t('card.owner'), names.get(r.key) ?? r.key, r)),
  ];
}
