// Build detail: facts, attempts, jobs (queue time next to run time) and steps, GitHub link.

import { ApiError, getJson } from './api.js';
import { badge, externalLink, h, replaceChildren, setText, stateMessage } from './dom.js';
import { dateTime, duration, safeGitHubUrl, shortSha, stateOf } from './format.js';

export class BuildView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = document.getElementById('view-build');
    this.status = this.root.querySelector('[data-role=status]');
    this.heading = document.getElementById('build-title');
    this.detail = document.getElementById('build-detail');
    this.sequence = 0;
    document.getElementById('back-to-builds').addEventListener('click', (event) => {
      // Return to the filtered list the user came from, when there is one.
      if (this.cameFromBuilds) {
        event.preventDefault();
        history.back();
      }
    });
  }

  get title() {
    return this.build?.title ? `Build: ${this.build.title}` : 'Build';
  }

  async show(route, previous) {
    this.id = route.segments[0] || '';
    this.cameFromBuilds = previous?.view === 'builds';
    this.build = null;
    setText(this.heading, 'Build');
    this.detail.replaceChildren();
    await this.load(true);
  }

  /** Reloads only when this build may have changed (changes: Set of build ids, or null for any). */
  refresh(changes) {
    if (changes && !changes.has(this.id)) {
      this.ctx.loaded();
      return Promise.resolve();
    }
    return this.load(false);
  }

  async load(initial) {
    const sequence = ++this.sequence;
    if (!this.id) {
      replaceChildren(this.status, stateMessage('error', 'No build selected.'));
      return;
    }
    if (initial) replaceChildren(this.status, stateMessage('loading', 'Loading build…'));
    this.root.setAttribute('aria-busy', 'true');
    try {
      const build = await getJson(`api/builds/${encodeURIComponent(this.id)}`);
      if (sequence !== this.sequence) return;
      this.build = build || {};
      this.render(this.build);
      replaceChildren(this.status);
      this.ctx.announcer.observe([this.build]);
      this.ctx.loaded();
    } catch (error) {
      if (sequence !== this.sequence) return;
      if (error instanceof ApiError && error.status === 404) {
        replaceChildren(this.status, stateMessage('error', 'This build does not exist (or was removed by retention).'));
        this.detail.replaceChildren();
      } else {
        this.ctx.failed(error, this.status, () => this.load(true));
      }
    } finally {
      if (sequence === this.sequence) this.root.removeAttribute('aria-busy');
    }
  }

  render(build) {
    setText(this.heading, build.title || `${build.workflow ?? 'Run'} #${build.runNumber ?? build.runId ?? ''}`);
    document.title = `${this.title} · CI/CD Dashboard`;
    const open = new Set(Array.from(this.detail.querySelectorAll('details[open]'), (d) => d.dataset.key));
    const focusedKey = document.activeElement?.closest?.('#build-detail [data-key]')?.dataset.key;
    replaceChildren(this.detail, facts(build), attempts(build), jobs(build));
    for (const details of this.detail.querySelectorAll('details')) {
      if (open.has(details.dataset.key)) details.open = true;
    }
    if (focusedKey) this.detail.querySelector(`[data-key="${CSS.escape(focusedKey)}"] summary`)?.focus();
  }
}

function facts(build) {
  const url = safeGitHubUrl(build.url);
  const rows = [
    ['Status', badge(stateOf(build))],
    ['Repository', build.repository],
    ['Workflow', build.workflow],
    ['Branch', h('span', { class: 'branch', text: build.branch ?? '—' })],
    ['Commit', h('code', { text: shortSha(build.commitSha) })],
    ['Event', build.event],
    ['Actor', build.actor],
    ['Run', [build.runNumber != null ? `#${build.runNumber}` : `id ${build.runId ?? '—'}`,
      (build.attempt ?? 1) > 1 ? `, attempt ${build.attempt}` : '']],
    ['Created', dateTime(build.createdAt)],
    ['Started', dateTime(build.startedAt)],
    ['Completed', dateTime(build.completedAt)],
    ['Duration', duration(build.durationMs)],
  ];
  return h('section', { class: 'panel', 'aria-labelledby': 'facts-title' },
    h('h2', { id: 'facts-title', text: 'Summary' }),
    h('dl', { class: 'facts' }, rows.map(([label, value]) =>
      h('div', {}, h('dt', { text: label }), h('dd', {}, value ?? '—')))),
    url ? h('p', {}, externalLink(url, 'View this run on GitHub')) : null);
}

function attempts(build) {
  const list = Array.isArray(build.attempts) ? [...build.attempts] : [];
  list.sort((a, b) => attemptNumber(b) - attemptNumber(a));
  const body = list.length === 0 ? stateMessage('empty', 'No attempts recorded.')
    : h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden', text: 'Attempts, latest first' }),
      h('thead', {}, h('tr', {}, ['Attempt', 'Status', 'Started', 'Completed', 'Duration'].map((label, i) =>
        h('th', { scope: 'col', class: i === 2 || i === 3 ? 'optional' : null, text: label })))),
      h('tbody', {}, list.map((a) => h('tr', {},
        h('th', { scope: 'row', text: `#${attemptNumber(a)}` }),
        h('td', {}, badge(stateOf(a))),
        h('td', { class: 'optional', text: dateTime(a.startedAt ?? a.createdAt) }),
        h('td', { class: 'optional', text: dateTime(a.completedAt) }),
        h('td', { class: 'num', text: duration(a.durationMs ?? span(a.startedAt, a.completedAt)) }))))));
  return h('section', { class: 'panel', 'aria-labelledby': 'attempts-title' },
    h('h2', { id: 'attempts-title', text: 'Attempts' }), body);
}

function jobs(build) {
  const list = Array.isArray(build.jobs) ? build.jobs : [];
  const byAttempt = new Map();
  for (const job of list) {
    const n = job.attempt ?? 1;
    if (!byAttempt.has(n)) byAttempt.set(n, []);
    byAttempt.get(n).push(job);
  }
  const numbers = Array.from(byAttempt.keys()).sort((a, b) => b - a);
  const content = numbers.length === 0 ? [stateMessage('empty', 'No jobs reported for this build yet.')]
    : numbers.map((n) => jobTable(n, byAttempt.get(n), numbers.length > 1));
  return h('section', { class: 'panel', 'aria-labelledby': 'jobs-title' },
    h('h2', { id: 'jobs-title', text: 'Jobs' }),
    h('p', { class: 'hint', text: 'Queue time is how long a job waited for a runner; run time is how long it ran.' }),
    content);
}

function jobTable(attempt, list, several) {
  const sorted = [...list].sort((a, b) => String(a.startedAt ?? a.createdAt ?? '').localeCompare(String(b.startedAt ?? b.createdAt ?? '')));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data jobs' },
    h('caption', { class: several ? null : 'visually-hidden', text: `Jobs of attempt ${attempt}` }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: 'Job' }), h('th', { scope: 'col', class: 'optional', text: 'Status' }),
      h('th', { scope: 'col', class: 'num', text: 'Queue time' }), h('th', { scope: 'col', class: 'num', text: 'Run time' }),
      h('th', { scope: 'col', class: 'optional', text: 'Runner' }))),
    h('tbody', {}, sorted.map((job) => jobRow(job, attempt)))));
}

function jobRow(job, attempt) {
  const steps = Array.isArray(job.steps) ? job.steps : [];
  const key = `job-${attempt}-${job.id ?? job.name}`;
  const labels = Array.isArray(job.labels) ? job.labels.join(', ') : '';
  const url = safeGitHubUrl(job.url);
  return h('tr', { 'data-key': key },
    h('th', { scope: 'row', class: 'job-name' },
      h('span', { text: job.name ?? `Job ${job.id ?? ''}` }),
      url ? h('span', { class: 'meta' }, ' ', externalLink(url,
        h('span', { class: 'visually-hidden', text: `${job.name ?? 'job'} ` }), 'log')) : null,
      h('span', { class: 'narrow-only' }, badge(stateOf(job))),
      steps.length === 0 ? null : h('details', { class: 'steps', 'data-key': key },
        h('summary', { text: `${steps.length} step${steps.length === 1 ? '' : 's'}` }),
        h('ol', {}, steps.map((step) => h('li', {},
          badge(stateOf(step)), ' ', h('span', { text: step.name ?? `Step ${step.number ?? ''}` }),
          h('span', { class: 'meta', text: ` ${duration(step.durationMs ?? span(step.startedAt, step.completedAt))}` })))))),
    h('td', { class: 'optional' }, badge(stateOf(job))),
    h('td', { class: 'num', text: duration(job.queueMs) }),
    h('td', { class: 'num', text: duration(job.durationMs) }),
    h('td', { class: 'optional' }, h('span', { text: job.runnerName ?? '—' }),
      labels ? h('span', { class: 'meta', text: ` (${labels})` }) : null));
}

function attemptNumber(a) {
  return Number(a.attempt ?? a.number ?? a.runAttempt ?? 1);
}

function span(start, end) {
  const s = Date.parse(start);
  const e = Date.parse(end);
  return Number.isFinite(s) && Number.isFinite(e) ? e - s : null;
}
