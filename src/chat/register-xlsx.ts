import ExcelJS from 'exceljs';
import type { Cell } from './register-table.js';

/** What a spreadsheet could take for a formula, were the cell edited or saved as CSV: made text as in the CSV. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that starts like a formula gets a leading `'`, as the CSV export does; anything else stays as it is. */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A sheet of a workbook: its name (Excel takes 31 characters) and its rows, the header first. */
export interface Sheet {
  name: string;
  rows: Cell[][];
}

/** Columns are as wide as their longest line, within bounds a screen can show. */
const WIDTH = { min: 8, max: 60 } as const;
const widthOf = (value: Cell) =>
  Math.max(
    ...String(value)
      .split('\n')
      // A Chinese character takes about two columns.
      .map((line) => [...line].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)),
  );

/**
 * An `.xlsx` workbook (ExcelJS) of one sheet per table: the header bold and frozen, filters on it, every text
 * cell formatted as text with formula-like text neutralised, numbers as numbers.
 */
export async function workbook(sheets: Sheet[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Redress';
  for (const { name, rows } of sheets) {
    const sheet = book.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of rows) {
      const added = sheet.addRow(
        row.map((value) => (typeof value === 'number' ? value : neutralised(value))),
      );
      added.eachCell((cell) => {
        if (typeof cell.value === 'string') {
          cell.numFmt = '@';
          if (cell.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
        }
      });
    }
    sheet.getRow(1).font = { bold: true };
    const columns = rows[0]?.length ?? 0;
    if (columns > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
    for (let i = 0; i < columns; i++) {
      const widest = Math.max(...rows.map((r) => widthOf(r[i] ?? '')));
      sheet.getColumn(i + 1).width = Math.min(WIDTH.max, Math.max(WIDTH.min, widest + 2));
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
