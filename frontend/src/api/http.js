// JSON over HTTP to the gateway (same origin). Errors follow the server's shape
// { error: { code, message } } and surface as ApiError with the HTTP status and, for 429, the
// Retry-After delay in seconds.

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** Called on a 401 to an authenticated request (expired or revoked token). */
let onUnauthorized = () => {};
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/**
 * @param {string} path e.g. '/api/presence'
 * @param {{ method?: string, body?: unknown, token?: string, signal?: AbortSignal, query?: Record<string, unknown> }} [options]
 */
export async function api(path, { method = 'GET', body, token, signal, query } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  const data = await readJson(res);
  if (res.ok) return data;
  const code = data?.error?.code ?? statusCode(res.status);
  const message = data?.error?.message ?? res.statusText ?? 'Request failed';
  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));
  if (res.status === 401 && token) onUnauthorized();
  throw new ApiError(res.status, code, message, retryAfter);
}

async function readJson(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function statusCode(status) {
  return (
    { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 413: 'too_large', 429: 'rate_limited' }[
      status
    ] ?? 'internal'
  );
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent. */
export function parseRetryAfter(value, now = Date.now()) {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.ceil((t - now) / 1000));
}
