// Highlighting spans of text. The API gives byte offsets into the UTF-8
// text; JavaScript strings count UTF-16 code units, so offsets are mapped
// first. Every piece of text is inserted as a text node.
import { h } from './dom.js';

/**
 * byteMap returns a function from a UTF-8 byte offset into text to the
 * matching index into the JavaScript string (offsets inside a character
 * go to its start; offsets past the end go to the end).
 */
export function byteMap(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  const map = new Uint32Array(bytes + 1);
  let pos = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let n = 3;
    let w = 1;
    if (c < 0x80) n = 1;
    else if (c < 0x800) n = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n = 4;
      w = 2;
    }
    for (let b = 0; b < n; b++) map[pos + b] = i;
    pos += n;
    i += w - 1;
  }
  map[bytes] = text.length;
  return (off) => {
    const o = Math.round(Number(off));
    if (!(o > 0)) return 0;
    return o >= bytes ? text.length : map[o];
  };
}

/**
 * findNear finds needle in text (case-insensitive) and returns [start, end]
 * of the match nearest to index near, or null.
 */
export function findNear(text, needle, near = 0, from = 0, to = text.length) {
  const n = String(needle || '').trim();
  if (!n) return null;
  const hay = text.slice(from, to).toLowerCase();
  const low = n.toLowerCase();
  let best = null;
  for (let i = hay.indexOf(low); i >= 0; i = hay.indexOf(low, i + 1)) {
    const s = from + i;
    if (!best || Math.abs(s - near) < Math.abs(best[0] - near)) best = [s, s + n.length];
  }
  return best;
}

/**
 * A span is {start, end, kind, label, id}: string indices, a category
 * (source, target, claimant, speaker, evidence, place, time, quote,
 * casualty), a description for the tooltip and an optional id that links
 * the span to an item in a list.
 *
 * annotate renders text with the spans highlighted and returns
 * {node, anchors}: anchors maps each span id to its <mark> elements.
 * Overlapping spans split the text into segments that carry every kind
 * that covers them.
 */
export function annotate(text, spans) {
  const ok = spans.filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of ok) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...ok].sort((a, b) => a.start - b.start);
  const node = h('span', { class: 'annotated' });
  const anchors = new Map();
  let active = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    active = active.filter((s) => s.end > a);
    while (next < byStart.length && byStart[next].start <= a) {
      if (byStart[next].end > a) active.push(byStart[next]);
      next++;
    }
    const piece = text.slice(a, b);
    if (active.length === 0) {
      node.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(active.map((s) => s.kind))];
    const mark = h('mark', {
      class: ['hl', ...kinds.map((k) => `hl-${k}`)].join(' '),
      title: [...new Set(active.map((s) => s.label).filter(Boolean))].join('\n'),
    });
    mark.textContent = piece;
    node.append(mark);
    for (const s of active) {
      if (s.id == null) continue;
      if (!anchors.has(s.id)) anchors.set(s.id, []);
      anchors.get(s.id).push(mark);
    }
  }
  return { node, anchors };
}

/** flash scrolls to the marks and makes them blink once. */
export function flash(marks) {
  if (!marks || marks.length === 0) return;
  marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
  for (const m of marks) {
    m.classList.remove('flash');
    void m.offsetWidth;
    m.classList.add('flash');
  }
}

export const KIND_LABELS = {
  source: 'Source actor',
  target: 'Target actor',
  claimant: 'Claimant',
  speaker: 'Speaker',
  evidence: 'Action',
  place: 'Place',
  time: 'Time',
  quote: 'Quote',
  casualty: 'Casualties',
};

/** legend shows a key of the kinds given. */
export function legend(kinds) {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Highlight key' },
    kinds.map((k) => h('li', null, h('mark', { class: `hl hl-${k}`, text: KIND_LABELS[k] }))),
  );
}
