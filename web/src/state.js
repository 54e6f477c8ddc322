// The dashboard's state lives in the URL's query string, so that any view
// (filters, sorting, page, the open event or article) can be shared as a
// link and the browser's back button steps through it.
import { FILTER_KEYS } from './api.js';

export const VIEW_KEYS = ['sort', 'page', 'size', 'by', 'metric', 'measure', 'event', 'article', 'panel'];

export const DEFAULTS = {
  sort: '-day',
  page: '1',
  size: '50',
  by: 'auto',
  metric: 'events',
  measure: 'events',
  event: '',
  article: '',
  panel: '',
};

const KEYS = [...FILTER_KEYS, ...VIEW_KEYS];

function read() {
  const sp = new URLSearchParams(location.search);
  const s = {};
  for (const k of KEYS) s[k] = (sp.get(k) ?? DEFAULTS[k] ?? '').trim();
  return s;
}

function query(s) {
  const sp = new URLSearchParams();
  for (const k of KEYS) {
    const v = s[k] ?? '';
    if (v !== '' && v !== (DEFAULTS[k] ?? '')) sp.set(k, v);
  }
  const q = sp.toString();
  return q ? `?${q}` : location.pathname;
}

let state = read();
const listeners = [];

function emit(prev) {
  const changed = new Set(KEYS.filter((k) => prev[k] !== state[k]));
  if (changed.size === 0) return;
  for (const fn of listeners) fn(state, changed);
}

/** get returns the current state (do not modify it). */
export const get = () => state;

/** onChange calls fn(state, changedKeys) after every change. */
export function onChange(fn) {
  listeners.push(fn);
}

/**
 * set changes some keys. A change of any filter goes back to the first page.
 * push adds a history entry (default); replace edits the current one.
 */
export function set(patch, { replace = false } = {}) {
  const prev = state;
  const next = { ...state };
  for (const [k, v] of Object.entries(patch)) next[k] = v == null ? (DEFAULTS[k] ?? '') : String(v).trim();
  if (FILTER_KEYS.some((k) => next[k] !== prev[k]) && !('page' in patch)) next.page = '1';
  state = next;
  const q = query(state);
  if (q !== query(prev)) history[replace ? 'replaceState' : 'pushState'](null, '', q);
  emit(prev);
}

/** activeFilters lists the filters that are set, as [key, value]. */
export const activeFilters = () => FILTER_KEYS.filter((k) => state[k]).map((k) => [k, state[k]]);

window.addEventListener('popstate', () => {
  const prev = state;
  state = read();
  emit(prev);
});
