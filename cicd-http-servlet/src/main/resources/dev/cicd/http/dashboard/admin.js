// The admin token form (used by the alerts and settings views) and a helper that runs an admin
// action and reports its outcome as text.

import { adminToken, ApiError, setAdminToken } from './api.js';
import { h, icon, replaceChildren } from './dom.js';

const listeners = new Set();
let counter = 0;

/** A small form to set or forget the admin token for this tab. */
export function adminTokenForm() {
  const id = `admin-token-${++counter}`;
  const input = h('input', { id, type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const state = h('p', { class: 'hint', 'aria-live': 'polite' });
  const forget = h('button', { type: 'button', text: 'Forget admin token' });
  const render = () => {
    const has = Boolean(adminToken());
    state.textContent = has
      ? 'An admin token is set for this browser tab.'
      : 'No admin token is set; admin actions use the access token, if any.';
    forget.hidden = !has;
  };
  forget.addEventListener('click', () => {
    setAdminToken('');
    listeners.forEach((fn) => fn());
  });
  const form = h('form', { class: 'inline-form', autocomplete: 'off' },
    h('div', { class: 'field' }, h('label', { for: id, text: 'Admin token' }), input),
    h('div', { class: 'actions' }, h('button', { type: 'submit', text: 'Use admin token' }), forget),
    state);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      input.focus();
      return;
    }
    setAdminToken(input.value);
    input.value = '';
    listeners.forEach((fn) => fn());
  });
  listeners.add(render);
  render();
  return form;
}

/**
 * Runs fn() (a promise) and writes the outcome into the output element; returns the result or null.
 * 401/403 point at the admin token; 404/501 say the server does not offer the action.
 */
export async function adminAction(output, fn, success) {
  replaceChildren(output, h('span', { text: 'Working…' }));
  try {
    const result = await fn();
    replaceChildren(output, h('span', { class: 'ok' }, icon('success'), ` ${success}`));
    return result ?? {};
  } catch (error) {
    let text = error instanceof Error ? error.message : 'The action failed.';
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      text = `${text} Enter an admin token above.`;
    } else if (error instanceof ApiError && error.unsupported) {
      text = 'This server does not offer this action.';
    }
    replaceChildren(output, h('span', { class: 'error', role: 'alert' }, icon('warning'), ` ${text}`));
    return null;
  }
}
