// Real-time updates: a Server-Sent Events stream read with fetch() (so the bearer token travels in
// the Authorization header, never in the URL), polling every 30 s while the stream is unavailable,
// the connection indicator with "updated N s ago", and the live region that announces new failures.

import { authHeaders } from './api.js';
import { h } from './dom.js';
import { ago, isFailure, parseTime } from './format.js';

export const EVENTS_URL = 'api/events';
export const POLL_INTERVAL_MS = 30_000;
const MIN_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;
const REFRESH_DELAY_MS = 150;

class StreamUnavailable extends Error {
  constructor(status) {
    super(`event stream unavailable (${status})`);
    this.status = status;
  }
}

/**
 * Keeps the page current. onRefresh(changes) reloads the visible view and returns a promise; changes
 * is a Set of the build ids that changed, or null when anything may have. onUnauthorized()
 * is called when the stream is refused with 401.
 */
export class LiveUpdates {
  constructor({ onRefresh, onUnauthorized, announcer }) {
    this.onRefresh = onRefresh;
    this.onUnauthorized = onUnauthorized;
    this.announcer = announcer;
    this.stateEl = document.getElementById('live-state');
    this.textEl = document.getElementById('live-text');
    this.updatedEl = document.getElementById('live-updated');
    this.lastUpdated = 0;
    this.lastEventId = null;
    this.retryMs = MIN_RETRY_MS;
    this.controller = null;
    this.pollTimer = null;
    this.retryTimer = null;
    this.refreshTimer = null;
    this.refreshing = null;
    this.refreshAgain = false;
    this.everything = false;
    this.changed = null;
    this.running = false;
    this.connectedBefore = false;
    setInterval(() => this.renderUpdated(), 1000);
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop() {
    this.running = false;
    this.controller?.abort();
    this.controller = null;
    clearTimeout(this.retryTimer);
    this.stopPolling();
    this.setState('offline', 'Paused');
  }

  /** Called after any successful load of data. */
  markUpdated() {
    this.lastUpdated = Date.now();
    this.renderUpdated();
  }

  /**
   * Coalesces change notifications into at most one refresh in flight plus one queued. buildId names
   * the build an event was about; without one (poll, reconnect, resync) the refresh is for everything.
   */
  requestRefresh(buildId = null) {
    if (buildId === null) this.everything = true;
    else (this.changed ??= new Set()).add(buildId);
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.runRefresh(), REFRESH_DELAY_MS);
  }

  async runRefresh() {
    const changes = this.everything ? null : this.changed;
    this.everything = false;
    this.changed = null;
    this.refreshing = Promise.resolve().then(() => this.onRefresh(changes)).catch(() => {});
    await this.refreshing;
    this.refreshing = null;
    if (this.refreshAgain) {
      this.refreshAgain = false;
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => this.runRefresh(), REFRESH_DELAY_MS);
    }
  }

  async connect() {
    if (!this.running) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.setState('connecting', 'Connecting…');
    try {
      await this.stream(controller.signal);
      // The server closed the stream: reconnect soon (events may have been missed, so refresh).
      this.scheduleReconnect(false);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof StreamUnavailable && error.status === 401) {
        this.stop();
        this.onUnauthorized();
        return;
      }
      this.scheduleReconnect(true);
    }
  }

  async stream(signal) {
    const headers = { Accept: 'text/event-stream', ...authHeaders(false) };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    const response = await fetch(EVENTS_URL, { headers, signal, cache: 'no-store', credentials: 'same-origin' });
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
      response.body?.cancel().catch(() => {});
      throw new StreamUnavailable(response.status);
    }
    this.retryMs = MIN_RETRY_MS;
    this.stopPolling();
    this.setState('live', 'Live');
    // Whatever happened while we were not connected is picked up once. The first connection follows the
    // page's own first load (started together with it), so it needs no second load of the same data.
    if (this.connectedBefore) this.requestRefresh();
    this.connectedBefore = true;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new EventStreamParser((event) => this.dispatch(event),
      (retry) => { this.retryMs = Math.min(Math.max(retry, MIN_RETRY_MS), MAX_RETRY_MS); });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
  }

  dispatch(event) {
    if (event.id) this.lastEventId = event.id;
    if (event.data === '' && event.type === 'message') return;
    let payload = null;
    try {
      payload = event.data ? JSON.parse(event.data) : null;
    } catch {
      payload = null;
    }
    if (event.type === 'ping' || event.type === 'heartbeat' || event.type === 'hello') return;
    this.announcer.observeEvent(payload);
    const id = payload?.build?.id;
    this.requestRefresh(event.type === 'build' && typeof id === 'string' ? id : null);
  }

  scheduleReconnect(failed) {
    if (!this.running) return;
    this.startPolling();
    this.setState(failed ? 'polling' : 'connecting', failed ? 'Polling every 30 s' : 'Reconnecting…');
    clearTimeout(this.retryTimer);
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => this.connect(), wait);
  }

  startPolling() {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => this.requestRefresh(), POLL_INTERVAL_MS);
  }

  stopPolling() {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  setState(state, text) {
    this.stateEl.dataset.state = state;
    if (this.textEl.textContent !== text) this.textEl.textContent = text;
  }

  renderUpdated() {
    const text = this.lastUpdated ? `updated ${ago(this.lastUpdated, Date.now())}` : 'not updated yet';
    if (this.updatedEl.textContent !== text) this.updatedEl.textContent = text;
  }
}

/** Incremental text/event-stream parser (WHATWG HTML §9.2.6). */
export class EventStreamParser {
  constructor(onEvent, onRetry) {
    this.onEvent = onEvent;
    this.onRetry = onRetry;
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.type = '';
    this.data = [];
    this.id = null;
  }

  push(chunk) {
    let text = this.buffer + chunk;
    // A "\r" at the end may be the first half of "\r\n": keep it until the next chunk.
    const hold = text.endsWith('\r') ? '\r' : '';
    if (hold) text = text.slice(0, -1);
    const lines = text.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() + hold;
    for (const line of lines) this.line(line);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0 || this.type) {
        this.onEvent({ type: this.type || 'message', data: this.data.join('\n'), id: this.id });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.onRetry?.(Number(value));
  }
}

/**
 * Announces builds that newly failed through the #failure-log live region. A build is announced at
 * most once per attempt, and only when it completed after the page was opened (so browsing old
 * history does not read out old failures).
 */
export class FailureAnnouncer {
  constructor(log = document.getElementById('failure-log')) {
    this.log = log;
    this.announced = new Set();
    this.openedAt = Date.now() - 120_000;
  }

  /** Looks at builds just loaded from the API. */
  observe(builds) {
    for (const build of builds || []) this.consider(build);
  }

  /** Looks at an SSE payload: a build, {build: ...}, or anything else (ignored). */
  observeEvent(payload) {
    const build = payload && typeof payload === 'object' ? (payload.build ?? payload) : null;
    if (build && typeof build === 'object' && typeof build.repository === 'string') this.consider(build);
  }

  consider(build) {
    if (build.status !== 'completed' || !isFailure(build.conclusion)) return;
    const key = `${build.id}#${build.attempt ?? 1}`;
    if (this.announced.has(key)) return;
    this.announced.add(key);
    const completed = parseTime(build.completedAt);
    if (!completed || completed.getTime() < this.openedAt) return;
    const where = [build.repository, build.workflow, build.branch].filter(Boolean).join(' · ');
    this.say(`New failure: ${where}${build.runNumber ? ` (run ${build.runNumber})` : ''}`);
  }

  say(text) {
    this.log.append(h('p', { text }));
    while (this.log.childElementCount > 5) this.log.firstElementChild.remove();
  }
}
