/** The month a case belongs to, `YYYYMM`, as the calendar reads in the company's timezone. */
export function monthKey(now: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => Object.assign(acc, { [p.type]: p.value }), {});
  return `${parts.year}${parts.month}`;
}

/** A case number as printed on the register: month and serial, e.g. `202611-0007`. */
export function formatCaseNumber(month: string, serial: number): string {
  return `${month}-${String(serial).padStart(4, '0')}`;
}
