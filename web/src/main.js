// The sitrep dashboard: a filter bar whose state lives in the URL, and the
// views it drives (map, timeline, event table, side panel).
import './style.css';
import { get, FILTER_KEYS } from './api.js';
import { h, clear, $, message } from './dom.js';
import { ROOTS, QUADS, MODALITIES, countryName, filterText, num } from './labels.js';
import * as store from './state.js';
import * as map from './map.js';
import * as timeline from './timeline.js';
import * as table from './table.js';
import * as panel from './panel.js';

const form = $('filters');
const controls = {};

function select(name, label, options, value) {
  const el = h(
    'select',
    { name, id: `f-${name}`, on: { change: (ev) => apply(name, ev.target.value) } },
    options,
  );
  el.value = value;
  controls[name] = el;
  return h('label', { class: `field f-${name}`, for: `f-${name}` }, h('span', { text: label }), el);
}

function input(name, label, type, props = {}) {
  const el = h('input', {
    name,
    id: `f-${name}`,
    type,
    ...props,
    on: { change: (ev) => apply(name, ev.target.value) },
  });
  controls[name] = el;
  return h('label', { class: `field f-${name}`, for: `f-${name}` }, h('span', { text: label }), el);
}

function apply(name, value) {
  if (name === 'kind') {
    const [k, v] = value ? value.split(':') : ['', ''];
    store.set({ root: k === 'root' ? v : '', quad: k === 'quad' ? v : '', cameo: '' });
    return;
  }
  if (name === 'actor') value = value.trim().toUpperCase();
  // A place belongs to its country: another country drops it.
  if (name === 'country' && value !== store.get().country) {
    store.set({ country: value, place: '' });
    return;
  }
  store.set({ [name]: value });
}

function optionList(items, all, labelOf) {
  return [h('option', { value: '', text: all }), ...items.map((d) => h('option', { value: d.value, text: labelOf(d) }))];
}

function buildForm(facets) {
  const s = store.get();
  const countries = [...(facets.country || [])].sort((a, b) => countryName(a.value).localeCompare(countryName(b.value)));
  if (s.country && !countries.some((d) => d.value === s.country)) countries.unshift({ value: s.country, count: 0 });
  const sources = [...(facets.source || [])];
  if (s.source && !sources.some((d) => d.value === s.source)) sources.unshift({ value: s.source, count: 0 });
  const kind = h(
    'select',
    { name: 'kind', id: 'f-kind', on: { change: (ev) => apply('kind', ev.target.value) } },
    h('option', { value: '', text: 'All event types' }),
    h('optgroup', { label: 'QuadClass' }, QUADS.map(([q, n]) => h('option', { value: `quad:${q}`, text: `${q} · ${n}` }))),
    h('optgroup', { label: 'CAMEO root' }, ROOTS.map(([r, n]) => h('option', { value: `root:${r}`, text: `${r} · ${n}` }))),
  );
  controls.kind = kind;
  const actors = h('datalist', { id: 'actor-list' }, (facets.actors || []).map((d) => h('option', { value: d.value, label: `${num(d.count)} events` })));
  clear(
    form,
    h(
      'div',
      { class: 'field-pair' },
      input('from', 'From', 'date'),
      input('to', 'To', 'date'),
    ),
    select('country', 'Country', optionList(countries, 'All countries', (d) => `${countryName(d.value) || d.value}${d.count ? ` (${num(d.count)})` : ''}`), s.country),
    input('actor', 'Actor', 'text', { list: 'actor-list', placeholder: 'RUSMIL', spellcheck: 'false', autocapitalize: 'characters' }),
    actors,
    h('label', { class: 'field f-kind', for: 'f-kind' }, h('span', { text: 'Event type' }), kind),
    select('modality', 'Modality', [h('option', { value: '', text: 'Any' }), ...MODALITIES.map((m) => h('option', { value: m, text: m }))], s.modality),
    select('source', 'Source', optionList(sources, 'All sources', (d) => `${d.value}${d.count ? ` (${num(d.count)})` : ''}`), s.source),
    input('q', 'Words', 'search', { placeholder: 'e.g. Aleppo' }),
    h('div', { class: 'field field-btn' }, h('button', { type: 'button', class: 'btn btn-ghost', id: 'f-clear', text: 'Clear all', on: { click: clearAll } })),
  );
  syncForm(s);
}

function clearAll() {
  store.set(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])));
}

function syncForm(s) {
  for (const k of ['from', 'to', 'country', 'actor', 'modality', 'source', 'q']) {
    const el = controls[k];
    if (!el) continue;
    if (el.tagName === 'SELECT' && s[k] && ![...el.options].some((o) => o.value === s[k])) {
      el.append(h('option', { value: s[k], text: s[k] }));
    }
    if (el.value !== s[k]) el.value = s[k];
  }
  if (controls.kind) controls.kind.value = s.root ? `root:${s.root}` : s.quad ? `quad:${s.quad}` : '';
  const active = store.activeFilters();
  clear(
    $('chips'),
    active.map(([k, v]) =>
      h(
        'span',
        { class: 'chip' },
        h('span', { text: filterText(k, v) }),
        h('button', { type: 'button', class: 'chip-x', 'aria-label': `Remove ${k} filter`, text: '✕', on: { click: () => store.set({ [k]: '' }) } }),
      ),
    ),
  );
  document.title = active.length ? `sitrep · ${active.map(([k, v]) => filterText(k, v)).join(' · ')}` : 'sitrep · event dashboard';
  const badge = $('filters-count');
  badge.hidden = active.length === 0;
  badge.textContent = String(active.length);
}

function segmented(el, key, options) {
  const draw = () => {
    const cur = store.get()[key];
    clear(
      el,
      options.map(([v, label, title]) =>
        h('button', {
          type: 'button',
          class: 'seg-btn',
          'aria-pressed': String(cur === v),
          'data-value': v,
          title,
          text: label,
          on: { click: () => store.set({ [key]: v }, { replace: true }) },
        }),
      ),
    );
  };
  draw();
  return draw;
}

async function loadStats() {
  try {
    const s = await get('stats');
    const range = s.first_day && s.last_day ? ` · ${s.first_day} – ${s.last_day}` : '';
    $('stats').textContent = `${num(s.articles)} reports · ${num(s.events)} events · ${num(s.clusters)} merged${range}`;
  } catch (e) {
    $('stats').textContent = `Store unavailable: ${e.message}`;
  }
}

async function loadFacets() {
  const facets = {};
  await Promise.all([
    get('facets/country').then((r) => (facets.country = r.items || []), () => {}),
    get('facets/source').then((r) => (facets.source = r.items || []), () => {}),
    get('actors', { limit: 300 }).then((r) => (facets.actors = r.items || []), () => {}),
  ]);
  buildForm(facets);
}

function start() {
  buildForm({});
  map.init($('map'), $('map-note'));
  timeline.init($('timeline'), $('timeline-note'), $('timeline-hint'));
  table.init($('table'), $('pager'), $('table-note'));
  panel.init();
  const drawMeasure = segmented($('map-metric'), 'measure', [['events', 'Events'], ['killed', 'Fatalities']]);
  const drawBy = segmented($('timeline-by'), 'by', [['auto', 'Auto'], ['day', 'Day'], ['week', 'Week'], ['month', 'Month'], ['year', 'Year']]);
  const drawMetric = segmented($('timeline-metric'), 'metric', [
    ['events', 'Mentions', 'Count every report of an event'],
    ['clusters', 'Merged events', 'Count each event once, however many reports tell of it'],
  ]);

  const toggle = $('filters-toggle');
  toggle.addEventListener('click', () => {
    const open = !document.body.classList.contains('filters-open');
    document.body.classList.toggle('filters-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  });
  $('open-code').addEventListener('click', () => store.set({ panel: 'code', event: '', article: '' }));
  form.addEventListener('submit', (ev) => ev.preventDefault());

  store.onChange((s, changed) => {
    const filters = FILTER_KEYS.filter((k) => changed.has(k));
    const periodOnly = filters.length > 0 && filters.every((k) => k === 'from' || k === 'to');
    if (filters.length) {
      syncForm(s);
      map.update(s);
      if (periodOnly) timeline.period(s);
      else timeline.update(s);
    }
    if (filters.length || changed.has('page') || changed.has('sort') || changed.has('size')) table.update(s);
    if (changed.has('by') || changed.has('metric')) {
      drawBy();
      drawMetric();
      if (!filters.length) timeline.update(s);
    }
    if (changed.has('measure')) {
      drawMeasure();
      map.redraw();
    }
    if (changed.has('event') || changed.has('article') || changed.has('panel')) panel.update(s);
  });

  // The views first; the menus' lists after them, so that on a large
  // store the first answers are the ones the analyst looks at.
  const s = store.get();
  panel.update(s);
  const views = [table.update(s), timeline.update(s), map.update(s)];
  Promise.allSettled(views).then(() => {
    loadStats();
    loadFacets();
  });
}

try {
  start();
} catch (e) {
  clear(document.querySelector('main'), message(`The dashboard failed to start: ${e.message}`, 'error'));
}
