// Pure functions over one room's confirmed messages: an array sorted by seq, unique by id.
// Every function returns its input unchanged (same reference) when nothing changes, so React
// can skip re-rendering.

/** @typedef {{ id: string, room: string, seq: number, senderId: string, content: string, timestamp: string, clientMsgId?: string }} Message */

const bySeq = (a, b) => a.seq - b.seq;

/**
 * `existing` plus `incoming`, ordered by seq and de-duplicated by id (the first copy wins, so an
 * already rendered message keeps its object identity).
 * @param {Message[]} existing sorted by seq
 * @param {Message[]} incoming any order, may contain duplicates or malformed entries
 * @returns {Message[]}
 */
export function mergeMessages(existing, incoming) {
  if (!incoming || incoming.length === 0) return existing;
  const known = new Set(existing.map((m) => m.id));
  const fresh = [];
  for (const m of incoming) {
    if (!isMessage(m) || known.has(m.id)) continue;
    known.add(m.id);
    fresh.push(m);
  }
  if (fresh.length === 0) return existing;
  fresh.sort(bySeq);
  // Fast paths: everything newer (live messages) or everything older (history pages).
  if (existing.length === 0) return fresh;
  if (fresh[0].seq > existing[existing.length - 1].seq) return existing.concat(fresh);
  if (fresh[fresh.length - 1].seq < existing[0].seq) return fresh.concat(existing);
  return mergeSorted(existing, fresh);
}

function mergeSorted(a, b) {
  const out = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i].seq <= b[j].seq ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Whether `m` looks like a protocol Message (defends the store against a malformed event). */
export function isMessage(m) {
  return (
    m != null &&
    typeof m.id === 'string' &&
    typeof m.room === 'string' &&
    Number.isInteger(m.seq) &&
    m.seq > 0
  );
}

/** Smallest loaded seq, or null. */
export const minSeq = (messages) => (messages.length ? messages[0].seq : null);

/** Largest loaded seq, or null. */
export const maxSeq = (messages) => (messages.length ? messages[messages.length - 1].seq : null);

/**
 * The highest seq reached from the oldest loaded message without a hole: what the client
 * reports as `lastSeen` on reconnect, so the server resends everything after it. Null when
 * nothing is loaded.
 */
export function contiguousSeq(messages) {
  if (messages.length === 0) return null;
  let last = messages[0].seq;
  for (let i = 1; i < messages.length; i++) {
    if (messages[i].seq !== last + 1) break;
    last = messages[i].seq;
  }
  return last;
}

/**
 * Holes in the loaded range, plus a trailing one when the room is known to go further
 * (`knownLastSeq`). Each gap is `{ afterSeq, beforeSeq }`: seqs strictly between are missing,
 * and `loadHistory({ beforeSeq })` fetches them from the top down.
 * @param {Message[]} messages
 * @param {number} [knownLastSeq]
 */
export function findGaps(messages, knownLastSeq = 0) {
  const gaps = [];
  for (let i = 1; i < messages.length; i++) {
    if (messages[i].seq > messages[i - 1].seq + 1) {
      gaps.push({ afterSeq: messages[i - 1].seq, beforeSeq: messages[i].seq });
    }
  }
  const top = maxSeq(messages);
  if (top != null && knownLastSeq > top) gaps.push({ afterSeq: top, beforeSeq: knownLastSeq + 1 });
  return gaps;
}

/** Index of the message with `seq`, or -1 (binary search; messages are sorted). */
export function indexOfSeq(messages, seq) {
  let lo = 0;
  let hi = messages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = messages[mid].seq;
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
