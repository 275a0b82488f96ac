// Alerts: firing now, silences (create and expire with the admin token) and history. The alert JSON
// comes from the alert engine; everything is read defensively and shown as text.

import { adminAction, adminTokenForm } from './admin.js';
import { ApiError, getJson, postJson } from './api.js';
import { badge, h, replaceChildren, stateMessage } from './dom.js';
import { dateTime, parseTime } from './format.js';
import { href } from './router.js';

export const ALERTS_URL = 'api/alerts';
/** Not in the servlet yet (see the report): POST creates, POST {id}/expire ends a silence early. */
export const SILENCES_URL = 'api/alerts/silences';
const DURATIONS = [['1h', 'for 1 hour', 3_600_000], ['4h', 'for 4 hours', 14_400_000],
  ['24h', 'for 1 day', 86_400_000], ['7d', 'for 1 week', 604_800_000]];
const MATCH_FIELDS = ['repository', 'workflow', 'branch', 'rule'];

const ALERT_STATES = {
  firing: { key: 'firing', tone: 'failure', icon: 'warning', label: 'Firing' },
  pending: { key: 'pending', tone: 'queued', icon: 'queued', label: 'Pending' },
  resolved: { key: 'resolved', tone: 'success', icon: 'success', label: 'Resolved' },
  inactive: { key: 'inactive', tone: 'neutral', icon: 'neutral', label: 'Inactive' },
};

export class AlertsView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = document.getElementById('view-alerts');
    this.status = this.root.querySelector('[data-role=status]');
    this.firing = document.getElementById('alerts-firing');
    this.silences = document.getElementById('alerts-silences');
    this.history = document.getElementById('alerts-history');
    this.formSlot = document.getElementById('silence-form-slot');
    this.sequence = 0;
  }

  get title() {
    return 'Alerts';
  }

  async show() {
    if (!this.formSlot.firstChild) this.formSlot.append(adminTokenForm(), this.silenceForm());
    await this.load(true);
  }

  refresh() {
    return this.load(false);
  }

  async load(initial) {
    const sequence = ++this.sequence;
    if (initial) replaceChildren(this.status, stateMessage('loading', 'Loading alerts…'));
    try {
      const data = await getJson(ALERTS_URL);
      if (sequence !== this.sequence) return;
      this.render(data);
      this.formSlot.hidden = false;
      replaceChildren(this.status);
      this.ctx.loaded();
    } catch (error) {
      if (sequence !== this.sequence) return;
      if (error instanceof ApiError && error.unsupported) {
        replaceChildren(this.status, stateMessage('empty', 'Alerting is not enabled on this server.'));
        this.render(null);
        this.formSlot.hidden = true;
      } else {
        this.ctx.failed(error, this.status, () => this.load(true));
      }
    }
  }

  render(data) {
    const all = listOf(data, 'alerts', 'items', 'instances');
    const firing = listOf(data, 'firing', 'active', 'open') ?? all?.filter((a) => stateName(a) === 'firing' || stateName(a) === 'pending');
    const history = listOf(data, 'history', 'transitions') ?? [];
    const silences = listOf(data, 'silences') ?? [];
    replaceChildren(this.firing, firing?.length ? alertTable(firing) : stateMessage('empty', 'No alert is firing.'));
    replaceChildren(this.history, history.length ? historyTable(history) : stateMessage('empty', 'No alert history yet.'));
    replaceChildren(this.silences, silences.length ? this.silenceTable(silences) : stateMessage('empty', 'No silences.'));
  }

  silenceTable(silences) {
    const now = Date.now();
    return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden', text: 'Silences' }),
      h('thead', {}, h('tr', {}, ['Matches', 'Until', 'Reason', 'Action'].map((label) => h('th', { scope: 'col', text: label })))),
      h('tbody', {}, silences.map((s) => {
        const ends = parseTime(s.endsAt);
        const active = !ends || ends.getTime() > now;
        const output = h('span', { class: 'action-output' });
        const expire = active && s.id != null ? h('button', {
          type: 'button', text: 'Expire', 'aria-label': `Expire silence ${matcherText(s)}`,
          onclick: async () => {
            const ok = await adminAction(output, () => postJson(`${SILENCES_URL}/${encodeURIComponent(s.id)}/expire`,
              {}, { admin: true }), 'Silence expired.');
            if (ok) this.load(false);
          },
        }) : h('span', { text: 'Expired' });
        return h('tr', {},
          h('td', { text: matcherText(s) }),
          h('td', { text: dateTime(s.endsAt) }),
          h('td', {}, h('span', { text: s.reason ?? '' }), s.author ? h('span', { class: 'meta', text: ` — ${s.author}` }) : null),
          h('td', {}, expire, ' ', output));
      }))));
  }

  silenceForm() {
    const fields = MATCH_FIELDS.map((name) => h('div', { class: 'field' },
      h('label', { for: `silence-${name}`, text: `${name[0].toUpperCase()}${name.slice(1)} (glob)` }),
      h('input', { id: `silence-${name}`, name, autocomplete: 'off', spellcheck: 'false', placeholder: name === 'branch' ? 'main' : '' })));
    const output = h('p', { class: 'action-output', 'aria-live': 'polite' });
    const form = h('form', { class: 'filters', autocomplete: 'off', 'aria-labelledby': 'new-silence-title' },
      h('h3', { id: 'new-silence-title', class: 'full', text: 'New silence' }),
      fields,
      h('div', { class: 'field' }, h('label', { for: 'silence-duration', text: 'Duration' }),
        h('select', { id: 'silence-duration', name: 'duration' },
          DURATIONS.map(([value, label]) => h('option', { value, text: label })))),
      h('div', { class: 'field' }, h('label', { for: 'silence-author', text: 'Author' }),
        h('input', { id: 'silence-author', name: 'author', required: true, autocomplete: 'off' })),
      h('div', { class: 'field full' }, h('label', { for: 'silence-reason', text: 'Reason' }),
        h('input', { id: 'silence-reason', name: 'reason', required: true, autocomplete: 'off' })),
      h('div', { class: 'actions full' }, h('button', { type: 'submit', class: 'primary', text: 'Create silence' })),
      output);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const matchers = MATCH_FIELDS.map((field) => ({ field, pattern: String(data.get(field) || '').trim() }))
        .filter((m) => m.pattern);
      if (matchers.length === 0) {
        output.textContent = 'Enter at least one of repository, workflow, branch or rule.';
        return;
      }
      const length = DURATIONS.find(([value]) => value === data.get('duration'))?.[2] ?? 3_600_000;
      const now = Date.now();
      const body = {
        matchers, startsAt: new Date(now).toISOString(), endsAt: new Date(now + length).toISOString(),
        author: String(data.get('author')).trim(), reason: String(data.get('reason')).trim(),
      };
      const ok = await adminAction(output, () => postJson(SILENCES_URL, body, { admin: true }), 'Silence created.');
      if (ok) {
        form.reset();
        this.load(false);
      }
    });
    return form;
  }
}

function alertTable(alerts) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden', text: 'Alerts firing now' }),
    h('thead', {}, h('tr', {}, ['State', 'Alert', 'Since'].map((label) => h('th', { scope: 'col', text: label })))),
    h('tbody', {}, alerts.map((a) => h('tr', {},
      h('td', {}, badge(alertState(stateName(a)))),
      h('td', {}, h('span', { class: 'strong', text: a.summary || a.ruleId || a.rule || a.name || 'Alert' }),
        h('span', { class: 'meta', text: scopeText(a) }),
        buildLink(a.buildId)),
      h('td', { text: dateTime(a.firedAt ?? a.since ?? a.startsAt) }))))));
}

function historyTable(history) {
  const rows = [...history].sort((a, b) => String(b.at ?? '').localeCompare(String(a.at ?? ''))).slice(0, 100);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden', text: 'Alert history, newest first' }),
    h('thead', {}, h('tr', {}, ['When', 'Change', 'Alert'].map((label) => h('th', { scope: 'col', text: label })))),
    h('tbody', {}, rows.map((t) => h('tr', {},
      h('td', { text: dateTime(t.at ?? t.time) }),
      h('td', {}, badge(alertState(lower(t.to ?? t.state)))),
      h('td', {}, h('span', { class: 'strong', text: t.reason || t.ruleId || 'Alert' }),
        h('span', { class: 'meta', text: scopeText(t) }), buildLink(t.buildId)))))));
}

function buildLink(id) {
  return typeof id === 'string' && id ? h('a', { class: 'meta-link', href: href('build', {}, id), text: 'build' }) : null;
}

function scopeText(a) {
  const parts = [a.ruleId ? `rule ${a.ruleId}` : null, a.repository, a.workflow, a.branch].filter(Boolean);
  return parts.length ? ` ${parts.join(' · ')} ` : ' ';
}

function matcherText(silence) {
  const matchers = Array.isArray(silence.matchers) ? silence.matchers : [];
  return matchers.map((m) => `${lower(m.field)} = ${m.pattern}`).join(', ') || 'everything';
}

function stateName(alert) {
  return lower(alert.state ?? alert.status);
}

function alertState(name) {
  return ALERT_STATES[name] ?? { key: name || 'unknown', tone: 'neutral', icon: 'unknown', label: name || 'Unknown' };
}

function lower(value) {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function listOf(data, ...names) {
  if (Array.isArray(data) && names.includes('items')) return data;
  for (const name of names) {
    if (data && Array.isArray(data[name])) return data[name];
  }
  return null;
}
