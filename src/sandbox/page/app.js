// The sandbox page: draws the workspace the app talks to, Block Kit included, and acts as the chosen person.
// Every change arrives on /sandbox/stream; every click goes to the app as Slack would send it.

const client = crypto.randomUUID();
const $ = (id) => document.getElementById(id);
const state = {
  hello: null,
  messages: new Map(),
  me: localStorage.getItem('redress.sandbox.me'),
  conversation: null,
  thread: null,
  modal: null,
  seen: new Map(),
  flash: new Set(),
};

const words = () => state.hello.words;
const say = (text, params = {}) => text.replace(/\{(\w+)\}/g, (all, name) => params[name] ?? all);
const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const person = (id) => state.hello.people.find((p) => p.id === id);
const nameOf = (id) => (id === state.hello.bot ? 'Redress' : (person(id)?.name ?? id));
const dmOf = (id) => `D${id.slice(1)}`;
const keyOf = (m) => `${m.channel}/${m.ts}`;

function roleText(role) {
  const w = words();
  if (role.kind === 'owner' || role.kind === 'manager')
    return say(w[role.kind], { department: role.department });
  return w[role.kind];
}

// --- mrkdwn ---------------------------------------------------------------------------------------------

function dateToken(body) {
  const [spec, fallback = ''] = body.split('|');
  const seconds = Number(spec.split('^')[1]);
  if (!Number.isFinite(seconds)) return escapeHtml(fallback);
  const at = new Date(seconds * 1000);
  const text = new Intl.DateTimeFormat(state.hello.locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(at);
  return `<time datetime="${at.toISOString()}">${escapeHtml(text)}</time>`;
}

function specialToken(body) {
  if (body.startsWith('@')) {
    const id = body.slice(1).split('|')[0];
    return `<span class="mention${id === state.me ? ' me' : ''}">@${escapeHtml(nameOf(id))}</span>`;
  }
  if (body.startsWith('#')) return '<span class="mention">#complaints</span>';
  if (body.startsWith('!date^')) return dateToken(body.slice(1));
  if (body.startsWith('!')) return `<span class="mention">@${escapeHtml(body.slice(1).split('|')[0])}</span>`;
  const [url, label] = body.split('|');
  if (!/^https?:/.test(url)) return escapeHtml(`<${body}>`);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noreferrer">${escapeHtml(label ?? url)}</a>`;
}

/** Slack's mrkdwn: &amp; &lt; &gt; escapes, <special> tokens, *bold*, _italic_, ~strike~, `code`. */
function mrkdwn(text) {
  const parts = String(text).split(/<([^<>]*)>/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return specialToken(part.replace(/&amp;/g, '&'));
      return part
        .replace(/&(?!(amp|lt|gt);)/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/`([^`\n]+)`/g, '<code>$1</code>')
        .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1<strong>$2</strong>')
        .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1<em>$2</em>')
        .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, '$1<del>$2</del>');
    })
    .join('')
    .replace(/\n/g, '<br>');
}

const textObject = (t) => (!t ? '' : t.type === 'mrkdwn' ? mrkdwn(t.text) : escapeHtml(t.text));

// --- Block Kit --------------------------------------------------------------------------------------------

function button(element, block, message) {
  const style = element.style ? ` ${element.style}` : '';
  const data = {
    channel: message.channel,
    ts: message.ts,
    ephemeral: message.ephemeralFor ? '1' : '',
    block: block.block_id ?? '',
    action: element.action_id,
    value: element.value ?? '',
  };
  const attributes = Object.entries(data)
    .map(([k, v]) => `data-${k}="${escapeHtml(v)}"`)
    .join(' ');
  return `<button type="button" class="button small${style}" ${attributes}>${escapeHtml(element.text.text)}</button>`;
}

function block(b, message) {
  switch (b.type) {
    case 'header':
      return `<div class="bk-header">${textObject(b.text)}</div>`;
    case 'section': {
      const text = b.text ? `<div class="bk-text">${textObject(b.text)}</div>` : '';
      const fields = b.fields
        ? `<div class="bk-fields">${b.fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`
        : '';
      const accessory = b.accessory?.type === 'button' ? button(b.accessory, b, message) : '';
      return `<div class="bk-section">${text}${fields}${accessory}</div>`;
    }
    case 'context':
      return `<div class="bk-context">${b.elements.map((e) => `<span>${textObject(e)}</span>`).join('')}</div>`;
    case 'actions':
      return `<div class="bk-actions">${b.elements
        .filter((e) => e.type === 'button')
        .map((e) => button(e, b, message))
        .join('')}</div>`;
    case 'divider':
      return '<hr class="bk-divider">';
    default:
      return '';
  }
}

function messageHtml(m, { inThread = false } = {}) {
  const replies = inThread ? [] : repliesOf(m);
  const body = m.blocks?.length
    ? m.blocks.map((b) => block(b, m)).join('')
    : `<div class="bk-text">${mrkdwn(m.text)}</div>`;
  const file = m.file
    ? `<a class="file" href="/sandbox/files/${escapeHtml(m.file.id)}" download>
         <span class="file-icon">CSV</span><span><strong>${escapeHtml(m.file.title)}</strong>
         <small>${escapeHtml(m.file.name)} · ${Math.max(1, Math.round(m.file.size / 1024))} KB · ${escapeHtml(words().download)}</small></span></a>`
    : '';
  const time = new Date(Number(m.ts.split('.')[0]) * 1000).toLocaleTimeString(state.hello.locale);
  const ephemeral = m.ephemeralFor ? `<div class="ephemeral">👁 ${escapeHtml(words().onlyYou)}</div>` : '';
  const thread = replies.length
    ? `<button type="button" class="replies" data-thread="${escapeHtml(m.ts)}">${escapeHtml(
        replies.length === 1 ? words().reply : say(words().replies, { n: replies.length }),
      )}</button>`
    : '';
  const classes = ['message', m.ephemeralFor ? 'is-ephemeral' : '', state.flash.has(keyOf(m)) ? 'flash' : ''];
  return `<article class="${classes.join(' ')}" data-key="${escapeHtml(keyOf(m))}">
    <div class="avatar bot">R</div>
    <div class="content">
      ${ephemeral}
      <div class="meta"><strong>Redress</strong><span class="tag">APP</span><span class="time">${escapeHtml(time)}</span>
      ${m.edited ? `<span class="time">${escapeHtml(words().edited)}</span>` : ''}</div>
      ${body}${file}${thread}
    </div>
  </article>`;
}

// --- the workspace ----------------------------------------------------------------------------------------

const all = () => [...state.messages.values()];
const repliesOf = (m) => all().filter((r) => r.channel === m.channel && r.thread_ts === m.ts);
const visible = (m) => !m.ephemeralFor || m.ephemeralFor === state.me;
const inConversation = (id) => all().filter((m) => m.channel === id && !m.thread_ts && visible(m));
const unread = (id, viewer) =>
  inConversation(id).filter(
    (m) => (!m.ephemeralFor || m.ephemeralFor === viewer) && m.ts > (state.seen.get(`${viewer}/${id}`) ?? ''),
  ).length;

function markSeen() {
  const last = inConversation(state.conversation).at(-1);
  if (last) state.seen.set(`${state.me}/${state.conversation}`, last.ts);
}

function badge(n) {
  return n > 0 ? `<span class="badge">${n}</span>` : '';
}

function drawSidebar() {
  const w = words();
  $('workspace-name').textContent = w.title;
  $('you-title').textContent = w.you;
  $('channels-title').textContent = w.channels;
  $('direct-title').textContent = w.direct;
  $('people').innerHTML = state.hello.people
    .map(
      (
        p,
      ) => `<li><button type="button" class="person${p.id === state.me ? ' active' : ''}" data-person="${p.id}">
        <span class="avatar small">${escapeHtml([...p.name][0])}</span>
        <span class="who"><span class="name">${escapeHtml(p.name)}</span><span class="role">${escapeHtml(
          p.roles.map(roleText).join(' · '),
        )}</span></span>${p.id === state.me ? '' : badge(unread(dmOf(p.id), p.id))}</button></li>`,
    )
    .join('');
  const channel = state.hello.channel;
  $('channels').innerHTML = `<li><button type="button" class="conversation${
    state.conversation === channel ? ' active' : ''
  }" data-conversation="${channel}"># complaints${badge(state.conversation === channel ? 0 : unread(channel, state.me))}</button></li>`;
  const dm = dmOf(state.me);
  $('direct').innerHTML = `<li><button type="button" class="conversation${
    state.conversation === dm ? ' active' : ''
  }" data-conversation="${dm}"><span class="presence"></span>${escapeHtml(w.app)}${badge(
    state.conversation === dm ? 0 : unread(dm, state.me),
  )}</button></li>`;
}

function drawMessages() {
  const list = inConversation(state.conversation);
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const empty = state.conversation === state.hello.channel ? words().emptyChannel : words().empty;
  box.innerHTML = list.length
    ? list.map((m) => messageHtml(m)).join('')
    : `<div class="empty">${escapeHtml(empty)}</div>`;
  if (atBottom) box.scrollTop = box.scrollHeight;
  $('conversation-title').textContent =
    state.conversation === state.hello.channel ? '# complaints' : `${words().app} · ${nameOf(state.me)}`;
  markSeen();
}

function drawThread() {
  const panel = $('thread');
  const parent = state.thread && state.messages.get(`${state.thread.channel}/${state.thread.ts}`);
  if (!parent) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  panel.innerHTML = `<header><strong>${escapeHtml(words().thread)}</strong>
    <button type="button" class="icon" data-close-thread>×</button></header>
    <div class="thread-body">${messageHtml(parent, { inThread: true })}
    <div class="thread-divider">${escapeHtml(say(words().replies, { n: repliesOf(parent).length }))}</div>
    ${repliesOf(parent)
      .map((m) => messageHtml(m, { inThread: true }))
      .join('')}</div>`;
}

function draw() {
  drawSidebar();
  drawMessages();
  drawThread();
}

function toast(text, kind = '') {
  const node = document.createElement('div');
  node.className = `toast ${kind}`;
  node.textContent = text;
  $('toasts').append(node);
  setTimeout(() => node.remove(), 6000);
}

// --- modals -----------------------------------------------------------------------------------------------

function inputElement(b) {
  const e = b.element;
  const id = `in-${b.block_id}`;
  const placeholder = e.placeholder ? ` placeholder="${escapeHtml(e.placeholder.text)}"` : '';
  const options = (list, chosen) =>
    `<option value="">${escapeHtml(words().choose)}</option>${list
      .map(
        (o) =>
          `<option value="${escapeHtml(o.value)}"${o.value === chosen ? ' selected' : ''}>${escapeHtml(o.text.text)}</option>`,
      )
      .join('')}`;
  switch (e.type) {
    case 'plain_text_input': {
      const max = e.max_length ? ` maxlength="${e.max_length}"` : '';
      const value = escapeHtml(e.initial_value ?? '');
      return e.multiline
        ? `<textarea id="${id}" rows="4"${max}${placeholder}>${value}</textarea>`
        : `<input id="${id}" type="text" value="${value}"${max}${placeholder}>`;
    }
    case 'number_input':
      return `<input id="${id}" type="number" step="${e.is_decimal_allowed ? 'any' : '1'}"${placeholder}>`;
    case 'static_select':
      return `<select id="${id}">${options(e.options, e.initial_option?.value)}</select>`;
    case 'users_select':
      return `<select id="${id}">${options(
        state.hello.people.map((p) => ({ value: p.id, text: { text: p.name } })),
        e.initial_user,
      )}</select>`;
    case 'checkboxes':
      return `<div id="${id}" class="checks">${e.options
        .map(
          (o) =>
            `<label><input type="checkbox" value="${escapeHtml(o.value)}"> ${escapeHtml(o.text.text)}</label>`,
        )
        .join('')}</div>`;
    case 'datetimepicker':
      return `<input id="${id}" type="datetime-local">`;
    default:
      return `<input id="${id}" type="text">`;
  }
}

function inputValue(b) {
  const node = $(`in-${b.block_id}`);
  if (!node) return null;
  switch (b.element.type) {
    case 'checkboxes':
      return [...node.querySelectorAll('input:checked')].map((c) => c.value);
    case 'datetimepicker':
      return node.value ? String(Math.floor(new Date(node.value).getTime() / 1000)) : null;
    default:
      return node.value.trim() === '' ? null : node.value;
  }
}

function drawModal(errors = {}) {
  const box = $('modal');
  if (!state.modal) {
    box.hidden = true;
    box.innerHTML = '';
    return;
  }
  const v = state.modal.view;
  const blocks = (v.blocks ?? [])
    .map((b) => {
      if (b.type !== 'input') return block(b, { channel: '', ts: '' });
      const error = errors[b.block_id];
      const optional = b.optional ? ` <span class="optional">${escapeHtml(words().optional)}</span>` : '';
      return `<div class="field${error ? ' has-error' : ''}" data-block="${escapeHtml(b.block_id)}">
        <label for="in-${escapeHtml(b.block_id)}">${escapeHtml(b.label.text)}${optional}</label>
        ${inputElement(b)}
        ${b.hint ? `<div class="hint">${escapeHtml(b.hint.text)}</div>` : ''}
        ${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ''}</div>`;
    })
    .join('');
  box.hidden = false;
  box.innerHTML = `<form class="modal" id="modal-form" novalidate>
    <header><h2>${escapeHtml(v.title?.text ?? '')}</h2><button type="button" class="icon" data-close-modal>×</button></header>
    <div class="modal-body">${blocks}</div>
    <footer>
      <button type="button" class="button" data-close-modal>${escapeHtml(v.close?.text ?? words().close)}</button>
      ${v.submit ? `<button type="submit" class="button primary">${escapeHtml(v.submit.text)}</button>` : ''}
    </footer></form>`;
}

/** Keeps what was typed when the form comes back with errors, as Slack does. */
function refill(values) {
  for (const [blockId, value] of Object.entries(values)) {
    const node = $(`in-${blockId}`);
    if (!node || value === null) continue;
    if (Array.isArray(value)) {
      for (const box of node.querySelectorAll('input')) box.checked = value.includes(box.value);
    } else if (node.type === 'datetime-local') {
      const at = new Date(Number(value) * 1000);
      node.value = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    } else node.value = value;
  }
}

async function submitModal() {
  const open = state.modal;
  const values = {};
  for (const b of open.view.blocks ?? []) if (b.type === 'input') values[b.block_id] = inputValue(b);
  const answer = await post('/sandbox/submit', { client, viewId: open.id, values });
  if (!answer) return;
  if (answer.errors) {
    drawModal(answer.errors);
    refill(values);
  } else if (answer.view) {
    state.modal = answer.view;
    drawModal();
  } else if (answer.refused) toast(answer.refused.join('\n'), 'error');
  else {
    state.modal = null;
    drawModal();
  }
}

async function closeModal() {
  if (state.modal) await post('/sandbox/close', { viewId: state.modal.id });
  state.modal = null;
  drawModal();
}

// --- acting as a person -----------------------------------------------------------------------------------

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    toast(answer?.error ?? `${response.status}`, 'error');
    return null;
  }
  return answer;
}

const command = (text) =>
  post('/sandbox/command', { user: state.me, client, channel: state.conversation, text });

function choose(personId) {
  state.me = personId;
  localStorage.setItem('redress.sandbox.me', personId);
  if (state.conversation !== state.hello.channel) state.conversation = dmOf(personId);
  state.thread = null;
  draw();
}

function onClick(event) {
  const target = event.target.closest('button');
  if (!target) return;
  const d = target.dataset;
  if (d.person) choose(d.person);
  else if (d.conversation) {
    state.conversation = d.conversation;
    state.thread = null;
    draw();
  } else if (d.action) {
    post('/sandbox/action', {
      user: state.me,
      client,
      channel: d.channel,
      ts: d.ts,
      ephemeral: d.ephemeral === '1',
      blockId: d.block,
      actionId: d.action,
      value: d.value,
    });
  } else if (d.thread !== undefined) {
    state.thread = { channel: state.conversation, ts: d.thread };
    drawThread();
  } else if (d.closeThread !== undefined) {
    state.thread = null;
    drawThread();
  } else if (d.closeModal !== undefined) closeModal();
}

function onEvent(event) {
  if (event.type === 'hello') {
    state.hello = event;
    state.messages = new Map(event.messages.map((m) => [keyOf(m), m]));
    if (!person(state.me)) state.me = event.people[0].id;
    state.conversation ??= event.channel;
    document.documentElement.lang = event.locale;
    document.title = event.words.title;
    $('banner').textContent = say(event.words.banner, { deadlines: event.deadlines });
    $('new-complaint').textContent = event.words.newComplaint;
    $('weekly').textContent = event.words.weekly;
    $('export').textContent = event.words.export;
    $('composer-input').placeholder = event.words.composer;
    $('composer-send').textContent = event.words.send;
    draw();
  } else if (event.type === 'message') {
    const key = keyOf(event.message);
    if (state.messages.has(key)) {
      state.flash.add(key);
      setTimeout(() => state.flash.delete(key), 1500);
    }
    state.messages.set(key, event.message);
    draw();
  } else if (event.type === 'view' && event.client === client) {
    state.modal = event.view;
    drawModal();
  } else if (event.type === 'refused') {
    toast(
      say(words().refused, { method: event.method, error: `${event.error} ${event.violations.join('; ')}` }),
      'error',
    );
  }
}

function connect() {
  const source = new EventSource('/sandbox/stream');
  source.onopen = () => {
    $('status').textContent = `● ${state.hello ? words().live : ''}`;
    $('status').className = 'status live';
  };
  source.onmessage = (message) => {
    onEvent(JSON.parse(message.data));
    $('status').textContent = `● ${words().live}`;
  };
  source.onerror = () => {
    $('status').textContent = `○ ${state.hello ? words().offline : ''}`;
    $('status').className = 'status';
  };
}

document.addEventListener('click', onClick);
$('new-complaint').addEventListener('click', () => command(''));
$('export').addEventListener('click', () => command('export'));
$('weekly').addEventListener('click', () => post('/sandbox/report', {}));
$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text) return;
  const match = /^\/complaint\b\s*(.*)$/s.exec(text);
  if (!match) {
    toast(words().composer, 'error');
    return;
  }
  input.value = '';
  command(match[1]);
});
$('modal').addEventListener('submit', (event) => {
  event.preventDefault();
  submitModal();
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.modal) closeModal();
});
connect();
