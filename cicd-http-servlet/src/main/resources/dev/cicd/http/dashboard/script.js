// Entry point: configuration, token handling, routing between views, shared view context.

import { ApiError, onUnauthorized, readToken, setReadToken } from './api.js';
import { FailureAnnouncer, LiveUpdates } from './dashboard.js';
import { h, replaceChildren, stateMessage } from './dom.js';
import { setGitHubHost } from './format.js';
import { isRoute, parse } from './router.js';
import { AlertsView } from './view-alerts.js';
import { BuildView } from './view-build.js';
import { BuildsView } from './view-builds.js';
import { OverviewView } from './view-overview.js';
import { SettingsView } from './view-settings.js';

const authPanel = document.getElementById('auth-panel');
const tokenForm = document.getElementById('token-form');
const tokenInput = document.getElementById('token-input');
const tokenError = document.getElementById('token-error');
const signOut = document.getElementById('sign-out');
const main = document.getElementById('main');

const announcer = new FailureAnnouncer();
let current = null;
let currentRoute = null;
let locked = false;

const ctx = {
  announcer,
  loaded() {
    live.markUpdated();
  },
  /** Shows an error for a failed load (401 is handled by the token form instead). */
  failed(error, statusEl, retry) {
    if (error instanceof ApiError && error.status === 401) return;
    if (error?.name === 'AbortError') return;
    const text = error instanceof ApiError ? error.message : 'Something went wrong while loading this page.';
    replaceChildren(statusEl, stateMessage('error', text, retry));
  },
  /** Fills the repository and workflow suggestions from a metrics summary. */
  setOptions(summary) {
    fill('repository-options', (summary?.byRepository || []).map((r) => r.repository));
    fill('workflow-options', (summary?.byWorkflow || []).map((w) => w.workflow));
  },
};

const views = {
  overview: new OverviewView(ctx),
  builds: new BuildsView(ctx),
  build: new BuildView(ctx),
  alerts: new AlertsView(ctx),
  settings: new SettingsView(ctx),
};

const live = new LiveUpdates({
  announcer,
  onRefresh: (changes) => (current && !locked ? views[current].refresh(changes) : Promise.resolve()),
  onUnauthorized: () => lock(),
});

function fill(id, values) {
  const list = document.getElementById(id);
  const unique = Array.from(new Set(values.filter((v) => typeof v === 'string' && v))).sort();
  const now = Array.from(list.options, (o) => o.value);
  if (now.join('\u0000') === unique.join('\u0000')) return;
  replaceChildren(list, unique.map((value) => h('option', { value })));
}

async function route() {
  if (!isRoute()) return;
  const next = parse();
  const previous = currentRoute;
  currentRoute = next;
  if (locked) return;
  const changedView = current !== next.view;
  current = next.view;
  for (const [name] of Object.entries(views)) {
    document.getElementById(`view-${name}`).hidden = name !== current;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = link.dataset.nav === current || (current === 'build' && link.dataset.nav === 'builds');
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${views[current].title} · CI/CD Dashboard`;
  if (changedView && previous) {
    document.querySelector(`#view-${current} h1`)?.focus();
  }
  await views[current].show(next, previous);
  if (current === next.view) document.title = `${views[current].title} · CI/CD Dashboard`;
}

/** Hides the data and asks for a token (after a 401). */
function lock(message) {
  if (!locked) {
    locked = true;
    live.stop();
    for (const name of Object.keys(views)) document.getElementById(`view-${name}`).hidden = true;
    authPanel.hidden = false;
    document.title = 'Access token required · CI/CD Dashboard';
    authPanel.querySelector('h1').focus();
  }
  const text = message || (readToken() ? 'That token was not accepted. Check it and try again.' : '');
  tokenError.textContent = text;
  tokenError.hidden = !text;
  if (text) tokenInput.setAttribute('aria-invalid', 'true');
  else tokenInput.removeAttribute('aria-invalid');
  signOut.hidden = !readToken();
}

function unlock() {
  locked = false;
  authPanel.hidden = true;
  current = null;
  signOut.hidden = !readToken();
  live.start();
  route();
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = tokenInput.value.trim();
  if (!token) {
    lock('Enter a token.');
    tokenInput.focus();
    return;
  }
  setReadToken(token);
  tokenInput.value = '';
  unlock();
});

signOut.addEventListener('click', () => {
  setReadToken('');
  signOut.hidden = true;
  location.reload();
});

document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

onUnauthorized(({ admin }) => {
  if (!admin) lock();
});

window.addEventListener('hashchange', () => route());

/**
 * The GitHub host for external links: the servlet may put it into the page's
 * <meta name="cicd-github-host"> (placeholder {{githubHost}}); anything else keeps github.com.
 */
function configure() {
  const meta = document.querySelector('meta[name="cicd-github-host"]');
  if (meta?.content) setGitHubHost(meta.content);
}

async function boot() {
  signOut.hidden = !readToken();
  configure();
  live.start();
  await route();
}

boot();
