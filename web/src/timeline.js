// The timeline: events per period as bars and people reported killed as a
// line, from /api/series. The bars count mentions (every report of an
// event, metric=events) or merged events (each event once, however many
// reports tell of it, metric=clusters), as the state's `metric` says. It
// shows every filter but the period itself, so that the period brushed on
// it stays in context; brushing sets from/to.
import { select } from 'd3-selection';
import { scaleUtc, scaleLinear } from 'd3-scale';
import { axisBottom, axisLeft, axisRight } from 'd3-axis';
import { brushX } from 'd3-brush';
import { line, curveMonotoneX } from 'd3-shape';
import { max, bisector } from 'd3-array';
import { utcFormat } from 'd3-time-format';
import { get, filterParams, isAbort } from './api.js';
import { h, clear, message } from './dom.js';
import { num, gold } from './labels.js';
import * as store from './state.js';

const DAY = 86400000;

// --- periods as the API names them: 2016-10-05, 2016-W40, 2016-10, 2016.

const pad = (n, w = 2) => String(n).padStart(w, '0');

function isoWeekStart(year, week) {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - dow * DAY + (week - 1) * 7 * DAY);
}

/** periodStart parses a period name into the UTC date it starts on. */
export function periodStart(p) {
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p))) return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if ((m = /^(\d{4})-W(\d{2})$/.exec(p))) return isoWeekStart(+m[1], +m[2]);
  if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return new Date(Date.UTC(+m[1], +m[2] - 1, 1));
  if ((m = /^(\d{4})$/.exec(p))) return new Date(Date.UTC(+m[1], 0, 1));
  return null;
}

/** floor gives the start of the period of step `by` holding date d. */
export function floor(d, by) {
  const y = d.getUTCFullYear();
  if (by === 'year') return new Date(Date.UTC(y, 0, 1));
  if (by === 'month') return new Date(Date.UTC(y, d.getUTCMonth(), 1));
  const day = new Date(Date.UTC(y, d.getUTCMonth(), d.getUTCDate()));
  if (by === 'week') return new Date(+day - ((day.getUTCDay() + 6) % 7) * DAY);
  return day;
}

/** next gives the start of the period after the one starting at d. */
export function next(d, by) {
  if (by === 'year') return new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
  if (by === 'month') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return new Date(+d + (by === 'week' ? 7 : 1) * DAY);
}

/** periodKey names the period starting at d as the API does. */
export function periodKey(d, by) {
  const y = d.getUTCFullYear();
  if (by === 'year') return String(y);
  if (by === 'month') return `${y}-${pad(d.getUTCMonth() + 1)}`;
  if (by === 'week') {
    const thu = new Date(+d + 3 * DAY);
    const wy = thu.getUTCFullYear();
    const w = 1 + Math.floor((+thu - Date.UTC(wy, 0, 1)) / DAY / 7);
    return `${wy}-W${pad(w)}`;
  }
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export const isoDay = (d) => periodKey(d, 'day');
export const parseDay = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s || '') ? periodStart(s) : null);

const fmtLong = { day: utcFormat('%a %-d %b %Y'), week: utcFormat('week of %-d %b %Y'), month: utcFormat('%B %Y'), year: utcFormat('%Y') };

// --- the chart

let root;
let note;
let hint;
let tip;
let ctrl;
let bins = [];
let by = 'month';
let metric = 'events';
let chart = null; // {x, brush, gBrush, m, w, hgt}
let moving = false;
let loaded = false;

/** init prepares the timeline in el. */
export function init(el, noteEl, hintEl) {
  root = el;
  note = noteEl;
  hint = hintEl;
  tip = h('div', { class: 'chart-tip', hidden: true });
  root.append(tip);
  let size = '';
  new ResizeObserver(() => {
    const now = `${root.clientWidth}x${root.clientHeight}`;
    if (now !== size) {
      size = now;
      draw();
    }
  }).observe(root);
}

function chooseStep(firstDay, lastDay) {
  const months = (lastDay - firstDay) / (30.4 * DAY);
  if (months <= 3) return 'day';
  if (months <= 18) return 'week';
  if (months > 180) return 'year';
  return 'month';
}

// What the bars count, in the singular and the plural.
const WORDS = {
  events: ['mention', 'mentions'],
  clusters: ['merged event', 'merged events'],
};
const counted = (n, m = metric) => `${num(n)} ${WORDS[m][n === 1 ? 0 : 1]}`;

/** metricOf is the series metric the state asks for: events or clusters. */
export const metricOf = (state) => (state.metric === 'clusters' ? 'clusters' : 'events');

/** update loads the series for the state's filters (except the period). */
export async function update(state) {
  ctrl?.abort();
  ctrl = new AbortController();
  const signal = ctrl.signal;
  const params = filterParams(state, ['from', 'to']);
  const want = metricOf(state);
  root.classList.add('loading');
  try {
    let step = state.by !== 'auto' ? state.by : 'month';
    let [ev, fa] = await fetchSeries(params, step, want, signal);
    if (state.by === 'auto' && ev.length > 0) {
      const days = ev.map((d) => periodStart(d.period)).filter(Boolean);
      const first = Math.min(...days.map(Number));
      const last = Math.max(...days.map(Number)) + 31 * DAY;
      const best = chooseStep(first, last);
      if (best !== step) {
        step = best;
        [ev, fa] = await fetchSeries(params, step, want, signal);
      }
    }
    by = step;
    metric = want;
    bins = fill(ev, fa, step, want);
    loaded = true;
    draw();
  } catch (e) {
    if (isAbort(e)) return;
    bins = [];
    chart = null;
    clear(root, tip, message(`Timeline failed: ${e.message}`, 'error'));
    note.textContent = '';
  } finally {
    if (!signal.aborted) root.classList.remove('loading');
  }
}

async function fetchSeries(params, step, want, signal) {
  const [a, b] = await Promise.all([
    get('series', { ...params, by: step, metric: want }, signal),
    get('series', { ...params, by: step, metric: 'fatalities' }, signal),
  ]);
  return [a.items || [], b.items || []];
}

// fill makes one bin for every period from the first to the last with
// data, empty periods included. A bin's count is of mentions or merged
// events (the field of the series' metric).
function fill(ev, fa, step, want) {
  const m = new Map();
  const bin = (p) => {
    const start = periodStart(p);
    if (!start) return null;
    const key = periodKey(floor(start, step), step);
    if (!m.has(key)) m.set(key, { key, start: floor(start, step), count: 0, goldstein: null, killed: 0, killedLow: 0, killedHigh: 0 });
    return m.get(key);
  };
  for (const d of ev) {
    const b = bin(d.period);
    if (!b) continue;
    const n = d[want] || 0;
    if (d.goldstein != null && n > 0) b.goldstein = ((b.goldstein ?? 0) * b.count + d.goldstein * n) / (b.count + n);
    b.count += n;
  }
  for (const d of fa) {
    const b = bin(d.period);
    if (!b) continue;
    b.killed += d.killed || 0;
    b.killedLow += d.killed_low || 0;
    b.killedHigh += d.killed_high || 0;
  }
  if (m.size === 0) return [];
  const starts = [...m.values()].map((b) => +b.start);
  let d = new Date(Math.min(...starts));
  const end = Math.max(...starts);
  const out = [];
  for (let guard = 0; +d <= end && guard < 20000; guard++) {
    const key = periodKey(d, step);
    const b = m.get(key) || { key, start: d, count: 0, goldstein: null, killed: 0, killedLow: 0, killedHigh: 0 };
    b.end = next(d, step);
    out.push(b);
    d = b.end;
  }
  return out;
}

function draw() {
  if (!root || !loaded) return;
  const w = root.clientWidth - 12;
  if (w <= 0) return;
  select(root).select('svg').remove();
  root.querySelectorAll('.msg').forEach((n) => n.remove());
  if (bins.length === 0) {
    chart = null;
    root.append(message('No events match these filters.'));
    note.textContent = '';
    return;
  }
  const hgt = Math.max(200, Math.min(420, root.clientHeight - 12));
  const m = { top: 12, right: 44, bottom: 26, left: 40 };
  const x = scaleUtc().domain([bins[0].start, bins[bins.length - 1].end]).range([m.left, w - m.right]);
  const yE = scaleLinear().domain([0, max(bins, (b) => b.count) || 1]).nice().range([hgt - m.bottom, m.top]);
  const topK = max(bins, (b) => b.killed) || 0;
  const yK = scaleLinear().domain([0, topK || 1]).nice().range([hgt - m.bottom, m.top]);

  const svg = select(root)
    .insert('svg', ':first-child')
    .attr('class', 'timeline-svg')
    .attr('width', w)
    .attr('height', hgt)
    .attr('role', 'img')
    .attr('aria-label', `${metric === 'clusters' ? 'Merged events' : 'Mentions'}${topK ? ' and people killed' : ''} per ${by}`);

  svg
    .append('g')
    .attr('class', 'grid')
    .attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(yE).ticks(4).tickSize(-(w - m.left - m.right)).tickFormat(''));
  svg
    .append('g')
    .attr('class', 'axis axis-x')
    .attr('transform', `translate(0,${hgt - m.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(w / 90))).tickSizeOuter(0));
  svg
    .append('g')
    .attr('class', 'axis axis-events')
    .attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(yE).ticks(4, 's'));
  if (topK) {
    svg
      .append('g')
      .attr('class', 'axis axis-killed')
      .attr('transform', `translate(${w - m.right},0)`)
      .call(axisRight(yK).ticks(4, 's'));
  }

  const bw = (b) => Math.max(1, x(b.end) - x(b.start) - (x(b.end) - x(b.start) > 4 ? 1 : 0));
  svg
    .append('g')
    .attr('class', 'bars')
    .selectAll('rect')
    .data(bins.filter((b) => b.count > 0))
    .join('rect')
    .attr('x', (b) => x(b.start))
    .attr('width', bw)
    .attr('y', (b) => yE(b.count))
    .attr('height', (b) => yE(0) - yE(b.count));

  if (topK) {
    const mid = (b) => (x(b.start) + x(b.end)) / 2;
    svg
      .append('path')
      .attr('class', 'killed-line')
      .attr('d', line().x(mid).y((b) => yK(b.killed)).curve(curveMonotoneX)(bins));
    svg
      .append('g')
      .attr('class', 'killed-dots')
      .selectAll('circle')
      .data(bins.filter((b) => b.killed > 0))
      .join('circle')
      .attr('cx', mid)
      .attr('cy', (b) => yK(b.killed))
      .attr('r', 2.5);
  }

  const brush = brushX()
    .extent([[m.left, m.top - 4], [w - m.right, hgt - m.bottom]])
    .on('end', brushed);
  const gBrush = svg.append('g').attr('class', 'brush').call(brush);
  chart = { x, brush, gBrush, m, w, hgt };
  svg.on('pointermove', (ev) => hover(ev)).on('pointerleave', () => (tip.hidden = true));
  placeBrush(store.get());
  summarize(store.get());
}

function binAt(px) {
  if (!chart) return null;
  const t = chart.x.invert(px);
  const i = bisector((b) => +b.start).right(bins, +t) - 1;
  return i >= 0 && i < bins.length && +t < +bins[i].end ? bins[i] : null;
}

function hover(ev) {
  const box = root.getBoundingClientRect();
  const sb = root.querySelector('svg').getBoundingClientRect();
  const px = ev.clientX - sb.left;
  const b = binAt(px);
  if (!b) {
    tip.hidden = true;
    return;
  }
  const killed = b.killed
    ? `${num(b.killed)} killed${b.killedLow !== b.killed || b.killedHigh !== b.killed ? ` (${num(b.killedLow)}–${num(b.killedHigh)})` : ''}`
    : 'no deaths reported';
  clear(
    tip,
    h('strong', { text: fmtLong[by](b.start) }),
    h('span', { text: `${counted(b.count)}${b.goldstein != null ? ` · Goldstein ${gold(b.goldstein)}` : ''}` }),
    h('span', { class: 'tip-killed', text: killed }),
  );
  tip.hidden = false;
  const tw = tip.offsetWidth;
  const left = ev.clientX - box.left + 14;
  tip.style.left = `${left + tw > box.width - 2 ? ev.clientX - box.left - tw - 14 : left}px`;
  tip.style.top = '4px';
}

function brushed(ev) {
  if (moving || !ev.sourceEvent) return;
  if (!ev.selection) {
    store.set({ from: '', to: '' });
    return;
  }
  const [x0, x1] = ev.selection;
  const a = binAt(x0) || bins[0];
  const b = binAt(Math.max(x0, x1 - 0.5)) || bins[bins.length - 1];
  const from = isoDay(a.start);
  const to = isoDay(new Date(+b.end - DAY));
  store.set({ from, to });
  placeBrush(store.get());
}

/** placeBrush shows the state's period on the chart. */
function placeBrush(state) {
  if (!chart) return;
  const f = parseDay(state.from);
  const t = parseDay(state.to);
  moving = true;
  if (f || t) {
    const [lo, hi] = chart.x.range();
    const x0 = f ? Math.max(lo, Math.min(hi, chart.x(f))) : lo;
    const x1 = t ? Math.max(lo, Math.min(hi, chart.x(new Date(+t + DAY)))) : hi;
    chart.gBrush.call(chart.brush.move, x1 > x0 ? [x0, Math.max(x1, x0 + 2)] : null);
  } else {
    chart.gBrush.call(chart.brush.move, null);
  }
  moving = false;
}

function summarize(state) {
  const f = parseDay(state.from);
  const t = parseDay(state.to);
  const inside = bins.filter((b) => (!f || +b.end > +f) && (!t || +b.start <= +t));
  const n = inside.reduce((s, b) => s + b.count, 0);
  const k = inside.reduce((s, b) => s + b.killed, 0);
  const where = f || t ? ' in the period' : '';
  note.textContent = `${counted(n)} · ${num(k)} killed${where}`;
  const bars = metric === 'clusters' ? `merged events (each once, however many reports tell of it) per ${by}` : `mentions (every report of an event) per ${by}`;
  if (hint) hint.textContent = `Bars: ${bars}; red line: people reported killed. Drag across the chart to pick a period.`;
}

/** period is called when only from/to changed: move the brush, no reload. */
export function period(state) {
  placeBrush(state);
  if (chart) summarize(state);
}
