// The WeCom sandbox page: what the chosen member's WeCom shows (the app's messages and the complaints group chat),
// polled from /sandbox/wecom/state; a click or a message goes to the app as WeCom's encrypted callback.

const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);
const state = {
  hello: null,
  me: localStorage.getItem('redress.wecom.me'),
  /** How many messages each member had when last shown: the rest are new, badged. */
  seen: JSON.parse(localStorage.getItem('redress.wecom.seen') ?? '{}'),
  counts: {},
  drawn: { people: '', messages: '', chat: '', refused: '' },
};

const words = () => state.hello.words;
const say = (text, params = {}) => text.replace(/\{(\w+)\}/g, (all, name) => params[name] ?? all);
const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

/** A page of the app, opened through WeCom's sign-in as the chosen member. */
const signedIn = (url) =>
  `/sandbox/wecom/open?member=${encodeURIComponent(state.me)}&url=${encodeURIComponent(url)}`;
const link = (url, text) =>
  /^https?:/.test(url) && url.startsWith(state.hello.publicUrl)
    ? `<a href="${escapeHtml(signedIn(url))}" target="_blank">${text}</a>`
    : `<a href="${escapeHtml(url)}" target="_blank" rel="noreferrer">${text}</a>`;

function roleText(role) {
  const w = words();
  if (role.kind === 'owner' || role.kind === 'manager')
    return say(w[role.kind], { department: role.department });
  return w[role.kind];
}

// --- what WeCom shows --------------------------------------------------------------------------------------

/** WeCom's markdown: # headings, > quotes, **bold**, [links](url), <font color="info|comment|warning">. */
function markdown(text) {
  return String(text)
    .split('\n')
    .map((line) => {
      let html = escapeHtml(line)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_all, label, url) => link(url.replace(/&amp;/g, '&'), label))
        .replace(
          /&lt;font color=&quot;(info|comment|warning)&quot;&gt;(.*?)&lt;\/font&gt;/g,
          '<span class="font-$1">$2</span>',
        );
      if (/^#{1,6} /.test(line)) return `<div class="md-heading">${html.replace(/^#{1,6} /, '')}</div>`;
      if (html.startsWith('&gt; ')) html = `<div class="md-quote">${html.slice(5)}</div>`;
      return html === '' ? '<br>' : `<div>${html}</div>`;
    })
    .join('');
}

/** A button card (template_card, button_interaction) as WeCom draws it. */
function card(m) {
  const c = m.card;
  const source = c.source?.desc ? `<div class="card-source">${escapeHtml(c.source.desc)}</div>` : '';
  const title = c.main_title?.title ? `<div class="card-title">${escapeHtml(c.main_title.title)}</div>` : '';
  const desc = c.main_title?.desc ? `<div class="card-desc">${escapeHtml(c.main_title.desc)}</div>` : '';
  const lines = c.sub_title_text ? `<div class="card-lines">${escapeHtml(c.sub_title_text)}</div>` : '';
  const fields = (c.horizontal_content_list ?? [])
    .map((f) => `<dt>${escapeHtml(f.keyname)}</dt><dd>${escapeHtml(f.value ?? '')}</dd>`)
    .join('');
  // After a click WeCom may replace the buttons by one word (replace_name).
  const buttons = m.replaceName
    ? `<div class="card-replaced">${escapeHtml(m.replaceName)}</div>`
    : `<div class="card-buttons">${(c.button_list ?? []).map((b) => cardButton(c.task_id, b)).join('')}</div>`;
  const updated = m.updated ? `<span class="updated">${escapeHtml(words().updated)}</span>` : '';
  return `<div class="card" data-task="${escapeHtml(c.task_id)}">${source}${title}${desc}${lines}
    ${fields ? `<dl class="card-fields">${fields}</dl>` : ''}${buttons}${updated}</div>`;
}

/** WeCom's button styles: 1 primary, 2 normal, 3 danger, 4 weak. */
function cardButton(taskId, b) {
  const style = { 1: 'primary', 3: 'danger', 4: 'weak' }[b.style] ?? '';
  const text = escapeHtml(b.text);
  if (b.type === 1)
    return `<a class="button ${style}" href="${escapeHtml(signedIn(b.url))}" target="_blank">${text}</a>`;
  return `<button type="button" class="button ${style}" data-task="${escapeHtml(taskId)}" data-key="${escapeHtml(b.key)}">${text}</button>`;
}

function message(m) {
  // In the policy's time zone, as the app writes every deadline.
  const time = new Date(m.at).toLocaleTimeString(state.hello.locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: state.hello.timezone,
  });
  let body;
  if (m.card) body = card(m);
  else if (m.media)
    body = `<a class="media" href="${escapeHtml(m.media.url)}" download>${escapeHtml(
      m.msgtype === 'image' ? words().image : words().file,
    )}: ${escapeHtml(m.media.name)}</a>`;
  else if (m.msgtype === 'markdown') body = `<div class="bubble">${markdown(m.content ?? '')}</div>`;
  else body = `<div class="bubble text">${escapeHtml(m.content ?? '')}</div>`;
  return `<article class="message" data-id="${m.id}"><div class="avatar">R</div>
    <div class="content"><div class="meta">Redress <time>${escapeHtml(time)}</time></div>${body}</div></article>`;
}

/** Redraws a list only when it changed, keeping the reader's place unless they were at the bottom. */
function draw(id, items, empty) {
  const html = items.length ? items.map(message).join('') : `<p class="empty">${escapeHtml(empty)}</p>`;
  if (state.drawn[id] === html) return;
  state.drawn[id] = html;
  const box = $(id);
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  box.innerHTML = html;
  if (atBottom) box.scrollTop = box.scrollHeight;
}

// --- who you are -------------------------------------------------------------------------------------------

function drawPeople() {
  const html = state.hello.people
    .map((p) => {
      const unseen = Math.max(0, (state.counts[p.id] ?? 0) - (state.seen[p.id] ?? 0));
      const badge = unseen && p.id !== state.me ? `<span class="badge">${unseen}</span>` : '';
      return `<li><button type="button" class="person${p.id === state.me ? ' active' : ''}" data-member="${escapeHtml(p.id)}">
        <strong>${escapeHtml(p.name)}</strong> <code>${escapeHtml(p.id)}</code>${badge}
        <small>${escapeHtml(p.roles.map(roleText).join(', '))}</small></button></li>`;
    })
    .join('');
  // Redrawn only when it changed: a chip replaced under the pointer would swallow the click.
  if (state.drawn.people !== html) {
    state.drawn.people = html;
    $('people').innerHTML = html;
  }
  $('register').href = signedIn(`${state.hello.publicUrl}/wecom/forms/register`);
}

function choose(member) {
  state.me = member;
  localStorage.setItem('redress.wecom.me', member);
  state.drawn.messages = '';
  drawPeople();
  poll();
}

// --- polling and acting ------------------------------------------------------------------------------------

async function poll() {
  const me = state.me;
  const answer = await fetch(`/sandbox/wecom/state?member=${encodeURIComponent(me)}`).catch(() => null);
  if (!answer?.ok || me !== state.me) return;
  const s = await answer.json();
  state.counts = s.counts;
  state.seen[me] = s.counts[me] ?? 0;
  localStorage.setItem('redress.wecom.seen', JSON.stringify(state.seen));
  draw('messages', s.messages, words().empty);
  draw('chat', s.chat, words().emptyChat);
  drawPeople();
  const refused = s.refused.map((r) => say(words().refused, r));
  if (refused.join('\n') !== state.drawn.refused) {
    state.drawn.refused = refused.join('\n');
    $('refusals').innerHTML = refused.map((r) => `<p>${escapeHtml(r)}</p>`).join('');
  }
}

async function post(path, body) {
  const answer = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ member: state.me, ...body }),
  });
  if (!answer.ok) $('refusals').insertAdjacentHTML('beforeend', `<p>${escapeHtml(await answer.text())}</p>`);
  poll();
}

document.addEventListener('click', (event) => {
  const target = event.target.closest('button');
  if (!target) return;
  if (target.dataset.member) return choose(target.dataset.member);
  if (target.dataset.tab) {
    document.querySelector('.panes').dataset.show = target.dataset.tab;
    for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab === target);
    return;
  }
  if (target.dataset.key) {
    target.disabled = true;
    post('/sandbox/wecom/click', { taskId: target.dataset.task, key: target.dataset.key });
  }
});

$('weekly').addEventListener('click', () => post('/sandbox/wecom/report', {}));

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('composer-input').value.trim();
  if (!text) return;
  $('composer-input').value = '';
  post('/sandbox/wecom/say', { text });
});

async function start() {
  state.hello = await (await fetch('/sandbox/wecom/hello')).json();
  const w = words();
  document.documentElement.lang = state.hello.locale;
  document.title = w.title;
  $('title').textContent = w.title;
  $('banner').textContent = say(w.banner, { deadlines: state.hello.deadlines });
  $('you-title').textContent = w.you;
  $('register').textContent = w.register;
  $('weekly').textContent = w.weekly;
  $('app-title').textContent = w.app;
  $('tab-app').textContent = w.app;
  $('chat-title').textContent = w.chat;
  $('tab-chat').textContent = w.chat;
  $('tab-app').classList.add('active');
  $('composer-input').placeholder = w.composer;
  $('composer-send').textContent = w.send;
  if (!state.hello.people.some((p) => p.id === state.me)) state.me = state.hello.people[0].id;
  choose(state.me);
  setInterval(poll, POLL_MS);
}

start();
