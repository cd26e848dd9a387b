import type { CaseFormName } from '../../app/forms/case-forms.js';

/** Where the forms about a case are: `/wecom/forms/resolve?case=202611-0007`; the case's own page is `case`. */
export const CASE_PAGE = 'case';
export const formPath = (form: CaseFormName | typeof CASE_PAGE, number: string) =>
  `/wecom/forms/${form}?${new URLSearchParams({ case: number })}`;
/** The case's page at the web process's public address `pages`, as messages link to it. */
export const casePageUrl = (pages: string) => (number: string) => `${pages}${formPath(CASE_PAGE, number)}`;
