// Rooms (conversations) the user belongs to: the global room and DMs.

export const GENERAL = 'general';

/** @typedef {{ id: string, type: 'global' | 'dm', members?: string[], lastSeq: number }} Room */

/** Normalizes a protocol Room; null when it has no id. */
export function normalizeRoom(r) {
  if (!r || typeof r.id !== 'string' || r.id === '') return null;
  return {
    id: r.id,
    type: r.type === 'dm' ? 'dm' : 'global',
    members: Array.isArray(r.members) ? r.members : undefined,
    lastSeq: Number.isInteger(r.lastSeq) ? r.lastSeq : 0,
  };
}

/** Adds or updates rooms; an existing lastSeq never goes backwards, known members are kept. */
export function mergeRooms(rooms, incoming) {
  let next = rooms;
  for (const raw of incoming ?? []) {
    const r = normalizeRoom(raw);
    if (!r) continue;
    const cur = next[r.id];
    const merged = cur
      ? {
          ...cur,
          type: r.type,
          members: r.members ?? cur.members,
          lastSeq: Math.max(cur.lastSeq, r.lastSeq),
        }
      : r;
    if (
      cur &&
      cur.lastSeq === merged.lastSeq &&
      cur.members === merged.members &&
      cur.type === merged.type
    )
      continue;
    if (next === rooms) next = { ...rooms };
    next[r.id] = merged;
  }
  return next;
}

/** Raises a room's lastSeq after messages arrive (creating the room for an unknown DM). */
export function bumpLastSeq(rooms, roomId, seq, me, senderId) {
  const cur = rooms[roomId];
  if (cur && cur.lastSeq >= seq) return rooms;
  if (cur) return { ...rooms, [roomId]: { ...cur, lastSeq: seq } };
  const isGeneral = roomId === GENERAL;
  const members = !isGeneral && senderId && senderId !== me ? [me, senderId] : undefined;
  return {
    ...rooms,
    [roomId]: { id: roomId, type: isGeneral ? 'global' : 'dm', members, lastSeq: seq },
  };
}

/**
 * The other member of a DM, for its title: from `members`, else from who wrote in it, else the
 * room id.
 */
export function dmPeer(room, me, messages = []) {
  const other = room.members?.find((m) => m.toLowerCase() !== me?.toLowerCase());
  if (other) return other;
  const writer = messages.find((m) => m.senderId !== me);
  return writer ? writer.senderId : room.id;
}

/** Title of a conversation. */
export function roomTitle(room, me, messages) {
  if (!room) return '';
  return room.type === 'global' ? (room.id === GENERAL ? 'General' : room.id) : dmPeer(room, me, messages);
}
