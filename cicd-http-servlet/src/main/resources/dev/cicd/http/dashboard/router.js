// Hash routing: "#/builds?repository=a%2Fb&status=failure". The view and its filters live in the
// URL fragment, so links, reloads and the back button restore them, and the page itself never
// needs a server-side route (it works under any mount path).

export const VIEWS = ['overview', 'builds', 'build', 'alerts', 'settings'];

/** Parses a fragment into {view, segments, params}; unknown views fall back to the overview. */
export function parse(hash = location.hash) {
  const raw = hash.startsWith('#/') ? hash.slice(2) : '';
  const q = raw.indexOf('?');
  const pathPart = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1);
  const segments = pathPart.split('/').filter(Boolean).map(decodeSegment);
  const view = VIEWS.includes(segments[0]) ? segments[0] : 'overview';
  return { view, segments: segments.slice(1), params: new URLSearchParams(query) };
}

/** True when a fragment is a route (as opposed to an in-page anchor such as "#main"). */
export function isRoute(hash = location.hash) {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}

/** Builds a fragment; params with empty values are left out. */
export function href(view, params = {}, ...segments) {
  const path = [view, ...segments.map((s) => encodeURIComponent(s))].join('/');
  const query = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params);
  for (const [key, value] of entries) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

/** Goes to a fragment: a new history entry, or a replaced one (no entry) with replace=true. */
export function navigate(fragment, { replace = false } = {}) {
  if (fragment === location.hash) return;
  if (replace) {
    history.replaceState(history.state, '', fragment);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = fragment;
  }
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
