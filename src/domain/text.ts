/**
 * Characters that show nothing: white space and Unicode's default-ignorable code points (zero-width spaces and
 * joiners, direction marks and overrides, invisible operators, variation selectors, the byte order mark, the soft
 * hyphen, Hangul fillers, tags).
 */
const INVISIBLE = /[\s\p{Default_Ignorable_Code_Point}]/gu;

/** Marks, embeddings, overrides and isolates that reorder the text around them (a name shown backwards). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Whether a person would see anything at all: text of invisible characters only is empty. */
export function isVisible(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/** A name without the controls that would reorder it, and without space around it. */
export function cleanName(text: string): string {
  return text.replace(BIDI_CONTROLS, '').trim();
}

/** Text a person would see nothing of counts as empty. */
export function visibleOrEmpty(text: string): string {
  return isVisible(text) ? text : '';
}
