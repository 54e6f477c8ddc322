// The API client. Every path is relative to the page, so the dashboard works
// wherever `sitrep serve` mounts it.

/** FILTER_KEYS are the filter parameters every list endpoint accepts. */
export const FILTER_KEYS = ['from', 'to', 'country', 'place', 'actor', 'root', 'cameo', 'quad', 'modality', 'source', 'q'];

export class APIError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function url(path, params) {
  const u = new URL(`api/${path}`, document.baseURI);
  for (const [k, v] of Object.entries(params || {})) {
    if (v != null && v !== '') u.searchParams.set(k, String(v));
  }
  return u;
}

async function answer(res) {
  let body = null;
  const type = res.headers.get('content-type') || '';
  if (type.includes('json')) body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body?.error?.message || `${res.status} ${res.statusText}`;
    throw new APIError(res.status, msg);
  }
  if (body == null) throw new APIError(res.status, 'the server answered without JSON');
  return body;
}

// Answers are kept for a short while, and a request already under way is
// shared, so that views asking the same question (and the back button) cost
// the server nothing.
const cache = new Map();
const KEEP_MS = 20000;

function abortable(promise, signal) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
  return new Promise((resolve, reject) => {
    const stop = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** get fetches GET /api/path?params. */
export function get(path, params, signal) {
  const key = url(path, params).href;
  const now = Date.now();
  let hit = cache.get(key);
  if (!hit || now - hit.at > KEEP_MS) {
    const promise = fetch(key, { headers: { Accept: 'application/json' } }).then(answer);
    hit = { at: now, promise };
    cache.set(key, hit);
    promise.catch(() => cache.delete(key));
    if (cache.size > 200) cache.delete(cache.keys().next().value);
  }
  return abortable(hit.promise, signal);
}

/** post sends body (a string as text/plain, anything else as JSON). */
export async function post(path, body, signal) {
  const isText = typeof body === 'string';
  const res = await fetch(url(path), {
    method: 'POST',
    signal,
    headers: {
      Accept: 'application/json',
      'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    },
    body: isText ? body : JSON.stringify(body),
  });
  return answer(res);
}

/** filterParams keeps only the filter keys of state (and drops some). */
export function filterParams(state, without = []) {
  const p = {};
  for (const k of FILTER_KEYS) {
    if (!without.includes(k) && state[k]) p[k] = state[k];
  }
  return p;
}

/** isAbort tells a cancelled request from a failed one. */
export const isAbort = (e) => e?.name === 'AbortError';
