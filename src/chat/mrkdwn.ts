import type { Marks } from './i18n.js';

/** How Slack's mrkdwn writes what a message names: a person as a mention, a channel as a link, stress in bold. */
export const slackMarks: Marks = {
  person: (id) => `<@${id}>`,
  channel: (id) => `<#${id}>`,
  strong: (text, href) => (href ? `<${href}|${text}>` : `*${text}*`),
};

/**
 * Text a person typed (names, summaries, items, resolutions, notes, reasons, comments, searches) as Slack's
 * mrkdwn shows it literally: `&`, `<` and `>` escaped, so `<!channel>`, `<@U…>` or `<https://x|a link>` are
 * words, not mentions or links. Every such value goes through here before it enters a message.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A Slack message's text as the words a person reads in it: `<@U…>` as @U…, `<#C…|name>` as #name, a link as its
 * label (or its address), `&amp;`, `&lt;` and `&gt;` as the characters.
 */
export function plainText(text: string): string {
  return text
    .replace(/<([@#!])([^|>]*)\|([^>]*)>/g, (_all, sigil: string, id: string, label: string) =>
      sigil === '!' ? label || `@${id}` : `${sigil}${label || id}`,
    )
    .replace(/<([@#])([^>]*)>/g, '$1$2')
    .replace(/<!([^>]*)>/g, '@$1')
    .replace(/<([^|>]*)\|([^>]*)>/g, (_all, url: string, label: string) => label || url)
    .replace(/<([^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The longest start of a text within `max` UTF-16 units, never splitting a character. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // the first half of a pair whose second half would be cut
  return text.slice(0, end);
}

/** Mrkdwn in at most `max` characters: cut, when it must be, with … and never inside an escape like `&amp;`. */
export function cutMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  return `${clip(mrkdwn, max - 1).replace(/&[a-z]*$/, '')}…`;
}
