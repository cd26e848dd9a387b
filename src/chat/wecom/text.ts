import { type Marks, plainMarks, type Translate, written } from '../i18n.js';
import { clip } from '../mrkdwn.js';
import { fitBytes, TEXT_MAX_BYTES } from './api.js';

/** Where a filled-in value stands in a message while the message's own marks are rewritten around it. */
const SLOT = /\uE000(\d+)\uE001/g;

/**
 * A translator whose messages are rewritten for WeCom, with the values filled in left as they are: the catalogs'
 * Slack marks (mentions `<@…>`, emphasis `*…*`, code `` `…` ``) become what `rewrite` makes of them.
 */
function rewritten(
  t: Translate,
  rewrite: (message: string) => string,
  value: (v: string) => string,
  marks: Marks,
): Translate {
  return (key, params = {}) => {
    const values: string[] = [];
    const slots = Object.fromEntries(
      Object.entries(params).map(([name, v]) => {
        // Counts stay numbers, for the language's plural rules; a number carries no marks.
        if (typeof v === 'number') return [name, v];
        // A person, a conversation or stress, as WeCom writes it.
        values.push(typeof v === 'string' ? value(v) : String(written(v, marks)));
        return [name, `\uE000${values.length - 1}\uE001`];
      }),
    );
    return rewrite(t(key, slots)).replace(SLOT, (_all, i: string) => values[Number(i)] ?? '');
  };
}

const withoutMentions = (message: string) => message.replace(/<[@#]([^>|]*)(\|[^>]*)?>/g, '$1');

/** Messages as plain text, for cards and private answers: no marks at all. */
export function plainTranslator(t: Translate): Translate {
  return rewritten(
    t,
    (m) =>
      withoutMentions(m)
        .replace(/\*([^*\n]+)\*/g, '$1')
        .replace(/`([^`\n]+)`/g, '$1'),
    (v) => v,
    plainMarks,
  );
}

/** Messages as WeCom markdown, for the complaints chat, digests, lists and reports: emphasis in `**`. */
export function markdownTranslator(t: Translate): Translate {
  return rewritten(
    t,
    (m) => withoutMentions(m).replace(/\*([^*\n]+)\*/g, '**$1**'),
    markdownValue,
    markdownMarks,
  );
}

/** How WeCom markdown writes what a message names: ids as words, stress in `**`, or as a link to its page. */
const markdownMarks: Marks = {
  person: (id) => markdownValue(id),
  channel: (id) => markdownValue(id),
  strong: (text, href) => (href ? `[${markdownValue(text)}](${href})` : `**${markdownValue(text)}**`),
};

/** WeCom markdown's marks, each replaced by a character that looks like it but marks nothing. */
const MARKS: Record<string, string> = { '*': '＊', '[': '［', ']': '］', '`': 'ˋ', '<': '＜', '>': '＞' };

/**
 * Text a person typed, as WeCom markdown shows it literally: on one line (a `#` or `>` never starts one) and
 * with the marks of bold, links, code and font tags replaced by look-alikes.
 */
export function markdownValue(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[*[\]`<>]/g, (mark) => MARKS[mark] ?? mark);
}

/** A time as people of the company read it, in its time zone: `2026-11-03 14:05`. */
export function wecomDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}

/** Text in at most `max` characters, ending in … when it was cut. */
export function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${clip(text, max - 1)}…`;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
/** No one line takes more than this much of a message: a long summary leaves room for the lines after it. */
const LINE_MAX_BYTES = 600;

/**
 * Lines as one message of at most `max` bytes (WeCom cuts text and markdown at 2048, even inside a character):
 * whole lines as long as they fit, then one line saying how many were left out.
 */
export function fitLines(lines: string[], more: (count: number) => string, max = TEXT_MAX_BYTES): string {
  const fitted = lines.map((line) => fitBytes(line, LINE_MAX_BYTES));
  const whole = fitted.join('\n');
  if (bytes(whole) <= max) return whole;
  const kept: string[] = [];
  let size = 0;
  for (const [i, line] of fitted.entries()) {
    const tail = `\n${more(fitted.length - i)}`;
    if (size + bytes(line) + 1 + bytes(tail) > max) {
      kept.push(more(fitted.length - i));
      break;
    }
    kept.push(line);
    size += bytes(line) + 1;
  }
  return kept.join('\n');
}
