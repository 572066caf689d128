// Accounts for the suites: every test registers fresh users, so suites never depend on each other
// or on the order they run in.
import { randomBytes } from 'node:crypto';
import { CHAT_URL, PASSWORD, TIMEOUT_MS } from './env.js';

/** A user name that is valid (3..32 of [A-Za-z0-9_.-]) and unique across runs. */
export function uniqueName(prefix = 'e2e') {
  return `${prefix.slice(0, 12)}-${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** POST a JSON body, returning { status, body } (body parsed when it is JSON). */
export async function postJson(path, body, headers = {}) {
  const response = await fetch(CHAT_URL + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: response.status, body: parsed };
}

/**
 * Registers a new account and returns { username, password, token, user }.
 * Throws with the server's answer when registration is refused.
 */
export async function register(prefix = 'e2e') {
  const username = uniqueName(prefix);
  const { status, body } = await postJson('/api/auth/register', { username, password: PASSWORD });
  if (status !== 201 || typeof body?.token !== 'string') {
    throw new Error(`register ${username} failed: ${status} ${JSON.stringify(body)}`);
  }
  return { username, password: PASSWORD, token: body.token, user: body.user };
}

/** Logs an existing account in and returns { token, user }. */
export async function login(username, password = PASSWORD) {
  const { status, body } = await postJson('/api/auth/login', { username, password });
  if (status !== 200) {
    throw new Error(`login ${username} failed: ${status} ${JSON.stringify(body)}`);
  }
  return body;
}
