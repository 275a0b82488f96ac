// API client. Every URL is relative to the page, so the dashboard works under any mount path.
// Tokens travel only in the Authorization header and live only in sessionStorage.

const READ_TOKEN_KEY = 'cicd.token';
const ADMIN_TOKEN_KEY = 'cicd.adminToken';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  /** The endpoint does not exist on this server (older or partial deployment). */
  get unsupported() {
    return this.status === 404 || this.status === 405 || this.status === 501;
  }
}

const listeners = new Set();

/** Registers a callback for 401 answers: fn({admin}) where admin tells which token was refused. */
export function onUnauthorized(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function readToken() {
  return storage()?.getItem(READ_TOKEN_KEY) || '';
}

export function adminToken() {
  return storage()?.getItem(ADMIN_TOKEN_KEY) || '';
}

export function setReadToken(token) {
  store(READ_TOKEN_KEY, token);
}

export function setAdminToken(token) {
  store(ADMIN_TOKEN_KEY, token);
}

function store(key, token) {
  const s = storage();
  if (!s) return;
  if (token) s.setItem(key, token.trim());
  else s.removeItem(key);
}

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Authorization headers for a request (admin requests prefer the admin token). */
export function authHeaders(admin = false) {
  const token = admin ? adminToken() || readToken() : readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** A relative API path with query parameters; empty values are left out. */
export function path(base, params = {}) {
  if (base.startsWith('/') || base.includes('//')) throw new Error(`API paths must be relative: ${base}`);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

/**
 * Sends a request and returns the parsed JSON (or null for an empty body).
 * Throws ApiError for non-2xx answers; 401 also notifies the onUnauthorized listeners.
 */
export async function request(url, { method = 'GET', body, admin = false, signal } = {}) {
  const headers = { Accept: 'application/json', ...authHeaders(admin) };
  const init = { method, headers, signal, cache: 'no-store', credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The server could not be reached.', null);
  }
  const payload = await readBody(response);
  if (response.status === 401) {
    listeners.forEach((fn) => fn({ admin }));
  }
  if (!response.ok) {
    throw new ApiError(response.status, errorMessage(response, payload), payload);
  }
  return payload;
}

export const getJson = (url, options = {}) => request(url, options);
export const postJson = (url, body, options = {}) => request(url, { ...options, method: 'POST', body });

async function readBody(response) {
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text().catch(() => '');
  if (!text) return null;
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
  return null;
}

function errorMessage(response, payload) {
  const detail = payload && typeof payload === 'object'
    ? [payload.message, payload.detail, payload.error, payload.title].find((v) => typeof v === 'string' && v)
    : null;
  const base = {
    400: 'The request was rejected',
    401: 'A valid access token is required',
    403: 'This token is not allowed to do that',
    404: 'Not found',
    429: 'Too many requests; try again shortly',
  }[response.status] || `The server answered ${response.status}`;
  return detail ? `${base}: ${detail.slice(0, 500)}` : `${base}.`;
}
