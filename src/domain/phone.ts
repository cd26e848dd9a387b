import { type CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** What a person may type as a phone number: digits, an optional leading `+`, spaces, dashes, dots and brackets. */
const DIALLED = /^\+?[\d\s\-().]+$/;

/**
 * The number in E.164 (`+8613812345678`), the one form it is stored, matched and searched in; a number written
 * without a country code is of `country`. Null when it is no number that can be dialled.
 */
export function normalizePhone(text: string, country: CountryCode): string | null {
  const typed = text.trim();
  if (!DIALLED.test(typed)) return null;
  const parsed = parsePhoneNumberFromString(typed, country);
  return parsed?.isValid() ? parsed.number : null;
}

/** A stored number split for people: its country code when it is not `country`'s, and the rest as dialled there. */
function parts(phone: string, country: CountryCode): { abroad: string; digits: string } {
  const parsed = phone.startsWith('+') ? parsePhoneNumberFromString(phone) : undefined;
  // A number stored before numbers were normalised is shown as it was typed.
  if (!parsed) return { abroad: '', digits: phone.replace(/[^\d+]/g, '') };
  if (parsed.countryCallingCode === getCountryCallingCode(country))
    return { abroad: '', digits: parsed.formatNational().replace(/\D/g, '') };
  return { abroad: `+${parsed.countryCallingCode}`, digits: parsed.nationalNumber };
}

/** The number as people of the company dial it: `13812345678` at home, `+447911123456` from abroad. */
export function showPhone(phone: string, country: CountryCode): string {
  const { abroad, digits } = parts(phone, country);
  return abroad + digits;
}

/** The number with its middle hidden, e.g. `138****5678`, for everyone but the owner and managers. */
export function maskPhone(phone: string, country: CountryCode): string {
  const { abroad, digits } = parts(phone, country);
  const keepEnd = 4;
  const keepStart = abroad ? 0 : Math.min(3, Math.max(0, digits.length - keepEnd - 4));
  const hidden = Math.max(0, digits.length - keepStart - keepEnd);
  return abroad + digits.slice(0, keepStart) + '*'.repeat(hidden) + digits.slice(-keepEnd);
}
