// The event table: one row per coded event (mention), a page at a time from
// /api/events, sorted by day or Goldstein score. A row opens its merged
// event; the report's title opens the article reader.
import { get, filterParams, isAbort } from './api.js';
import { h, clear, message } from './dom.js';
import { cameoLabel, countryName, quadOfRoot, num, gold, actorCode } from './labels.js';
import * as store from './state.js';

let root;
let pager;
let note;
let ctrl;

const COLUMNS = [
  { key: 'day', label: 'Date', sort: 'day', cls: 'c-date' },
  { key: 'source', label: 'Source', cls: 'c-actor' },
  { key: 'event', label: 'Event', cls: 'c-event' },
  { key: 'target', label: 'Target', cls: 'c-actor' },
  { key: 'place', label: 'Place', cls: 'c-place' },
  { key: 'goldstein', label: 'Goldstein', sort: 'goldstein', cls: 'c-num' },
  { key: 'report', label: 'Report', cls: 'c-report' },
];

/** init prepares the table in el, the pager in pagerEl. */
export function init(el, pagerEl, noteEl) {
  root = el;
  pager = pagerEl;
  note = noteEl;
}

/** eventDay is the day an event is dated to: its own date or the report's. */
export function eventDay(e) {
  return e.date?.start_date || e.date?.value || e.published || '';
}

function actorCell(a) {
  if (!a) return h('span', { class: 'none', text: '—' });
  return h(
    'span',
    { class: 'actor', title: a.text || '' },
    h('span', { class: 'code', text: actorCode(a) }),
    a.text ? h('span', { class: 'sub', text: a.text }) : null,
  );
}

function eventCell(e) {
  const q = e.quad || quadOfRoot(e.root);
  return h(
    'span',
    { class: 'event' },
    h('span', { class: `cameo q${q}`, text: e.cameo || e.root || '?' }),
    h('span', { class: 'label', text: cameoLabel(e.cameo || e.root) }),
    e.modality && e.modality !== 'asserted' ? h('span', { class: `modality m-${e.modality}`, text: e.modality }) : null,
  );
}

function placeCell(p) {
  if (!p) return h('span', { class: 'none', text: '—' });
  return h(
    'span',
    { class: 'place' },
    h('span', { text: p.name || '' }),
    p.country ? h('span', { class: 'sub', text: countryName(p.country) }) : null,
  );
}

function sortHeader(col, sort) {
  if (!col.sort) return h('th', { scope: 'col', class: col.cls, text: col.label });
  const asc = sort === col.sort;
  const desc = sort === `-${col.sort}`;
  const nextSort = desc ? col.sort : `-${col.sort}`;
  return h(
    'th',
    { scope: 'col', class: `${col.cls} sortable`, 'aria-sort': asc ? 'ascending' : desc ? 'descending' : 'none' },
    h(
      'button',
      {
        type: 'button',
        class: 'sort-btn',
        title: `Sort by ${col.label.toLowerCase()}`,
        on: { click: () => store.set({ sort: nextSort, page: '1' }) },
      },
      col.label,
      h('span', { class: 'arrow', 'aria-hidden': 'true', text: asc ? '▲' : desc ? '▼' : '↕' }),
    ),
  );
}

function row(e) {
  const open = () => {
    if (e.cluster != null && e.cluster !== '') store.set({ event: String(e.cluster), article: '', panel: '' });
    else store.set({ article: e.article_id, panel: '' });
  };
  const tr = h(
    'tr',
    {
      tabindex: '0',
      class: 'row',
      dataset: { cluster: e.cluster ?? '', id: e.id ?? '' },
      on: {
        click: open,
        keydown: (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            open();
          }
        },
      },
    },
    h('td', { class: 'c-date', text: eventDay(e) }),
    h('td', { class: 'c-actor' }, actorCell(e.source)),
    h('td', { class: 'c-event' }, eventCell(e)),
    h('td', { class: 'c-actor' }, actorCell(e.target)),
    h('td', { class: 'c-place' }, placeCell(e.place)),
    h('td', { class: `c-num ${e.goldstein < 0 ? 'neg' : e.goldstein > 0 ? 'pos' : ''}`, text: gold(e.goldstein) }),
    h(
      'td',
      { class: 'c-report' },
      h('button', {
        type: 'button',
        class: 'link report-link',
        text: e.title || e.url || 'Untitled report',
        title: 'Read the report',
        on: {
          click: (ev) => {
            ev.stopPropagation();
            store.set({ article: e.article_id, panel: '' });
          },
        },
      }),
      h('span', { class: 'sub', text: [e.outlet, e.published].filter(Boolean).join(' · ') }),
    ),
  );
  return tr;
}

// The API pages by offset only within its first 10,000 rows (deeper lists
// go by cursor, or by export); the table goes as deep as that.
const MAX_ROWS = 10000;

function drawPager(total, more, page, size) {
  // With more, total is a lower bound ("10,000+"): the pages past it are
  // reached with Next, and Last goes to the last page counted.
  const counted = Math.max(1, Math.ceil(total / size));
  const reachable = Math.max(1, Math.floor(MAX_ROWS / size));
  const pages = Math.min(reachable, more ? Math.max(counted, page + 1) : counted);
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = more ? page * size : Math.min(total, page * size);
  const of = more ? `${num(total)}+` : num(total);
  clear(
    pager,
    h('span', { class: 'pager-info', text: `${num(first)}–${num(last)} of ${of}` }),
    h(
      'div',
      { class: 'pager-nav' },
      h('button', { type: 'button', class: 'btn btn-small', text: '«', 'aria-label': 'First page', disabled: page <= 1, on: { click: () => store.set({ page: '1' }) } }),
      h('button', { type: 'button', class: 'btn btn-small', text: '‹ Prev', 'aria-label': 'Previous page', disabled: page <= 1, on: { click: () => store.set({ page: String(page - 1) }) } }),
      h('span', { class: 'pager-page', text: more ? `Page ${num(page)} of ${num(counted)}+` : `Page ${num(page)} of ${num(pages)}` }),
      h('button', { type: 'button', class: 'btn btn-small', text: 'Next ›', 'aria-label': 'Next page', disabled: page >= pages, on: { click: () => store.set({ page: String(page + 1) }) } }),
      h('button', { type: 'button', class: 'btn btn-small', text: '»', 'aria-label': 'Last page', disabled: page >= Math.min(counted, reachable), on: { click: () => store.set({ page: String(Math.min(counted, reachable)) }) } }),
    ),
    h(
      'label',
      { class: 'pager-size' },
      'Rows ',
      h(
        'select',
        { on: { change: (ev) => store.set({ size: ev.target.value, page: '1' }) } },
        ['25', '50', '100', '250'].map((n) => h('option', { value: n, text: n, selected: String(size) === n })),
      ),
    ),
  );
}

/** update loads the page of events that the state asks for. */
export async function update(state) {
  ctrl?.abort();
  ctrl = new AbortController();
  const signal = ctrl.signal;
  const size = Math.min(1000, Math.max(1, parseInt(state.size, 10) || 50));
  const page = Math.min(Math.max(1, parseInt(state.page, 10) || 1), Math.max(1, Math.floor(MAX_ROWS / size)));
  const sort = ['day', '-day', 'goldstein', '-goldstein'].includes(state.sort) ? state.sort : '-day';
  root.classList.add('loading');
  try {
    const res = await get('events', { ...filterParams(state), sort, limit: size, offset: (page - 1) * size }, signal);
    const items = res.items || [];
    const total = res.total ?? items.length;
    const more = res.more === true;
    note.textContent = more ? `${num(total)}+ events` : `${num(total)} event${total === 1 ? '' : 's'}`;
    if (items.length === 0 && total > 0 && page > 1) {
      store.set({ page: String(Math.ceil(total / size)) }, { replace: true });
      return;
    }
    const table = h(
      'table',
      { class: 'events' },
      h('thead', null, h('tr', null, COLUMNS.map((c) => sortHeader(c, sort)))),
      h('tbody', null, items.map(row)),
    );
    clear(root, items.length ? table : message('No events match these filters. Remove a filter to see more.'));
    drawPager(total, more, page, size);
  } catch (e) {
    if (isAbort(e)) return;
    clear(root, message(`Events failed to load: ${e.message}`, 'error'));
    clear(pager);
    note.textContent = '';
  } finally {
    if (!signal.aborted) root.classList.remove('loading');
  }
}
