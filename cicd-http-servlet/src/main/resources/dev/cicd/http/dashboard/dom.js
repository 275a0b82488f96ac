// DOM helpers. Every string reaches the page through textContent (text nodes) or setAttribute on
// plain attributes; there is no innerHTML, no inline style and no inline event handler anywhere.

const SVG_NS = 'http://www.w3.org/2000/svg';
const FORBIDDEN_ATTRIBUTES = /^(on|style$|srcdoc$|src$|formaction$|action$)/i;

/**
 * Creates an element. props: `class`, `text` (textContent), `on<event>` (listeners, functions only),
 * `href` (only "#..." fragments; external links go through {@link externalLink}) and any other
 * attribute (aria-*, data-*, type, ...). Children may be strings, nodes, arrays, null or undefined.
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'href') {
      setFragmentHref(node, value);
    } else if (FORBIDDEN_ATTRIBUTES.test(key)) {
      throw new Error(`attribute ${key} is not allowed`);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function setFragmentHref(node, value) {
  const href = String(value);
  if (!href.startsWith('#')) {
    throw new Error('only fragment links are created with h(); use externalLink()');
  }
  node.setAttribute('href', href);
}

/** Appends children (strings become text nodes). */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces all children of node. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Sets textContent only when it changed, so unchanged values do not disturb assistive technology. */
export function setText(node, value) {
  const text = value === null || value === undefined ? '' : String(value);
  if (node.textContent !== text) node.textContent = text;
  return node;
}

/** A link to an absolute https URL that the caller has validated (see format.safeGitHubUrl). */
export function externalLink(url, ...children) {
  const link = document.createElement('a');
  link.setAttribute('href', url.href);
  link.setAttribute('rel', 'noopener noreferrer');
  link.setAttribute('target', '_blank');
  append(link, children);
  append(link, [h('span', { class: 'visually-hidden', text: ' (opens GitHub in a new tab)' })]);
  return link;
}

const ICONS = {
  success: 'M3 8.5l3 3 7-7',
  failure: 'M4 4l8 8M12 4l-8 8',
  cancelled: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2zM3.8 3.8l8.4 8.4',
  skipped: 'M2 4l4 4-4 4M8 4l4 4-4 4',
  queued: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2zM8 5v3.5l2.5 1.5',
  running: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2zM6.5 5.5v5l4-2.5z',
  warning: 'M8 1.8l6.6 12H1.4zM8 6.5v3.2M8 11.6v.4',
  neutral: 'M3.5 8h9',
  unknown: 'M8 2a6 6 0 1 0 0 12A6 6 0 1 0 8 2zM6 6.2a2 2 0 1 1 2.5 1.9c-.5.2-.5.5-.5 1.2M8 11.3v.4',
  live: 'M8 4a4 4 0 1 0 0 8A4 4 0 1 0 8 4z',
};

/** A decorative 16×16 icon (aria-hidden); meaning always comes from the text next to it. */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name] || ICONS.unknown);
  svg.append(path);
  return svg;
}

/** A "Loading…", empty or error message for a region; error messages may offer a retry button. */
export function stateMessage(kind, text, retry) {
  const box = h('p', { class: `state state-${kind}`, role: kind === 'error' ? 'alert' : null },
    kind === 'error' ? icon('warning') : null, h('span', { text }));
  if (retry) {
    box.append(' ', h('button', { type: 'button', class: 'link-button', onclick: retry, text: 'Retry' }));
  }
  return box;
}

/** Marks a region busy while it loads (aria-busy) and returns a function that clears it. */
export function busy(region) {
  region.setAttribute('aria-busy', 'true');
  return () => region.removeAttribute('aria-busy');
}

/**
 * Updates the children of container in place to match items: existing children (by data-key) are
 * updated with update(node, item), new ones made with create(item), stale ones removed. Nodes that
 * stay keep focus and state; new nodes get the class "is-new" briefly so the change can be seen.
 */
export function reconcile(container, items, key, create, update, { highlight = true } = {}) {
  const existing = new Map();
  for (const child of Array.from(container.children)) existing.set(child.dataset.key, child);
  let previous = null;
  const fresh = [];
  for (const item of items) {
    const k = String(key(item));
    let node = existing.get(k);
    if (node) {
      existing.delete(k);
      update(node, item);
    } else {
      node = create(item);
      node.dataset.key = k;
      update(node, item);
      fresh.push(node);
    }
    const expected = previous ? previous.nextElementSibling : container.firstElementChild;
    if (expected !== node) container.insertBefore(node, expected);
    previous = node;
  }
  existing.forEach((node) => node.remove());
  if (highlight) {
    for (const node of fresh) {
      node.classList.add('is-new');
      setTimeout(() => node.classList.remove('is-new'), 2500);
    }
  }
  return fresh;
}

/** Adds the class "changed" for a moment (a visual cue for updated values). */
export function flash(node) {
  node.classList.remove('changed');
  void node.offsetWidth;
  node.classList.add('changed');
  setTimeout(() => node.classList.remove('changed'), 1500);
}

/** A status badge: icon plus text, never colour alone. */
export function badge(state) {
  return h('span', { class: `badge tone-${state.tone}`, 'data-state': state.key },
    icon(state.icon), h('span', { class: 'badge-text', text: state.label }));
}

/** Updates a badge made by {@link badge} in place. */
export function updateBadge(node, state) {
  if (node.dataset.state === state.key) return;
  node.className = `badge tone-${state.tone}`;
  node.dataset.state = state.key;
  node.replaceChildren(icon(state.icon), h('span', { class: 'badge-text', text: state.label }));
}
