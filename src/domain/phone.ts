/** The phone number as dialled: digits with an optional leading `+`, separators removed. */
export function normalizePhone(text: string): string {
  return text.trim().replace(/[\s\-().]/g, '');
}

/** Whether the text is a phone number: 7 to 15 digits (ITU E.164), spaces, dashes and brackets allowed. */
export function isPhone(text: string): boolean {
  return /^\+?\d{7,15}$/.test(normalizePhone(text));
}

/** The number with its middle hidden, e.g. `138****5678`, for everyone but the owner and managers. */
export function maskPhone(phone: string): string {
  const digits = normalizePhone(phone);
  const keepEnd = 4;
  const keepStart = Math.min(3, Math.max(0, digits.length - keepEnd - 4));
  const hidden = digits.length - keepStart - keepEnd;
  return digits.slice(0, keepStart) + '*'.repeat(hidden) + digits.slice(-keepEnd);
}
