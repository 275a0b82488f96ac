// Overview: KPI cards, trend charts, "failing now", DORA and a per-repository table.

import { getJson, path } from './api.js';
import { TrendChart } from './charts.js';
import { badge, flash, h, reconcile, replaceChildren, setText, stateMessage, updateBadge } from './dom.js';
import {
  count, dateTime, duration, isFailure, percent, perDay, stateOf, windowStart, WINDOWS,
} from './format.js';
import { href, navigate } from './router.js';

const RECENT_LIMIT = 200;

export class OverviewView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = document.getElementById('view-overview');
    this.status = this.root.querySelector('[data-role=status]');
    this.form = document.getElementById('overview-filters');
    this.failing = document.getElementById('failing');
    this.repos = document.getElementById('by-repository');
    this.dora = document.getElementById('dora');
    this.charts = Array.from(this.root.querySelectorAll('figure[data-chart]'), (f) => new TrendChart(f));
    this.sequence = 0;
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(this.form);
      navigate(href('overview', { window: data.get('window'), repository: String(data.get('repository')).trim() }));
    });
  }

  get title() {
    return 'Overview';
  }

  async show(route) {
    const window = WINDOWS[route.params.get('window')] ? route.params.get('window') : '7d';
    this.query = { window, repository: route.params.get('repository') || '' };
    this.form.elements.window.value = window;
    this.form.elements.repository.value = this.query.repository;
    await this.load(true);
  }

  refresh() {
    return this.load(false);
  }

  async load(initial) {
    const sequence = ++this.sequence;
    const { window, repository } = this.query;
    if (initial) replaceChildren(this.status, stateMessage('loading', 'Loading key figures…'));
    this.root.setAttribute('aria-busy', 'true');
    try {
      const [summary, recent] = await Promise.all([
        getJson(path('api/metrics/summary', { window, repository })),
        getJson(path('api/builds', { repository, from: windowStart(window), limit: RECENT_LIMIT })),
      ]);
      if (sequence !== this.sequence) return;
      const items = Array.isArray(recent?.items) ? recent.items : [];
      this.renderKpis(summary || {}, initial);
      this.renderFailing(items);
      this.renderRepositories(summary?.byRepository || []);
      this.renderDora(summary?.dora);
      const daily = Array.isArray(summary?.daily) ? summary.daily : [];
      await Promise.all(this.charts.map((chart) => chart.update(daily)));
      replaceChildren(this.status, (summary?.builds?.total ?? 0) === 0
        ? stateMessage('empty', 'No completed builds in this window yet.') : null);
      this.ctx.announcer.observe(items);
      this.ctx.setOptions(summary);
      this.ctx.loaded();
    } catch (error) {
      if (sequence === this.sequence) this.ctx.failed(error, this.status, () => this.load(true));
    } finally {
      if (sequence === this.sequence) this.root.removeAttribute('aria-busy');
    }
  }

  renderKpis(s, initial) {
    const builds = s.builds || {};
    const values = {
      builds: [count(builds.total), builds.total == null ? ''
        : `${count(builds.success)} passed · ${count(builds.failure)} failed · ${count(builds.cancelled)} cancelled`],
      successRate: [percent(s.successRate), 'of passed and failed builds'],
      durationP50: [duration(s.durationMs?.p50), s.durationMs?.avg == null ? '' : `mean ${duration(s.durationMs.avg)}`],
      durationP95: [duration(s.durationMs?.p95)],
      queueP95: [duration(s.queueMs?.p95), s.queueMs?.p50 == null ? '' : `p50 ${duration(s.queueMs.p50)}`],
      mttr: [duration(s.mttrMs)],
      flaky: [count(s.flakyBuilds)],
      firstAttempt: [percent(s.firstAttemptSuccessRate), 'passed without a re-run'],
    };
    this.setKpis(values, initial);
  }

  setKpis(values, initial) {
    for (const [name, [value, sub]] of Object.entries(values)) {
      const node = this.root.querySelector(`[data-kpi="${name}"]`);
      if (!node) continue;
      const changed = node.textContent !== value;
      setText(node, value);
      if (changed && !initial) flash(node);
      const subNode = this.root.querySelector(`[data-kpi-sub="${name}"]`);
      if (subNode && sub !== undefined) setText(subNode, sub);
    }
  }

  renderDora(dora) {
    const has = dora && ((dora.deployments ?? 0) + (dora.failedDeployments ?? 0)) > 0;
    this.dora.hidden = !has;
    if (!has) return;
    this.setKpis({
      doraFrequency: [perDay(dora.deploymentsPerDay), plural(dora.deployments, 'successful deployment')],
      doraLeadTime: [duration(dora.leadTimeP50Ms)],
      doraChangeFailure: [percent(dora.changeFailureRate), plural(dora.failedDeployments, 'failed deployment')],
      doraRestore: [duration(dora.timeToRestoreMs)],
    }, false);
  }

  renderFailing(items) {
    const groups = failingGroups(items);
    let list = this.failing.querySelector('ul');
    if (groups.length === 0) {
      replaceChildren(this.failing, stateMessage('empty', 'Nothing is failing. Every latest build passed.'));
      return;
    }
    if (!list) {
      list = h('ul', { class: 'failing-list' });
      replaceChildren(this.failing, list);
    }
    reconcile(list, groups, (g) => g.key, createFailingItem, updateFailingItem);
  }

  renderRepositories(rows) {
    if (!Array.isArray(rows) || rows.length === 0) {
      replaceChildren(this.repos, stateMessage('empty', 'No repositories with completed builds in this window.'));
      return;
    }
    let tbody = this.repos.querySelector('tbody');
    if (!tbody) {
      tbody = h('tbody');
      replaceChildren(this.repos, h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('caption', { class: 'visually-hidden', text: 'Builds by repository' }),
        h('thead', {}, h('tr', {},
          ['Repository', 'Builds', 'Success rate', 'Failed', 'p50', 'p95'].map((label, i) =>
            h('th', { scope: 'col', class: i >= 4 ? 'num optional' : i > 0 ? 'num' : null, text: label })))),
        tbody)));
    }
    reconcile(tbody, rows, (r) => r.repository, createRepoRow, updateRepoRow, { highlight: false });
  }
}

function plural(n, noun) {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Latest completed, rate-relevant build per (repository, workflow, branch) that failed. */
export function failingGroups(items) {
  const groups = new Map();
  for (const build of items) {
    const key = [build.repository, build.workflow, build.branch].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = { key, latest: null, streak: 0, since: null, running: false, done: false };
      groups.set(key, group);
    }
    if (group.done) continue;
    if (build.status !== 'completed') {
      if (!group.latest) group.running = true;
      continue;
    }
    if (build.conclusion === 'success') {
      group.done = true;
    } else if (isFailure(build.conclusion)) {
      group.latest ??= build;
      group.streak += 1;
      group.since = build.completedAt;
    }
  }
  return Array.from(groups.values()).filter((g) => g.latest);
}

function createFailingItem() {
  return h('li', { class: 'failing-item' },
    h('span', { class: 'badge-slot' }, badge(stateOf({ status: 'completed', conclusion: 'failure' }))),
    h('div', { class: 'failing-body' },
      h('a', { class: 'failing-link', href: '#/builds' }),
      h('span', { class: 'branch' }),
      h('span', { class: 'meta' })));
}

function updateFailingItem(node, group) {
  const build = group.latest;
  updateBadge(node.querySelector('.badge'), stateOf(build));
  const link = node.querySelector('.failing-link');
  link.setAttribute('href', href('build', {}, build.id));
  setText(link, `${build.repository} · ${build.workflow}`);
  setText(node.querySelector('.branch'), build.branch ?? '');
  const parts = [group.streak === 1 ? '1 failed build' : `${group.streak} failed builds in a row`,
    `since ${dateTime(group.since)}`];
  if (group.running) parts.push('a newer build is running');
  setText(node.querySelector('.meta'), parts.join(' · '));
}

function createRepoRow() {
  return h('tr', {}, h('th', { scope: 'row' }, h('a', { href: '#/builds' })),
    h('td', { class: 'num' }), h('td', { class: 'num' }), h('td', { class: 'num' }),
    h('td', { class: 'num optional' }), h('td', { class: 'num optional' }));
}

function updateRepoRow(row, r) {
  const link = row.querySelector('a');
  link.setAttribute('href', href('builds', { repository: r.repository }));
  setText(link, r.repository);
  const cells = row.querySelectorAll('td');
  setText(cells[0], count(r.total));
  setText(cells[1], percent(r.successRate));
  setText(cells[2], count(r.failed));
  setText(cells[3], duration(r.p50DurationMs));
  setText(cells[4], duration(r.p95DurationMs));
}
