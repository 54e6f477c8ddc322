// The map: countries from Natural Earth (world-atlas TopoJSON, bundled),
// shaded by the number of events that involve them, and a circle for every
// place with events, sized by events or fatalities. It zooms from the world
// down to a city. Clicking a country filters by it; clicking a circle
// filters by that place (and its country) and zooms to it. The map shows
// every filter but the place, so that the chosen place stays in context: it
// is marked, and the other places stay clickable. All data comes from
// /api/places and /api/facets/country, which the server aggregates, so the
// map stays fast on a large store.
import { select } from 'd3-selection';
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { zoom, zoomIdentity } from 'd3-zoom';
import 'd3-transition';
import { scaleSqrt, scaleLog } from 'd3-scale';
import { max } from 'd3-array';
import { feature, mesh } from 'topojson-client';
import world110Url from 'world-atlas/countries-110m.json?url';
import world50Url from 'world-atlas/countries-50m.json?url';
import { get, filterParams, isAbort } from './api.js';
import { h, clear, message } from './dom.js';
import { NUMERIC_TO_ALPHA3 } from './data.js';
import { countryName, num } from './labels.js';
import * as store from './state.js';

const W = 960;
const SVGNS = 'http://www.w3.org/2000/svg';
// Shapes without an ISO numeric id in world-atlas, by name.
const BY_NAME = { Kosovo: 'XKX', Somaliland: 'SOM', 'N. Cyprus': 'CYP' };

let root;
let svg;
let gZoom;
let gCountries;
let gBorders;
let gPlaces;
let gLabels;
let gMarks;
let tip;
let note;
let projection;
let path;
let height = 480;
let zoomer;
let k = 1;
let countries = [];
let byCode = new Map();
let places = [];
let placesLoaded = false;
// chosen: the places named by the place filter, wherever they are (for the
// mark and the zoom), whatever the other filters.
let chosen = [];
let counts = new Map();
let ctrl;
// focused: what the map last zoomed to for the filters ('', 'country:SYR'
// or 'place:Aleppo|SYR'); the map zooms again only when that changes, so a
// zoom by hand stays while other filters change.
let focused = '';
let detail = '110m';

function alpha3(f) {
  return NUMERIC_TO_ALPHA3[f.id] || BY_NAME[f.properties?.name] || '';
}

/** init builds the empty map in el and starts loading the base map. */
export function init(el, noteEl) {
  root = el;
  note = noteEl;
  root.classList.add('map-root');
  svg = select(root)
    .append('svg')
    .attr('class', 'map-svg')
    .attr('role', 'img')
    .attr('aria-label', 'World map of events');
  const defs = svg.append('defs');
  defs.append('clipPath').attr('id', 'map-clip').append('path').attr('class', 'clip-sphere');
  gZoom = svg.append('g').attr('class', 'zoom-layer');
  gZoom.append('path').attr('class', 'sphere');
  gZoom.append('path').attr('class', 'graticule').attr('clip-path', 'url(#map-clip)');
  gCountries = gZoom.append('g').attr('class', 'countries');
  gBorders = gZoom.append('path').attr('class', 'borders');
  gPlaces = gZoom.append('g').attr('class', 'places');
  gLabels = gZoom.append('g').attr('class', 'place-labels');
  gMarks = gZoom.append('g').attr('class', 'place-marks');

  tip = h('div', { class: 'map-tip', role: 'status', hidden: true });
  const controls = h(
    'div',
    { class: 'map-zoom' },
    h('button', { type: 'button', class: 'btn btn-icon', 'aria-label': 'Zoom in', title: 'Zoom in', text: '+', on: { click: () => zoomBy(2) } }),
    h('button', { type: 'button', class: 'btn btn-icon', 'aria-label': 'Zoom out', title: 'Zoom out', text: '−', on: { click: () => zoomBy(0.5) } }),
    h('button', { type: 'button', class: 'btn btn-icon', 'aria-label': 'Whole world', title: 'Whole world', text: '⤢', on: { click: () => resetZoom() } }),
  );
  const key = h('div', { class: 'map-key', id: 'map-key' });
  root.append(tip, controls, key);

  zoomer = zoom()
    .scaleExtent([1, 256])
    .on('zoom', (ev) => {
      k = ev.transform.k;
      gZoom.attr('transform', ev.transform);
      restyle();
    });
  svg.call(zoomer).on('dblclick.zoom', null);

  loadBase(world110Url, '110m').then(() => {
    // The finer shapes follow; they matter once the map is zoomed in.
    loadBase(world50Url, '50m');
  });
}

async function loadBase(url, name) {
  let topo;
  try {
    const res = await fetch(url);
    topo = await res.json();
  } catch (e) {
    if (name === '110m') clear(root.querySelector('.map-key'), message(`Base map failed to load: ${e.message}`, 'error'));
    return;
  }
  const all = feature(topo, topo.objects.countries).features.filter((f) => f.id !== '010'); // no Antarctica
  if (!projection) {
    projection = geoNaturalEarth1().fitWidth(W - 8, { type: 'FeatureCollection', features: all });
    path = geoPath(projection);
    const b = path.bounds({ type: 'FeatureCollection', features: all });
    const [tx, ty] = projection.translate();
    projection.translate([tx + 4, ty - b[0][1] + 6]);
    height = Math.ceil(b[1][1] - b[0][1] + 12);
    svg.attr('viewBox', `0 0 ${W} ${height}`).attr('preserveAspectRatio', 'xMidYMid meet');
    zoomer.extent([[0, 0], [W, height]]).translateExtent([[0, 0], [W, height]]);
    svg.select('.clip-sphere').attr('d', path({ type: 'Sphere' }));
    gZoom.select('.sphere').attr('d', path({ type: 'Sphere' }));
    gZoom.select('.graticule').attr('d', path(geoGraticule10()));
  }
  detail = name;
  countries = all;
  byCode = new Map();
  for (const f of all) {
    const c = alpha3(f);
    if (c && !byCode.has(c)) byCode.set(c, f);
  }
  gCountries
    .selectAll('path')
    .data(countries, (f) => f.id || f.properties.name)
    .join('path')
    .attr('d', path)
    .attr('data-country', (f) => alpha3(f))
    .on('pointermove', (ev, f) => showTip(ev, countryTip(f)))
    .on('pointerleave', hideTip)
    .on('click', (ev, f) => {
      ev.stopPropagation();
      const c = alpha3(f);
      if (!c) return;
      const s = store.get();
      // A click on the chosen place's country goes up from the place to the
      // country; otherwise it toggles the country (and drops the place).
      if (s.place && s.country === c) store.set({ place: '' });
      else store.set({ country: s.country === c ? '' : c, place: '' });
    });
  gBorders.datum(mesh(topo, topo.objects.countries, (a, b) => a !== b)).attr('d', path);
  shade();
  drawPlaces();
  focus();
}

function countryTip(f) {
  const c = alpha3(f);
  const n = counts.get(c) || 0;
  return [countryName(c) || f.properties.name, `${num(n)} events`, c ? 'Click to filter' : ''];
}

function shade() {
  const hi = max(counts.values()) || 1;
  const color = scaleLog().domain([1, Math.max(2, hi)]).range(['#e3ebf3', '#6f8fb3']).clamp(true);
  const sel = store.get().country;
  gCountries
    .selectAll('path')
    .style('--fill', (f) => {
      const n = counts.get(alpha3(f)) || 0;
      return n > 0 ? color(n) : null;
    })
    .classed('has-events', (f) => (counts.get(alpha3(f)) || 0) > 0)
    .classed('selected', (f) => sel && alpha3(f) === sel);
}

const placeKey = (p) => `${p.name}|${p.country}|${p.lat}|${p.lon}`;
const located = (p) => Number.isFinite(p.lat) && Number.isFinite(p.lon);

/** isChosen tells whether the place filter names p. */
function isChosen(p, s = store.get()) {
  return !!s.place && p.name === s.place && (!s.country || !p.country || p.country === s.country);
}

function measureOf(p) {
  return store.get().measure === 'killed' ? p.killed || 0 : p.events || 0;
}

function drawPlaces() {
  if (!projection) return;
  const killed = store.get().measure === 'killed';
  const s = store.get();
  const shown = places.filter((p) => measureOf(p) > 0 && located(p));
  // Big circles first, so that small ones stay clickable on top; the
  // chosen place last of all.
  shown.sort((a, b) => isChosen(a, s) - isChosen(b, s) || measureOf(b) - measureOf(a));
  const hi = max(shown, measureOf) || 1;
  const r = scaleSqrt().domain([0, hi]).range([0, 22]);
  const xy = (p) => projection([p.lon, p.lat]) || [-100, -100];
  gPlaces
    .classed('has-chosen', shown.some((p) => isChosen(p, s)))
    .selectAll('circle')
    .data(shown, placeKey)
    .join('circle')
    .attr('class', killed ? 'place killed' : 'place')
    .classed('chosen', (p) => isChosen(p, s))
    .attr('data-name', (p) => p.name)
    .attr('data-country', (p) => p.country || '')
    .attr('cx', (p) => xy(p)[0])
    .attr('cy', (p) => xy(p)[1])
    .attr('data-r', (p) => Math.max(2.5, r(measureOf(p))))
    .order()
    .on('pointermove', (ev, p) => showTip(ev, placeTip(p)))
    .on('pointerleave', hideTip)
    .on('click', (ev, p) => {
      ev.stopPropagation();
      hideTip();
      choose(p);
    });
  gLabels
    .selectAll('text')
    .data(shown.filter((p) => !isChosen(p, s)).slice(0, 60), placeKey)
    .join('text')
    .attr('x', (p) => xy(p)[0])
    .attr('y', (p) => xy(p)[1])
    .text(placeName);
  // The chosen place: a ring and its name at every zoom level, even when
  // the other filters leave it without a circle.
  const marks = chosen.filter(located);
  const radius = new Map(shown.map((p) => [placeKey(p), Math.max(2.5, r(measureOf(p)))]));
  gMarks
    .selectAll('g.mark')
    .data(marks, placeKey)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark');
      g.append('circle').attr('class', 'mark-ring');
      g.append('text').attr('class', 'mark-label');
      return g;
    })
    .attr('transform', (p) => `translate(${xy(p)[0]},${xy(p)[1]})`)
    .attr('data-r', (p) => radius.get(placeKey(p)) || 0)
    .select('text')
    .text(placeName);
  restyle();
  drawKey(hi, killed);
}

/**
 * choose filters by place p (and its country) when a circle is clicked;
 * clicking the chosen place again drops the place filter.
 */
function choose(p) {
  if (isChosen(p)) {
    store.set({ place: '' });
    return;
  }
  store.set({ place: p.name, country: p.country || '' });
}

// placeName is a place's name, or the short name of a country.
function placeName(p) {
  return p.precision === 'country' && p.country ? countryName(p.country) || p.name : p.name;
}

function placeTip(p) {
  return [
    p.precision === 'country' ? placeName(p) : `${p.name}${p.country ? `, ${countryName(p.country)}` : ''}`,
    `${num(p.events)} events · ${num(p.killed)} killed`,
    p.precision ? `Located to ${p.precision}` : '',
    isChosen(p) ? 'Click to show every place' : 'Click to filter by this place',
  ];
}

// restyle keeps circles, strokes and labels the same size on screen at
// every zoom level; labels appear once the map is zoomed in.
function restyle() {
  // Sizes are in viewBox units; a small screen shows the viewBox smaller.
  const shown = svg.node().getBoundingClientRect().width || W;
  const px = Math.min(2.2, W / shown);
  gPlaces.selectAll('circle').attr('r', function () {
    return Number(this.getAttribute('data-r')) / Math.pow(k, 0.9);
  });
  gMarks.selectAll('g.mark').each(function () {
    const inner = Number(this.getAttribute('data-r')) / Math.pow(k, 0.9);
    const ring = Math.max(inner + (3 * px) / k, (7 * px) / k);
    select(this).select('.mark-ring').attr('r', ring).attr('stroke-width', (2 * px) / k);
    select(this)
      .select('.mark-label')
      .attr('font-size', (12.5 * px) / k)
      .attr('stroke-width', (3.5 * px) / k)
      .attr('dx', ring + (4 * px) / k)
      .attr('dy', (4.5 * px) / k);
  });
  gLabels
    .attr('font-size', (11 * px) / k)
    .attr('stroke-width', (3 * px) / k)
    .classed('on', k >= 3)
    .selectAll('text')
    .attr('dx', (6 * px) / k)
    .attr('dy', (3.5 * px) / k);
  if (k > 3 && detail === '110m') gZoom.classed('coarse', true);
  else gZoom.classed('coarse', false);
}

function drawKey(hi, killed) {
  const key = root.querySelector('.map-key');
  const what = killed ? 'killed' : 'events';
  const ns = (tag, attrs) => {
    const el = document.createElementNS(SVGNS, tag);
    for (const [a, v] of Object.entries(attrs)) el.setAttribute(a, v);
    return el;
  };
  const s = ns('svg', { width: 18, height: 18, 'aria-hidden': 'true' });
  s.append(ns('circle', { cx: 9, cy: 9, r: 7, class: killed ? 'place killed' : 'place' }));
  const swatch = h('span', { class: 'key-swatch', 'aria-hidden': 'true' });
  clear(
    key,
    h('span', { class: 'key-item' }, s, `place, by ${what} (max ${num(hi)})`),
    h('span', { class: 'key-item' }, swatch, 'country, by events'),
    h('span', { class: 'key-item key-credit', text: 'Natural Earth' }),
  );
}

function showTip(ev, lines) {
  const box = root.getBoundingClientRect();
  clear(tip, ...lines.filter(Boolean).map((l, i) => h(i === 0 ? 'strong' : 'span', { text: l })));
  tip.hidden = false;
  const x = ev.clientX - box.left;
  const y = ev.clientY - box.top;
  const tw = tip.offsetWidth;
  tip.style.left = `${Math.min(Math.max(4, x + 12), box.width - tw - 4)}px`;
  tip.style.top = `${Math.max(4, y - tip.offsetHeight - 10)}px`;
}

function hideTip() {
  tip.hidden = true;
}

function zoomBy(f) {
  svg.transition().duration(300).call(zoomer.scaleBy, f);
}

function resetZoom() {
  svg.transition().duration(500).call(zoomer.transform, zoomIdentity);
}

// zoomTo centres the map on place p: close for a city, less for a region,
// the whole country for a country; never further out than the map is.
function zoomTo(p) {
  if (p.precision === 'country' && p.country && byCode.has(p.country)) {
    focusCountry(p.country);
    return;
  }
  const [x, y] = projection([p.lon, p.lat]);
  const s = Math.min(256, Math.max(k, p.precision === 'admin1' ? 16 : 32));
  const t = zoomIdentity.translate(W / 2 - s * x, height / 2 - s * y).scale(s);
  svg.transition().duration(700).call(zoomer.transform, t);
}

function focusCountry(code) {
  const f = byCode.get(code);
  if (!f || !path) return;
  let [[x0, y0], [x1, y1]] = path.bounds(f);
  // Countries that cross the antimeridian (Russia, Fiji, the US) have
  // world-wide bounds; stay at the world view for them.
  if (x1 - x0 > W * 0.6) {
    resetZoom();
    return;
  }
  const s = Math.min(24, 0.8 / Math.max((x1 - x0) / W, (y1 - y0) / height));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const t = zoomIdentity.translate(W / 2 - s * cx, height / 2 - s * cy).scale(Math.max(1, s));
  svg.transition().duration(700).call(zoomer.transform, t);
}

// focus zooms to what the filters choose: the place, else the country,
// else (when one of them was just removed) the whole world. It waits for
// the base map and the places.
function focus() {
  if (!projection || !placesLoaded) return;
  const s = store.get();
  const p = s.place ? chosen.find(located) : null;
  const target = p ? `place:${s.place}|${s.country}` : s.country ? `country:${s.country}` : '';
  if (target === focused) return;
  const was = focused;
  focused = target;
  if (p) zoomTo(p);
  else if (s.country) focusCountry(s.country);
  else if (was) resetZoom();
}

/** redraw draws the places again (after the measure changed). */
export function redraw() {
  drawPlaces();
}

/** update loads the places and country counts for the state's filters. */
export async function update(state) {
  ctrl?.abort();
  ctrl = new AbortController();
  const signal = ctrl.signal;
  root.classList.add('loading');
  try {
    // The places under every filter but the place; the countries under
    // every filter but the country and the place; the chosen place's
    // location whatever the filters (it may have no events under them).
    const [pl, fc, ch] = await Promise.all([
      get('places', { ...filterParams(state, ['place']), limit: 500 }, signal),
      get('facets/country', filterParams(state, ['country', 'place']), signal),
      state.place ? get('places', { place: state.place, country: state.country, limit: 20 }, signal) : { items: [] },
    ]);
    places = pl.items || [];
    chosen = (ch.items || []).filter((p) => isChosen(p, state));
    placesLoaded = true;
    counts = new Map((fc.items || []).map((d) => [d.value, d.count]));
    shade();
    drawPlaces();
    const shownPlaces = places.length;
    note.textContent = `${num(shownPlaces)} place${shownPlaces === 1 ? '' : 's'}`;
    focus();
  } catch (e) {
    if (isAbort(e)) return;
    note.textContent = '';
    clear(root.querySelector('.map-key'), message(`Map data failed: ${e.message}`, 'error'));
  } finally {
    if (!signal.aborted) root.classList.remove('loading');
  }
}
