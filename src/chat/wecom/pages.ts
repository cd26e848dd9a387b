import type { Locale } from '../../domain/policy.js';
import type { Translate } from '../i18n.js';

/** Text as HTML shows it literally, in an element or an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Small screens first: WeCom opens the page in its own browser, mostly on a phone. */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:16px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f5f6f7}
main{max-width:640px;margin:0 auto}
h1{font-size:20px;margin:0 0 16px}
form>div{margin:0 0 14px}
label,.label{display:block;font-weight:600;margin:0 0 4px}
input[type=text],input[type=tel],input[type=number],input[type=datetime-local],select,textarea{width:100%;padding:10px;font:inherit;border:1px solid #c9cdd4;border-radius:6px;background:#fff}
textarea{min-height:96px}
label.option{display:flex;gap:8px;align-items:center;font-weight:400}
.hint{color:#646a73;font-size:14px;margin:4px 0 0}
.error{color:#d83931;font-size:14px;margin:4px 0 0}
.invalid input,.invalid select,.invalid textarea{border-color:#d83931}
.notice{padding:12px;border-radius:6px;background:#fff;margin:0 0 16px}
.notice.bad{border-left:4px solid #d83931}
.facts{padding:12px;border-radius:6px;background:#fff;margin:0 0 16px;list-style:none}
.facts li{margin:0 0 4px}
button,.button{display:block;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#3370ff;border:0;border-radius:6px;text-align:center;text-decoration:none;margin:0 0 10px}
.button.quiet{color:#3370ff;background:#fff;border:1px solid #3370ff}
`;

/** A whole page: its title as the heading, then the body (HTML). */
export function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>
`;
}

/** How a field is filled in. A select's options are [value, label]; a check is one box, sent as `yes`. */
export type Control =
  | { kind: 'text' | 'tel'; max: number }
  | { kind: 'number' }
  | { kind: 'area'; max: number }
  | { kind: 'datetime' }
  | { kind: 'select'; options: [string, string][]; initial?: string }
  | { kind: 'check'; option: string };

export interface Field {
  name: string;
  label: string;
  control: Control;
  hint?: string;
}

/** What a form page shows besides its fields: where it posts, the sign-in it carries, what was typed and wrong. */
export interface FormView {
  /** Where the form is posted: its own address. */
  action: string;
  /** The signed sign-in (handlers/wecom/session.ts) the form is sent back with. */
  session: string;
  /** A line above the fields: the case the form is about. */
  lead?: string;
  values?: Record<string, string>;
  /** A message per field, in the reader's language. */
  errors?: Record<string, string>;
}

function control(t: Translate, field: Field, value: string | undefined): string {
  const { name, control: c } = field;
  const typed = escapeHtml(value ?? '');
  switch (c.kind) {
    case 'text':
    case 'tel':
      return `<input type="${c.kind}" id="${name}" name="${name}" maxlength="${c.max}" value="${typed}">`;
    case 'number':
      return `<input type="number" id="${name}" name="${name}" step="any" inputmode="decimal" value="${typed}">`;
    case 'datetime':
      return `<input type="datetime-local" id="${name}" name="${name}" value="${typed}">`;
    case 'area':
      return `<textarea id="${name}" name="${name}" maxlength="${c.max}">${typed}</textarea>`;
    case 'select': {
      const chosen = value ?? c.initial ?? '';
      const items = [['', t('wecom.form.choose')] as [string, string], ...c.options].map(
        ([v, label]) =>
          `<option value="${escapeHtml(v)}"${v === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`,
      );
      return `<select id="${name}" name="${name}">${items.join('')}</select>`;
    }
    case 'check':
      return `<label class="option"><input type="checkbox" id="${name}" name="${name}" value="yes"${
        value ? ' checked' : ''
      }> ${escapeHtml(c.option)}</label>`;
  }
}

function fieldHtml(t: Translate, field: Field, view: FormView): string {
  const error = view.errors?.[field.name];
  // A check's label is its box's own: the field's name is a heading above it.
  const label =
    field.control.kind === 'check'
      ? `<p class="label">${escapeHtml(field.label)}</p>`
      : `<label for="${field.name}">${escapeHtml(field.label)}</label>`;
  return `<div${error ? ' class="invalid"' : ''}>
${label}
${control(t, field, view.values?.[field.name])}${field.hint ? `\n<p class="hint">${escapeHtml(field.hint)}</p>` : ''}${
  error ? `\n<p class="error" id="${field.name}-error">${escapeHtml(error)}</p>` : ''
}
</div>`;
}

/** A form: what was typed comes back in each field, with the field's error under it. */
export function formPage(
  t: Translate,
  locale: Locale,
  title: string,
  fields: Field[],
  view: FormView,
): string {
  const wrong = Object.keys(view.errors ?? {}).length > 0;
  const body = `${view.lead ? `<p class="notice">${escapeHtml(view.lead)}</p>\n` : ''}${
    wrong ? `<p class="notice bad">${escapeHtml(t('wecom.form.errors'))}</p>\n` : ''
  }<form method="post" action="${escapeHtml(view.action)}" novalidate>
<input type="hidden" name="session" value="${escapeHtml(view.session)}">
${fields.map((f) => fieldHtml(t, f, view)).join('\n')}
<button type="submit">${escapeHtml(t('modal.submit'))}</button>
</form>`;
  return page(locale, title, body);
}

/** A link that looks like a button. */
export interface Link {
  href: string;
  label: string;
}

/** A page that says one thing (registered, or why not), with links onwards when there are any. */
export function messagePage(
  locale: Locale,
  title: string,
  text: string,
  links: Link[] = [],
  bad = false,
): string {
  const onwards = links
    .map((link) => `\n<a class="button" href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`)
    .join('');
  return page(locale, title, `<p class="notice${bad ? ' bad' : ''}">${escapeHtml(text)}</p>${onwards}`);
}
