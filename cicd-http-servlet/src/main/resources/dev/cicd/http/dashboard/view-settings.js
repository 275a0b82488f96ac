// Settings: alert rules and channels (read from the alerts endpoint), a test notification and the
// configuration editor (admin token). Shapes are read defensively; every value is shown as text.

import { adminAction, adminTokenForm } from './admin.js';
import { ApiError, getJson, postJson } from './api.js';
import { h, replaceChildren, stateMessage } from './dom.js';
import { ALERTS_URL } from './view-alerts.js';

export const CONFIGURE_URL = 'api/alerts/configure';
export const TEST_URL = 'api/alert/test';

export class SettingsView {
  constructor(ctx) {
    this.ctx = ctx;
    this.root = document.getElementById('view-settings');
    this.status = this.root.querySelector('[data-role=status]');
    this.rules = document.getElementById('settings-rules');
    this.channels = document.getElementById('settings-channels');
    this.test = document.getElementById('settings-test');
    this.config = document.getElementById('settings-config');
    this.sequence = 0;
    this.editor = null;
  }

  get title() {
    return 'Settings';
  }

  async show() {
    const slot = document.getElementById('admin-slot');
    if (!slot.firstChild) slot.append(adminTokenForm());
    await this.load(true);
  }

  /** Live events do not change settings; nothing to refresh (and never overwrite an edit). */
  refresh() {
    return Promise.resolve();
  }

  async load(initial) {
    const sequence = ++this.sequence;
    if (initial) replaceChildren(this.status, stateMessage('loading', 'Loading settings…'));
    let data = null;
    try {
      data = await getJson(ALERTS_URL);
      if (sequence !== this.sequence) return;
      replaceChildren(this.status);
      this.ctx.loaded();
    } catch (error) {
      if (sequence !== this.sequence) return;
      if (error instanceof ApiError && error.unsupported) {
        replaceChildren(this.status, stateMessage('empty', 'Alerting is not enabled on this server.'));
      } else {
        this.ctx.failed(error, this.status, () => this.load(true));
        return;
      }
    }
    const enabled = data !== null;
    for (const id of ['admin-slot', 'settings-test', 'settings-config']) {
      document.getElementById(id).closest('section').hidden = !enabled;
    }
    const config = data?.config && typeof data.config === 'object' ? data.config : data || {};
    const rules = Array.isArray(config.rules) ? config.rules : [];
    const channels = channelList(data, config);
    replaceChildren(this.rules, rules.length ? rulesTable(rules) : stateMessage('empty', 'No alert rules are configured.'));
    replaceChildren(this.channels, channels.length ? channelsList(channels, config.receivers)
      : stateMessage('empty', 'No notification channels are configured.'));
    replaceChildren(this.test, this.testForm(channels));
    replaceChildren(this.config, this.configForm(config));
  }

  testForm(channels) {
    const output = h('p', { class: 'action-output', 'aria-live': 'polite' });
    const control = channels.length
      ? h('select', { id: 'test-channel', name: 'channel' }, channels.map((c) => h('option', { value: c.id, text: c.id })))
      : h('input', { id: 'test-channel', name: 'channel', autocomplete: 'off', spellcheck: 'false' });
    const form = h('form', { class: 'inline-form' },
      h('div', { class: 'field' }, h('label', { for: 'test-channel', text: 'Channel' }), control),
      h('div', { class: 'actions' }, h('button', { type: 'submit', text: 'Send test notification' })),
      output);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const channel = String(new FormData(form).get('channel') || '').trim();
      await adminAction(output, () => postJson(TEST_URL, channel ? { channel } : {}, { admin: true }),
        'Test notification sent.');
    });
    return form;
  }

  configForm(config) {
    const editable = {};
    for (const key of ['rules', 'receivers', 'groupWait', 'repeatInterval']) {
      if (config[key] !== undefined) editable[key] = config[key];
    }
    const textarea = h('textarea', { id: 'config-json', rows: 14, spellcheck: 'false', 'aria-describedby': 'config-help' });
    textarea.value = JSON.stringify(editable, null, 2);
    const output = h('p', { class: 'action-output', 'aria-live': 'polite' });
    const form = h('form', { class: 'stack' },
      h('label', { for: 'config-json', text: 'Rules and receivers (JSON)' }),
      h('p', { id: 'config-help', class: 'hint', text: 'Replaces the alert rules and channel settings. The server validates the whole document and names any bad value.' }),
      textarea,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: 'Save configuration' })),
      output);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let body;
      try {
        body = JSON.parse(textarea.value);
      } catch (error) {
        output.textContent = `This is not valid JSON: ${error.message}`;
        textarea.focus();
        return;
      }
      const ok = await adminAction(output, () => postJson(CONFIGURE_URL, body, { admin: true }), 'Configuration saved.');
      if (ok) this.load(false);
    });
    return form;
  }
}

function channelList(data, config) {
  const raw = [data?.channels, config.channels].find(Array.isArray) ?? [];
  return raw.map((c) => (typeof c === 'string' ? { id: c } : { id: String(c?.id ?? c?.name ?? ''), type: c?.type }))
    .filter((c) => c.id);
}

function rulesTable(rules) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden', text: 'Alert rules' }),
    h('thead', {}, h('tr', {}, ['Rule', 'Type', 'Scope', 'Parameters'].map((label, i) =>
      h('th', { scope: 'col', class: i === 3 ? 'optional' : null, text: label })))),
    h('tbody', {}, rules.map((r) => h('tr', {},
      h('th', { scope: 'row', text: r.id ?? '—' }),
      h('td', { text: r.type ?? '—' }),
      h('td', { text: scopeText(r.scope) }),
      h('td', { class: 'optional', text: paramsText(r.parameters) }))))));
}

function channelsList(channels, receivers) {
  const list = Array.isArray(receivers) ? receivers : [];
  return h('ul', { class: 'plain-list' }, channels.map((c) => {
    const using = list.filter((r) => r?.channel === c.id).map((r) => r.id);
    return h('li', {}, h('span', { class: 'strong', text: c.id }),
      c.type ? h('span', { class: 'meta', text: ` (${c.type})` }) : null,
      using.length ? h('span', { class: 'meta', text: ` — receivers: ${using.join(', ')}` }) : null);
  }));
}

function scopeText(scope) {
  if (!scope || typeof scope !== 'object') return 'everything';
  const part = (label, list, fallback) => `${label}: ${Array.isArray(list) && list.length ? list.join(', ') : fallback}`;
  return [part('repositories', scope.repositories, 'all'), part('workflows', scope.workflows, 'all'),
    part('branches', scope.branches, 'default branch')].join('; ');
}

function paramsText(params) {
  if (!params || typeof params !== 'object') return '—';
  const entries = Object.entries(params);
  return entries.length ? entries.map(([k, v]) => `${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') : '—';
}
