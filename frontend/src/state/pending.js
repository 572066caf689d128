// Messages the user sent that the server has not acknowledged yet ('pending') or that failed
// (error ack or no ack in time). A failed message is retried with the same clientMsgId, so the
// server stores it at most once.

/** @typedef {{ clientMsgId: string, room: string, content: string, senderId: string, createdAt: string, status: 'pending' | 'failed', error?: string }} PendingMessage */

/** A fresh client message id (random UUID; falls back where crypto.randomUUID is absent). */
export function newClientMsgId() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** @returns {PendingMessage[]} */
export function addPending(list, { clientMsgId, room, content, senderId, createdAt }) {
  if (list.some((p) => p.clientMsgId === clientMsgId)) return list;
  return [...list, { clientMsgId, room, content, senderId, createdAt, status: 'pending' }];
}

/** Marks a pending message failed; a message already confirmed (gone) stays gone. */
export function markFailed(list, clientMsgId, error) {
  return update(list, clientMsgId, (p) =>
    p.status === 'failed' && p.error === error ? p : { ...p, status: 'failed', error },
  );
}

/** Puts a failed message back to pending for a retry. */
export function markRetrying(list, clientMsgId) {
  return update(list, clientMsgId, (p) =>
    p.status === 'pending' ? p : { ...p, status: 'pending', error: undefined },
  );
}

/** Drops every pending entry whose clientMsgId was confirmed by the server (ack or broadcast). */
export function resolvePending(list, confirmed) {
  const ids = new Set();
  for (const m of confirmed) if (m?.clientMsgId) ids.add(m.clientMsgId);
  if (ids.size === 0) return list;
  const next = list.filter((p) => !ids.has(p.clientMsgId));
  return next.length === list.length ? list : next;
}

function update(list, clientMsgId, fn) {
  let changed = false;
  const next = list.map((p) => {
    if (p.clientMsgId !== clientMsgId) return p;
    const q = fn(p);
    if (q !== p) changed = true;
    return q;
  });
  return changed ? next : list;
}
