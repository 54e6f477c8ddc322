// Small DOM helpers. Every string is inserted as text (a text node or
// textContent), never parsed as HTML: text from the API and from articles can
// hold anything, including markup.

/** Returns href when it is a web link, and a harmless "#" otherwise. */
export function safeHref(href) {
  const s = String(href ?? '').trim();
  return /^https?:\/\//i.test(s) ? s : '#';
}

/**
 * h builds an element. props: class, text, on ({event: handler}), dataset,
 * and plain attributes; children: nodes or strings (added as text).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'href') el.setAttribute('href', safeHref(v));
      else if (/^on/i.test(k) || k === 'style' || k === 'srcdoc') throw new Error(`h: attribute ${k} not allowed`);
      else if (k === 'value' && 'value' in el) el.value = String(v);
      else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = !!v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  add(el, children);
  return el;
}

/** add appends children (nodes, strings, arrays; null and false skipped). */
export function add(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** clear empties el and appends the children. */
export function clear(el, ...children) {
  el.replaceChildren();
  return add(el, children);
}

/** $ finds one element by id. */
export const $ = (id) => document.getElementById(id);

/** debounce delays fn until ms after the last call. */
export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/** message is a muted line in a view: loading, empty or error. */
export function message(text, kind = 'muted') {
  return h('p', { class: `msg msg-${kind}`, role: kind === 'error' ? 'alert' : null, text });
}
