// Builds: a filterable, pageable table. Filters and the page cursor live in the URL fragment.

import { getJson, path } from './api.js';
import { badge, h, reconcile, replaceChildren, setText, stateMessage, updateBadge } from './dom.js';
import { dateTime, duration, stateOf, windowStart, WINDOWS } from './format.js';
import { href, navigate } from './router.js';

const FILTERS = ['repository', 'workflow', 'branch', 'status', 'window', 'limit'];
const CONCLUSIONS = new Set(['success', 'failure', 'timed_out', 'startup_failure', 'cancelled', 'skipped',
  'neutral', 'action_required', 'stale']);
const STATUSES = new Set(['in_progress', 'queued', 'waiting', 'pending', 'requested', 'completed']);
const LIMITS = ['25', '50', '100'];

export class BuildsView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = document.getElementById('view-builds');
    this.status = this.root.querySelector('[data-role=status]');
    this.form = document.getElementById('build-filters');
    this.tbody = document.querySelector('#builds-table tbody');
    this.pager = document.getElementById('builds-pager');
    this.sequence = 0;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      navigate(href('builds', this.formParams()));
    });
    document.getElementById('clear-filters').addEventListener('click', () => navigate(href('builds')));
  }

  get title() {
    return 'Builds';
  }

  formParams() {
    const data = new FormData(this.form);
    const params = {};
    for (const name of FILTERS) params[name] = String(data.get(name) ?? '').trim();
    if (params.limit === '50') params.limit = '';
    return params;
  }

  async show(route) {
    const p = route.params;
    this.query = {};
    for (const name of FILTERS) this.query[name] = p.get(name) || '';
    if (!WINDOWS[this.query.window]) this.query.window = '';
    if (!LIMITS.includes(this.query.limit)) this.query.limit = '';
    this.cursor = p.get('cursor') || '';
    for (const name of FILTERS) {
      const field = this.form.elements[name];
      field.value = name === 'limit' ? this.query.limit || '50' : this.query[name];
      if (field.tagName === 'SELECT' && field.selectedIndex < 0) field.selectedIndex = 0;
    }
    await this.load(true);
  }

  refresh() {
    return this.load(false);
  }

  apiParams() {
    const q = this.query;
    const status = q.status;
    return {
      repository: q.repository,
      workflow: q.workflow,
      branch: q.branch,
      conclusion: CONCLUSIONS.has(status) ? status : '',
      status: STATUSES.has(status) ? status : '',
      from: q.window ? windowStart(q.window) : '',
      limit: q.limit || '50',
      cursor: this.cursor,
    };
  }

  async load(initial) {
    const sequence = ++this.sequence;
    if (initial) {
      replaceChildren(this.status, stateMessage('loading', 'Loading builds…'));
      this.tbody.replaceChildren();
      this.pager.replaceChildren();
    }
    this.root.setAttribute('aria-busy', 'true');
    try {
      const page = await getJson(path('api/builds', this.apiParams()));
      if (sequence !== this.sequence) return;
      const items = Array.isArray(page?.items) ? page.items : [];
      reconcile(this.tbody, items, (b) => b.id, createRow, updateRow, { highlight: !initial });
      this.renderPager(page?.nextCursor ?? null);
      replaceChildren(this.status, items.length === 0 ? this.emptyMessage() : h('p', {
        class: 'state state-count', text: `${items.length} build${items.length === 1 ? '' : 's'} shown${this.cursor ? ' (older page)' : ''}.`,
      }));
      this.ctx.announcer.observe(items);
      this.ctx.loaded();
    } catch (error) {
      if (sequence === this.sequence) this.ctx.failed(error, this.status, () => this.load(true));
    } finally {
      if (sequence === this.sequence) this.root.removeAttribute('aria-busy');
    }
  }

  emptyMessage() {
    const filtered = FILTERS.some((name) => name !== 'limit' && this.query[name]);
    return h('p', { class: 'state state-empty' },
      filtered ? 'No builds match these filters. ' : 'No builds yet. They appear here as soon as a webhook or poll reports one. ',
      filtered ? h('a', { href: href('builds'), text: 'Clear filters' }) : null);
  }

  renderPager(nextCursor) {
    const params = { ...this.query };
    const links = [];
    if (this.cursor) links.push(h('a', { href: href('builds', params), text: '« Newest builds' }));
    if (nextCursor) links.push(h('a', { href: href('builds', { ...params, cursor: nextCursor }), rel: 'next', text: 'Older builds »' }));
    replaceChildren(this.pager, links);
  }
}

function createRow() {
  return h('tr', {},
    h('td', { class: 'col-status' }, badge(stateOf({}))),
    h('td', { class: 'col-build' },
      h('a', { class: 'build-title', href: '#/builds' }),
      h('span', { class: 'meta' }),
      h('span', { class: 'meta meta-branch' }, h('span', { class: 'visually-hidden', text: 'Branch: ' }),
        h('span', { class: 'branch' }))),
    h('td', { class: 'col-branch optional' }, h('span', { class: 'branch' })),
    h('td', { class: 'col-duration num' }),
    h('td', { class: 'col-started optional' }, h('time')));
}

function updateRow(row, build) {
  updateBadge(row.querySelector('.badge'), stateOf(build));
  const link = row.querySelector('.build-title');
  link.setAttribute('href', href('build', {}, build.id));
  setText(link, build.title || `${build.workflow ?? 'Run'} #${build.runNumber ?? build.runId ?? ''}`);
  const meta = [build.repository, build.workflow, build.runNumber != null ? `#${build.runNumber}` : null];
  if ((build.attempt ?? 1) > 1) meta.push(`attempt ${build.attempt}`);
  setText(row.querySelector('.meta'), meta.filter(Boolean).join(' · '));
  for (const node of row.querySelectorAll('.branch')) setText(node, build.branch ?? '—');
  setText(row.querySelector('.col-duration'), build.status === 'completed' ? duration(build.durationMs)
    : build.status === 'in_progress' ? 'running' : 'waiting');
  const time = row.querySelector('time');
  const started = build.startedAt || build.createdAt;
  setText(time, dateTime(started));
  if (started && !Number.isNaN(Date.parse(started))) time.setAttribute('datetime', started);
  else time.removeAttribute('datetime');
}
