import { ADDRESS_MAX, DEMAND_MAX, INTAKE_CHANNELS, SUMMARY_MAX } from '../../domain/complaint.js';
import type { Locale, Policy } from '../../domain/policy.js';
import { categoryName } from '../blocks.js';
import type { MessageKey, Translate } from '../i18n.js';

/** Text as HTML shows it literally, in an element or an attribute. */
function escapeHtml(text: string): string {
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
label{display:block;font-weight:600;margin:0 0 4px}
input[type=text],input[type=tel],select,textarea{width:100%;padding:10px;font:inherit;border:1px solid #c9cdd4;border-radius:6px;background:#fff}
textarea{min-height:96px}
.check label{display:flex;gap:8px;align-items:center;font-weight:400}
.hint{color:#646a73;font-size:14px;margin:4px 0 0}
.error{color:#d83931;font-size:14px;margin:4px 0 0}
.invalid input,.invalid select,.invalid textarea{border-color:#d83931}
.notice{padding:12px;border-radius:6px;background:#fff;margin:0 0 16px}
.notice.bad{border-left:4px solid #d83931}
button,.button{display:block;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#3370ff;border:0;border-radius:6px;text-align:center;text-decoration:none}
`;

function page(locale: Locale, title: string, body: string): string {
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

/** What the registration page shows: the sign-in it carries, what was typed, and what was wrong with it. */
export interface RegisterPage {
  /** The signed sign-in (session.ts) the form is sent back with. */
  session: string;
  values?: Record<string, string>;
  /** A message per field, in the reader's language. */
  errors?: Record<string, string>;
}

/**
 * The registration form (投诉登记表), the fields and limits of Slack's: what was typed comes back with each
 * field's error under it. Evidence files are not taken here yet.
 */
export function registerPage(t: Translate, locale: Locale, policy: Policy, view: RegisterPage): string {
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const value = (name: string) => escapeHtml(values[name] ?? '');
  const field = (name: string, label: string, control: string, hint?: string) =>
    `<div${errors[name] ? ' class="invalid"' : ''}>
<label for="${name}">${escapeHtml(label)}</label>
${control}${hint ? `\n<p class="hint">${escapeHtml(hint)}</p>` : ''}${
  errors[name] ? `\n<p class="error" id="${name}-error">${escapeHtml(errors[name])}</p>` : ''
}
</div>`;
  const text = (name: string, max: number, type = 'text') =>
    `<input type="${type}" id="${name}" name="${name}" maxlength="${max}" value="${value(name)}">`;
  const area = (name: string, max: number) =>
    `<textarea id="${name}" name="${name}" maxlength="${max}">${value(name)}</textarea>`;
  const select = (name: string, options: [string, string][], initial = '') => {
    const chosen = values[name] ?? initial;
    const items = [['', t('wecom.form.choose')] as [string, string], ...options].map(
      ([v, label]) =>
        `<option value="${escapeHtml(v)}"${v === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`,
    );
    return `<select id="${name}" name="${name}">${items.join('')}</select>`;
  };
  const check = (name: string, label: MessageKey, option: MessageKey) =>
    `<div class="check"><p><strong>${escapeHtml(t(label))}</strong></p><label><input type="checkbox" name="${name}" value="yes"${
      values[name] ? ' checked' : ''
    }> ${escapeHtml(t(option))}</label></div>`;
  const classes = ([1, 2, 3] as const).map((c): [string, string] => [String(c), t(`class.${c}`)]);
  const wrong = Object.keys(errors).length > 0;
  const body = `${wrong ? `<p class="notice bad">${escapeHtml(t('wecom.form.errors'))}</p>\n` : ''}<form method="post" action="/wecom/forms/register" novalidate>
<input type="hidden" name="session" value="${escapeHtml(view.session)}">
${[
  field('customerName', t('field.customerName'), text('customerName', 100)),
  field(
    'customerPhone',
    t('field.customerPhone'),
    text('customerPhone', 30, 'tel'),
    t('field.customerPhone.hint'),
  ),
  field('summary', t('field.summary'), area('summary', SUMMARY_MAX)),
  field('demand', t('field.demand'), area('demand', DEMAND_MAX), t('field.demand.hint')),
  field('address', t('field.address'), text('address', ADDRESS_MAX), t('field.address.hint')),
  field('item', t('field.item'), text('item', 200)),
  field(
    'category',
    t('field.category'),
    select(
      'category',
      policy.categories.map((c) => [c, categoryName(t, c)]),
    ),
  ),
  field('class', t('field.class'), select('class', classes, '1')),
  field(
    'channel',
    t('field.channel'),
    select(
      'channel',
      INTAKE_CHANNELS.map((c) => [c, t(`channel.${c}`)]),
    ),
  ),
  field(
    'department',
    t('field.department'),
    select(
      'department',
      policy.departments.map((d) => [d.id, d.name]),
    ),
  ),
  field('respondent', t('wecom.field.respondent'), text('respondent', 64), t('field.respondent.hint')),
  check('compensation', 'field.compensation', 'field.compensation.option'),
  check('recurrence', 'field.recurrence', 'field.recurrence.option'),
].join('\n')}
<button type="submit">${escapeHtml(t('modal.submit'))}</button>
</form>`;
  return page(locale, t('modal.complaint.title'), body);
}

/** A page that says one thing (registered, or why not), with a link onwards when there is one. */
export function messagePage(
  locale: Locale,
  title: string,
  text: string,
  link?: { href: string; label: string },
  bad = false,
): string {
  const onwards = link
    ? `\n<a class="button" href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`
    : '';
  return page(locale, title, `<p class="notice${bad ? ' bad' : ''}">${escapeHtml(text)}</p>${onwards}`);
}
