// Formatting of numbers, durations, times and build states. Pure functions; integer arithmetic so
// the browser tests can reproduce every displayed value exactly from the API's numbers.

export const NONE = '—';
const COUNT = new Intl.NumberFormat('en-US');
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'UTC',
});
const DAY = new Intl.DateTimeFormat('en-GB', { month: 'short', day: '2-digit', timeZone: 'UTC' });

/** 1234 → "1,234"; null → "—". */
export function count(value) {
  return isNumber(value) ? COUNT.format(value) : NONE;
}

/** 0.8333 → "83.3%" (tenths rounded half up); null → "—". */
export function percent(rate) {
  if (!isNumber(rate)) return NONE;
  const tenths = Math.round(rate * 1000);
  return `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}%`;
}

/**
 * Milliseconds as text: "850 ms", "12.5 s", "4 min 05 s", "2 h 03 min", "3 d 04 h"; null → "—".
 * Fractional inputs (means) are rounded to whole milliseconds first.
 */
export function duration(value) {
  if (!isNumber(value)) return NONE;
  const ms = Math.max(0, Math.round(value));
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) {
    const tenths = Math.round(ms / 100);
    return tenths >= 600 ? '1 min 00 s' : `${Math.trunc(tenths / 10)}.${tenths % 10} s`;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.trunc(seconds / 60)} min ${pad(seconds % 60)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 48 * 60) return `${Math.trunc(minutes / 60)} h ${pad(minutes % 60)} min`;
  const hours = Math.round(ms / 3_600_000);
  return `${Math.trunc(hours / 24)} d ${pad(hours % 24)} h`;
}

/** Per-day rate such as deployments per day: "2.50/day". */
export function perDay(value) {
  return isNumber(value) ? `${value.toFixed(2)}/day` : NONE;
}

/** ISO-8601 → "01 May 2025, 14:03 UTC"; null → "—". */
export function dateTime(iso) {
  const date = parseTime(iso);
  return date ? `${DATE_TIME.format(date)} UTC` : NONE;
}

/** "2025-05-01" → "01 May". */
export function day(isoDate) {
  const date = parseTime(`${isoDate}T00:00:00Z`);
  return date ? DAY.format(date) : String(isoDate);
}

/** Seconds since a moment as "updated 12 s ago" text. */
export function ago(sinceMs, nowMs) {
  const seconds = Math.max(0, Math.round((nowMs - sinceMs) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

export function parseTime(iso) {
  if (typeof iso !== 'string' || iso === '') return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function shortSha(sha) {
  return typeof sha === 'string' && sha.length > 0 ? sha.slice(0, 7) : NONE;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

const FAILURE_CLASS = new Set(['failure', 'timed_out', 'startup_failure']);
const QUEUED = new Set(['requested', 'queued', 'pending', 'waiting']);
const STATES = {
  success: { icon: 'success', label: 'Success' },
  failure: { icon: 'failure', label: 'Failed' },
  timed_out: { icon: 'failure', label: 'Timed out' },
  startup_failure: { icon: 'failure', label: 'Startup failure' },
  cancelled: { icon: 'cancelled', label: 'Cancelled' },
  skipped: { icon: 'skipped', label: 'Skipped' },
  neutral: { icon: 'neutral', label: 'Neutral' },
  stale: { icon: 'neutral', label: 'Stale' },
  action_required: { icon: 'warning', label: 'Action required' },
  in_progress: { icon: 'running', label: 'Running' },
  queued: { icon: 'queued', label: 'Queued' },
  waiting: { icon: 'queued', label: 'Waiting' },
  pending: { icon: 'queued', label: 'Pending' },
  requested: { icon: 'queued', label: 'Requested' },
};

/** True when a conclusion counts as a failure (failure, timed_out, startup_failure). */
export function isFailure(conclusion) {
  return FAILURE_CLASS.has(conclusion);
}

/**
 * The state to show for anything with status and conclusion (build, attempt, job, step):
 * `{key, tone, icon, label}`; tone is success | failure | neutral | running | queued.
 */
export function stateOf(item) {
  const status = item?.status ?? null;
  const conclusion = item?.conclusion ?? null;
  const key = status === 'completed' || (status === null && conclusion) ? (conclusion || 'completed') : (status || 'unknown');
  const known = STATES[key];
  let tone = 'neutral';
  if (key === 'success') tone = 'success';
  else if (isFailure(key)) tone = 'failure';
  else if (key === 'in_progress') tone = 'running';
  else if (QUEUED.has(key)) tone = 'queued';
  else if (key === 'action_required') tone = 'failure';
  return {
    key,
    tone,
    icon: known ? known.icon : 'unknown',
    label: known ? known.label : humanize(key),
  };
}

function humanize(text) {
  const words = String(text).replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

let gitHubHost = 'github.com';

/** Sets the GitHub host that external links must point to (default github.com). */
export function setGitHubHost(host) {
  if (typeof host === 'string' && /^[a-z0-9.-]+(:[0-9]+)?$/i.test(host)) {
    gitHubHost = host.toLowerCase();
  }
}

export function getGitHubHost() {
  return gitHubHost;
}

/**
 * The URL when it is https on the configured GitHub host, without credentials; null otherwise
 * (javascript:, http:, other hosts, garbage).
 */
export function safeGitHubUrl(value) {
  if (typeof value !== 'string' || value.length > 2048) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  return url.host.toLowerCase() === gitHubHost ? url : null;
}

const DAY_MS = 86_400_000;
export const WINDOWS = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS };

/** The ISO start of a named window ("7d") ending now; null for unknown names. */
export function windowStart(name, nowMs = Date.now()) {
  const length = WINDOWS[name];
  return length ? new Date(nowMs - length).toISOString() : null;
}
