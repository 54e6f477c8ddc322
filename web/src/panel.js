// The side panel: a merged event with every report that mentions it, the
// article reader, and the box that codes a pasted or uploaded report.
import { get, post, isAbort } from './api.js';
import { h, clear, message, $ } from './dom.js';
import { byteMap, findNear, annotate, flash, legend, KIND_LABELS } from './highlight.js';
import { cameoLabel, countryName, rootName, quadName, quadOfRoot, num, gold, actorCode } from './labels.js';
import * as store from './state.js';

let panel;
let body;
let title;
let back;
let scrim;
let ctrl;
let shown = ''; // what the panel shows now: "event:ID", "article:ID", "code"
let lastFocus = null;

/** init wires the panel's buttons. */
export function init() {
  panel = $('panel');
  body = $('panel-body');
  title = $('panel-title');
  back = $('panel-back');
  scrim = $('scrim');
  $('panel-close').addEventListener('click', close);
  scrim.addEventListener('click', close);
  back.addEventListener('click', () => store.set({ article: '' }));
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !panel.hidden) close();
  });
}

function close() {
  store.set({ event: '', article: '', panel: '' });
}

/** update shows what the state asks for: an article, an event, the code box or nothing. */
export function update(state) {
  let want = '';
  if (state.article) want = `article:${state.article}`;
  else if (state.event) want = `event:${state.event}`;
  else if (state.panel === 'code') want = 'code';
  if (want === shown) return;
  shown = want;
  ctrl?.abort();
  ctrl = new AbortController();
  back.hidden = !(state.article && state.event);
  if (!want) {
    panel.hidden = true;
    scrim.hidden = true;
    document.body.classList.remove('panel-open');
    lastFocus?.focus?.();
    return;
  }
  if (panel.hidden) lastFocus = document.activeElement;
  panel.hidden = false;
  scrim.hidden = false;
  document.body.classList.add('panel-open');
  panel.dataset.view = want.split(':')[0];
  body.scrollTop = 0;
  if (state.article) showArticle(state.article, ctrl.signal);
  else if (state.event) showEvent(state.event, ctrl.signal);
  else showCode();
  title.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- events

function actorLine(label, a, extra) {
  if (!a) return null;
  return h(
    'div',
    { class: 'kv' },
    h('dt', { text: label }),
    h('dd', null, h('span', { class: 'code', text: actorCode(a) }), a.text && a.text !== a.code ? ` ${a.text}` : '', extra || ''),
  );
}

function kv(label, ...value) {
  return h('div', { class: 'kv' }, h('dt', { text: label }), h('dd', null, ...value));
}

// sentenceSpans returns the highlight spans of one event within the text
// that starts at byte offset base (an article or one sentence of it).
function eventSpans(e, text, map, base, id) {
  const spans = [];
  const at = (span, kind, label) => {
    if (!span || span.start == null || span.end == null) return;
    const s = map(span.start - base);
    const t = map(span.end - base);
    if (t > s) spans.push({ start: s, end: t, kind, label, id });
  };
  const who = (a) => (a ? `${a.code || '?'}${a.text ? ` “${a.text}”` : ''}` : '');
  at(e.source, 'source', `Source: ${who(e.source)}`);
  at(e.target, 'target', `Target: ${who(e.target)}`);
  at(e.claimant, 'claimant', `Claimant: ${who(e.claimant)}`);
  at(e.evidence, 'evidence', `Action: ${e.cameo} ${cameoLabel(e.cameo)}`);
  return spans;
}

function contextSpans(m) {
  const ctx = m.context || {};
  const text = ctx.text || m.sentence_text || '';
  const map = byteMap(text);
  const base = ctx.start || 0;
  const spans = eventSpans(m, text, map, base, null);
  const ev = spans.find((s) => s.kind === 'evidence');
  const near = ev ? ev.start : 0;
  if (m.place) {
    const hit = findNear(text, m.place.via || m.place.text || m.place.name, near);
    if (hit) spans.push({ start: hit[0], end: hit[1], kind: 'place', label: `Place: ${m.place.name}${m.place.country ? `, ${m.place.country}` : ''}` });
  }
  if (m.date && m.date.text) {
    const hit = findNear(text, m.date.text, near);
    if (hit) spans.push({ start: hit[0], end: hit[1], kind: 'time', label: `Time: ${m.date.value}` });
  }
  return { text, spans };
}

function placeText(p) {
  if (!p) return '—';
  return [p.name, p.admin1 && p.admin1 !== p.name ? p.admin1 : '', p.country ? countryName(p.country) : ''].filter(Boolean).join(', ') + (p.precision ? ` (${p.precision})` : '');
}

function dateText(d) {
  if (!d) return '—';
  return `${d.value}${d.text ? ` — “${d.text}”` : ''}${d.precision ? ` (${d.precision})` : ''}`;
}

function mentionCard(m) {
  const { text, spans } = contextSpans(m);
  const sentence = h('blockquote', { class: 'sentence' }, text ? annotate(text, spans).node : message('No sentence stored.'));
  return h(
    'article',
    { class: 'mention' },
    h(
      'header',
      { class: 'mention-head' },
      h('button', {
        type: 'button',
        class: 'link mention-title',
        text: m.title || m.url || 'Untitled report',
        on: { click: () => store.set({ article: m.article_id }) },
      }),
      h('span', { class: 'sub', text: [m.outlet, m.published].filter(Boolean).join(' · ') }),
    ),
    sentence,
    h(
      'dl',
      { class: 'kvs' },
      kv('Action', h('span', { class: `cameo q${m.quad || quadOfRoot(m.root)}`, text: m.cameo }), ` ${cameoLabel(m.cameo)}`),
      kv('Pattern', h('code', { class: 'pattern', text: m.evidence?.pattern || '—' })),
      actorLine('Source', m.source),
      actorLine('Target', m.target),
      m.claimant ? actorLine('Claimant', m.claimant) : kv('Claimant', '— (the report itself)'),
      kv('Modality', h('span', { class: `modality m-${m.modality}`, text: m.modality || 'asserted' })),
      kv('Place', placeText(m.place)),
      kv('Time', dateText(m.date)),
      kv('Goldstein', gold(m.goldstein), m.plover ? ` · PLOVER ${m.plover}` : ''),
    ),
  );
}

function actorName(a) {
  if (!a) return '—';
  if (typeof a === 'string') return a;
  return a.code || a.text || '—';
}

async function showEvent(id, signal) {
  title.textContent = 'Event';
  clear(body, message('Loading the event…'));
  try {
    const res = await get(`clusters/${encodeURIComponent(id)}`, null, signal);
    const c = res.cluster || {};
    const mentions = res.mentions || [];
    const q = quadOfRoot(c.root);
    const span = c.start && c.end && c.start !== c.end ? `${c.start} – ${c.end}` : c.start || c.end || '';
    title.textContent = `${actorName(c.source)} → ${actorName(c.target)}`;
    clear(
      body,
      h(
        'section',
        { class: 'event-summary' },
        h('p', { class: 'event-kind' }, h('span', { class: `cameo q${q}`, text: c.root || '' }), ` ${rootName(c.root)} · ${quadName(q)}`),
        h(
          'dl',
          { class: 'stats-grid' },
          kv('When', span || '—'),
          kv('Country', c.country ? `${countryName(c.country)} (${c.country})` : '—'),
          kv('Mentions', num(c.mentions ?? mentions.length)),
          kv('Reports', num(c.articles)),
          kv('Sources', num(c.sources)),
          kv('Goldstein', gold(c.goldstein)),
        ),
        legend(['source', 'target', 'claimant', 'evidence', 'place', 'time']),
      ),
      h('h3', { class: 'section-title', text: `Reports that mention it (${num(mentions.length)})` }),
      mentions.length ? mentions.map(mentionCard) : message('No mentions stored.'),
    );
  } catch (e) {
    if (isAbort(e)) return;
    clear(body, message(e.status === 404 ? 'This event is not in the store.' : `The event failed to load: ${e.message}`, 'error'));
  }
}

// --------------------------------------------------------------- records

const ALL_KINDS = ['source', 'target', 'claimant', 'speaker', 'evidence', 'place', 'time', 'quote', 'casualty'];

function recordSpans(rec, text, map) {
  const spans = [];
  (rec.events || []).forEach((e, i) => spans.push(...eventSpans(e, text, map, 0, `ev${i}`)));
  (rec.places || []).forEach((p, i) => {
    spans.push({ start: map(p.start), end: map(p.end), kind: 'place', label: `Place: ${p.name}${p.country ? `, ${p.country}` : ''} (${p.precision || '?'})`, id: `pl${i}` });
  });
  (rec.times || []).forEach((t, i) => {
    spans.push({ start: map(t.start), end: map(t.end), kind: 'time', label: `Time: ${t.value} (${t.precision || '?'})`, id: `tm${i}` });
  });
  (rec.quotes || []).forEach((q, i) => {
    spans.push({ start: map(q.start), end: map(q.end), kind: 'quote', label: `Quote${q.speaker ? ` by ${q.speaker.code || q.speaker.text}` : ''}`, id: `qt${i}` });
    if (q.speaker && q.speaker.start != null) {
      spans.push({ start: map(q.speaker.start), end: map(q.speaker.end), kind: 'speaker', label: `Speaker: ${q.speaker.text}`, id: `qt${i}` });
    }
  });
  const sentences = rec.sentences || [];
  (rec.casualties || []).forEach((c, i) => {
    const s = sentences.find((x) => x.index === c.sentence) || sentences[c.sentence];
    const from = s ? map(s.start) : 0;
    const to = s ? map(s.end) : text.length;
    const hit = findNear(text, c.text, from, from, to);
    const label = `Casualties: ${c.kind} ${countText(c.count)}`;
    if (hit) spans.push({ start: hit[0], end: hit[1], kind: 'casualty', label, id: `cs${i}` });
    else if (c.victims && c.victims.start != null) spans.push({ start: map(c.victims.start), end: map(c.victims.end), kind: 'casualty', label, id: `cs${i}` });
  });
  return spans;
}

function countText(c) {
  if (!c) return '';
  const { best, low, high } = c;
  if (best == null && low == null && high == null) return '?';
  if (low != null && high != null && low !== high) return `${num(best ?? low)} (${num(low)}–${num(high)})`;
  if (low != null && high == null && best === low) return `at least ${num(best)}`;
  return num(best ?? low ?? high);
}

function list(titleText, items, render) {
  if (!items || items.length === 0) return null;
  return h('section', { class: 'record-list' }, h('h3', { class: 'section-title', text: `${titleText} (${num(items.length)})` }), h('ol', null, items.map(render)));
}

/**
 * renderRecord shows one record (the article's text with every annotation
 * highlighted, then each kind of item listed). It is used by the article
 * reader and by the code box.
 */
export function renderRecord(rec, { stored = true } = {}) {
  const a = rec.article || {};
  const text = a.text || '';
  const map = byteMap(text);
  const spans = recordSpans(rec, text, map);
  const hidden = new Set();
  const textBox = h('div', { class: 'article-text', lang: a.lang || null });
  let anchors = new Map();
  const paint = () => {
    const r = annotate(text, spans.filter((s) => !hidden.has(s.kind)));
    anchors = r.anchors;
    clear(textBox, r.node);
  };
  paint();
  const go = (id) => () => flash(anchors.get(id));
  const present = ALL_KINDS.filter((k) => spans.some((s) => s.kind === k));
  const toggles = h(
    'fieldset',
    { class: 'toggles' },
    h('legend', { text: 'Highlight' }),
    present.map((k) =>
      h(
        'label',
        { class: 'toggle' },
        h('input', {
          type: 'checkbox',
          checked: true,
          on: {
            change: (ev) => {
              if (ev.target.checked) hidden.delete(k);
              else hidden.add(k);
              paint();
            },
          },
        }),
        h('mark', { class: `hl hl-${k}`, text: KIND_LABELS[k] }),
      ),
    ),
  );
  const item = (id, ...content) => h('li', null, h('button', { type: 'button', class: 'item', title: 'Show in the text', on: { click: go(id) } }, ...content));
  const events = rec.events || [];
  const meta = [a.source, a.published, a.lang].filter(Boolean).join(' · ');
  return h(
    'div',
    { class: 'record' },
    h(
      'header',
      { class: 'record-head' },
      h('h3', { class: 'record-title', text: a.title || 'Untitled report' }),
      h('p', { class: 'sub', text: meta }),
      a.url && /^https?:\/\//i.test(a.url) ? h('p', { class: 'sub url' }, h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer', text: a.url })) : a.url ? h('p', { class: 'sub url', text: a.url }) : null,
      h(
        'p',
        { class: 'record-counts' },
        [
          [events.length, 'events'],
          [(rec.casualties || []).length, 'casualty reports'],
          [(rec.quotes || []).length, 'quotes'],
          [(rec.places || []).length, 'places'],
          [(rec.times || []).length, 'times'],
        ].map(([n, l]) => h('span', { class: 'count-pill' }, h('strong', { text: num(n) }), ` ${l}`)),
        stored ? null : h('span', { class: 'count-pill muted', text: 'not stored' }),
      ),
    ),
    toggles,
    textBox,
    list('Events', events, (e, i) =>
      item(
        `ev${i}`,
        h('span', { class: `cameo q${e.quad || quadOfRoot(e.root)}`, text: e.cameo }),
        h(
          'span',
          { class: 'item-main' },
          h('span', { class: 'item-line' }, h('strong', { text: actorCode(e.source) || '—' }), ' → ', h('strong', { text: actorCode(e.target) || '—' }), ` · ${cameoLabel(e.cameo)}`),
          h('span', { class: 'sub', text: [e.modality !== 'asserted' ? e.modality : '', e.claimant ? `claimed by ${actorCode(e.claimant)}` : '', e.place?.name, e.date?.value].filter(Boolean).join(' · ') }),
          e.evidence?.pattern ? h('code', { class: 'pattern', text: e.evidence.pattern }) : null,
        ),
      ),
    ),
    list('Casualties', rec.casualties, (c, i) =>
      item(
        `cs${i}`,
        h('span', { class: 'tag tag-casualty', text: c.kind }),
        h(
          'span',
          { class: 'item-main' },
          h('span', { class: 'item-line' }, h('strong', { text: countText(c.count) }), c.victims ? ` ${c.victims.code || c.victims.text}` : '', c.cause ? ` · ${c.cause}` : ''),
          h('span', { class: 'sub', text: [c.text ? `“${c.text}”` : '', c.perpetrator ? `by ${actorCode(c.perpetrator)}` : '', c.place?.name, c.date?.value, c.reported_by ? `says ${actorCode(c.reported_by)}` : ''].filter(Boolean).join(' · ') }),
        ),
      ),
    ),
    list('Quotes', rec.quotes, (q, i) =>
      item(
        `qt${i}`,
        h('span', { class: 'tag tag-quote', text: '“' }),
        h('span', { class: 'item-main' }, h('span', { class: 'item-line quote-text', text: q.text }), h('span', { class: 'sub', text: q.speaker ? `— ${q.speaker.text}${q.speaker.code ? ` (${q.speaker.code})` : ''}` : '— speaker unknown' })),
      ),
    ),
    list('Places', rec.places, (p, i) =>
      item(
        `pl${i}`,
        h('span', { class: 'tag tag-place', text: p.country || '?' }),
        h('span', { class: 'item-main' }, h('span', { class: 'item-line' }, h('strong', { text: p.name }), ` “${p.text}”`), h('span', { class: 'sub', text: [p.admin1, countryName(p.country), p.precision, p.lat != null ? `${Number(p.lat).toFixed(3)}, ${Number(p.lon).toFixed(3)}` : ''].filter(Boolean).join(' · ') })),
      ),
    ),
    list('Times', rec.times, (t, i) =>
      item(
        `tm${i}`,
        h('span', { class: 'tag tag-time', text: t.precision || '?' }),
        h('span', { class: 'item-main' }, h('span', { class: 'item-line' }, h('strong', { text: t.value }), ` “${t.text}”`), h('span', { class: 'sub', text: t.start_date && t.end_date ? `${t.start_date} – ${t.end_date}` : '' })),
      ),
    ),
  );
}

async function showArticle(id, signal) {
  title.textContent = 'Report';
  clear(body, message('Loading the report…'));
  try {
    const rec = await get(`articles/${encodeURIComponent(id)}`, null, signal);
    title.textContent = 'Report';
    clear(body, renderRecord(rec));
  } catch (e) {
    if (isAbort(e)) return;
    clear(body, message(e.status === 404 ? 'This report is not in the store.' : `The report failed to load: ${e.message}`, 'error'));
  }
}

// -------------------------------------------------------------- code box

const draft = { text: '', title: '', source: '', published: '' };
const MAX = 1 << 20;

function showCode() {
  title.textContent = 'Code a report';
  const out = h('div', { class: 'code-out', 'aria-live': 'polite' });
  const area = h('textarea', {
    id: 'code-text',
    class: 'code-text',
    rows: '12',
    spellcheck: 'false',
    placeholder: 'Paste a news report here.\n\nAn optional header block gives its details:\nTitle: …\nSource: …\nPublished: 2024-06-25\n\n(then a blank line and the text)',
    on: { input: (ev) => (draft.text = ev.target.value) },
  });
  area.value = draft.text;
  const field = (key, label, type = 'text') =>
    h('label', { class: 'field' }, h('span', { text: label }), h('input', { type, value: draft[key], on: { input: (ev) => (draft[key] = ev.target.value) } }));
  const file = h('input', {
    type: 'file',
    id: 'code-file',
    accept: '.txt,.text,.md,text/plain',
    on: {
      change: async (ev) => {
        const f = ev.target.files?.[0];
        if (!f) return;
        if (f.size > MAX) {
          clear(out, message(`${f.name} is larger than 1 MiB.`, 'error'));
          return;
        }
        area.value = draft.text = await f.text();
        clear(out, message(`Loaded ${f.name} (${num(f.size)} bytes). Press “Code it”.`));
      },
    },
  });
  const run = h('button', { type: 'submit', class: 'btn btn-primary', id: 'code-run', text: 'Code it' });
  const form = h(
    'form',
    {
      class: 'code-form',
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          const text = area.value;
          if (!text.trim()) {
            clear(out, message('Paste a report or choose a file first.', 'error'));
            return;
          }
          if (new TextEncoder().encode(text).length > MAX) {
            clear(out, message('The report is larger than 1 MiB.', 'error'));
            return;
          }
          const details = draft.title || draft.source || draft.published;
          const payload = details ? { text, title: draft.title, source: draft.source, published: draft.published || undefined } : text;
          run.disabled = true;
          clear(out, message('Coding…'));
          const t0 = performance.now();
          try {
            const rec = await post('code', payload, ctrl.signal);
            const ms = Math.round(performance.now() - t0);
            clear(out, h('p', { class: 'msg msg-ok', text: `Coded in ${num(ms)} ms. Nothing was stored.` }), renderRecord(rec, { stored: false }));
          } catch (e) {
            if (!isAbort(e)) clear(out, message(`Coding failed: ${e.message}`, 'error'));
          } finally {
            run.disabled = false;
          }
        },
      },
    },
    h('label', { class: 'field field-wide', for: 'code-text' }, h('span', { text: 'Report text' })),
    area,
    h(
      'div',
      { class: 'code-row' },
      h('label', { class: 'field file-field' }, h('span', { text: 'or upload a text file' }), file),
    ),
    h('details', { class: 'code-details' }, h('summary', { text: 'Details (optional)' }), h('div', { class: 'code-row' }, field('title', 'Title'), field('source', 'Source'), field('published', 'Published', 'date'))),
    h('div', { class: 'code-actions' }, run, h('span', { class: 'sub', text: 'The report is coded by the server and not stored.' })),
  );
  clear(body, form, out);
}
