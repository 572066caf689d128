// The user registry as the client sees it: userId -> { userId, status, lastSeen }.
// Sources: joinChat `users` and GET /api/presence (whole registry), `presenceUpdate` (changed
// users only), `userJoined`, `userLeft`. Events can arrive out of order across replicas, so an
// update older than what we know (by lastSeen) is ignored.

/** @typedef {{ userId: string, status: 'online' | 'offline', lastSeen?: string }} User */

const time = (iso) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? null : t;
};

function isNewer(current, next) {
  if (!current) return true;
  const a = time(current.lastSeen);
  const b = time(next.lastSeen);
  if (a == null || b == null) return true;
  return b >= a;
}

function normalize(u) {
  if (!u || typeof u.userId !== 'string' || u.userId === '') return null;
  return {
    userId: u.userId,
    status: u.status === 'online' ? 'online' : 'offline',
    lastSeen: u.lastSeen ?? undefined,
  };
}

/**
 * Applies a list of users (registry or changed users) to the map.
 * @param {Record<string, User>} users
 * @param {User[] | Record<string, User>} incoming an array, or an object keyed by user id
 */
export function mergeUsers(users, incoming) {
  const list = Array.isArray(incoming) ? incoming : Object.values(incoming ?? {});
  let next = users;
  for (const raw of list) {
    const u = normalize(raw);
    if (!u) continue;
    const cur = next[u.userId];
    if (cur && cur.status === u.status && cur.lastSeen === u.lastSeen) continue;
    if (!isNewer(cur, u)) continue;
    if (next === users) next = { ...users };
    next[u.userId] = u;
  }
  return next;
}

/** `userJoined { user }`. */
export const userJoined = (users, user) => mergeUsers(users, [{ ...user, status: 'online' }]);

/** `userLeft { userId, lastSeen }`. */
export const userLeft = (users, { userId, lastSeen }) =>
  mergeUsers(users, [{ userId, status: 'offline', lastSeen }]);

/** Users for the sidebar: me excluded, online first, then by name (case-insensitive). */
export function sortedUsers(users, me) {
  return Object.values(users)
    .filter((u) => u.userId !== me)
    .sort((a, b) => {
      if (a.status !== b.status) return a.status === 'online' ? -1 : 1;
      return a.userId.localeCompare(b.userId, undefined, { sensitivity: 'base' });
    });
}

/** "last seen just now / 5 min ago / 3 h ago / yesterday / on 12 Mar" for an offline user. */
export function formatLastSeen(iso, now = Date.now()) {
  const t = time(iso);
  if (t == null) return 'offline';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'last seen just now';
  if (s < 3600) return `last seen ${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `last seen ${Math.floor(s / 3600)} h ago`;
  if (s < 2 * 86400) return 'last seen yesterday';
  const d = new Date(t);
  return `last seen ${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}`;
}
