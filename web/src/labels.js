// Names for codes: CAMEO roots and QuadClasses, modalities, countries.
import { CAMEO_LABELS, COUNTRY_NAMES } from './data.js';

/** ROOTS are the 20 CAMEO roots with short names for menus and legends. */
export const ROOTS = [
  ['01', 'Make a statement'],
  ['02', 'Appeal'],
  ['03', 'Intend to cooperate'],
  ['04', 'Consult'],
  ['05', 'Diplomatic cooperation'],
  ['06', 'Material cooperation'],
  ['07', 'Provide aid'],
  ['08', 'Yield'],
  ['09', 'Investigate'],
  ['10', 'Demand'],
  ['11', 'Disapprove'],
  ['12', 'Reject'],
  ['13', 'Threaten'],
  ['14', 'Protest'],
  ['15', 'Show of force'],
  ['16', 'Reduce relations'],
  ['17', 'Coerce'],
  ['18', 'Assault'],
  ['19', 'Fight'],
  ['20', 'Mass violence'],
];
const ROOT_NAME = Object.fromEntries(ROOTS);

export const QUADS = [
  ['1', 'Verbal cooperation'],
  ['2', 'Material cooperation'],
  ['3', 'Verbal conflict'],
  ['4', 'Material conflict'],
];
const QUAD_NAME = Object.fromEntries(QUADS);

export const MODALITIES = ['asserted', 'claimed', 'denied', 'intended', 'conditional', 'hypothetical'];

/** quadOfRoot follows the CAMEO convention: 01-05, 06-08, 09-13, 14-20. */
export function quadOfRoot(root) {
  const r = Number(root);
  if (r >= 1 && r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  if (r <= 20) return 4;
  return 0;
}

export const rootName = (r) => ROOT_NAME[r] || `Root ${r}`;
export const quadName = (q) => QUAD_NAME[String(q)] || `Quad ${q}`;

/** cameoLabel is the codebook label of a code, or of its nearest parent. */
export function cameoLabel(code) {
  for (let c = String(code || ''); c.length >= 2; c = c.slice(0, -1)) {
    if (CAMEO_LABELS[c]) return CAMEO_LABELS[c];
  }
  return '';
}

export const countryName = (a3) => COUNTRY_NAMES[a3] || a3 || '';

/** countryCodes lists every alpha-3 code with a name. */
export const countryCodes = () => Object.keys(COUNTRY_NAMES);

const FILTER_LABELS = {
  from: 'From',
  to: 'To',
  country: 'Country',
  place: 'Place',
  actor: 'Actor',
  root: 'CAMEO root',
  cameo: 'CAMEO code',
  quad: 'QuadClass',
  modality: 'Modality',
  source: 'Source',
  q: 'Words',
};

/** filterText describes one active filter for a chip. */
export function filterText(k, v) {
  let shown = v;
  if (k === 'country') shown = `${countryName(v)} (${v})`;
  else if (k === 'root') shown = `${v} ${rootName(v)}`;
  else if (k === 'quad') shown = `${v} ${quadName(v)}`;
  else if (k === 'cameo') shown = `${v} ${cameoLabel(v)}`;
  return `${FILTER_LABELS[k] || k}: ${shown}`;
}

const nf = new Intl.NumberFormat('en');
export const num = (n) => (n == null || Number.isNaN(n) ? '–' : nf.format(n));
export const gold = (g) => (g == null ? '–' : (g > 0 ? '+' : '') + Number(g).toFixed(1));

/** actorText is "CODE" or the actor's words when it has no code. */
export const actorCode = (a) => (a ? a.code || a.text || '?' : '');
