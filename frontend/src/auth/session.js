// The signed-in session: the JWT and what the UI reads from it.
//
// The token lives in sessionStorage: it survives a reload of the tab but not closing it, each
// tab can hold a different user (two people testing side by side), and it is not left on disk
// after the browser closes. Like localStorage it is readable by script, so the defence against
// theft is that the app never renders HTML from data (no dangerouslySetInnerHTML).

const KEY = 'chat.session';

/** @typedef {{ token: string, userId: string, roles: string[], expiresAt: number | null }} Session */

/** The payload of a JWT, decoded for display decisions only (the server verifies it). */
export function decodeJwt(token) {
  try {
    const part = token.split('.')[1];
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** A session from a token (and the user the server returned with it), or null if unusable. */
export function sessionFromToken(token, user) {
  const claims = decodeJwt(token);
  if (!claims) return null;
  const userId = user?.userId ?? user?.username ?? claims.sub;
  if (!userId) return null;
  return {
    token,
    userId,
    roles: Array.isArray(claims.roles) ? claims.roles : [],
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

export const isAdmin = (session) => !!session?.roles?.includes('admin');

export const isExpired = (session, now = Date.now()) => session?.expiresAt != null && session.expiresAt <= now;

export function loadSession(storage = globalThis.sessionStorage) {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return null;
    const { token, userId } = JSON.parse(raw);
    const session = sessionFromToken(token, { userId });
    return session && !isExpired(session) ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session, storage = globalThis.sessionStorage) {
  storage?.setItem(KEY, JSON.stringify({ token: session.token, userId: session.userId }));
}

export function clearSession(storage = globalThis.sessionStorage) {
  storage?.removeItem(KEY);
}
