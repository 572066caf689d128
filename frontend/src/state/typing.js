// Who is typing where: room -> userId -> expiry time (ms). The server stops a typing state by
// itself after a few seconds; the client also expires entries so a lost "stopped" event never
// leaves "alice is typing…" on screen.

export const TYPING_TTL_MS = 6000;

/** Applies `userTyping { room, userId, isTyping }` at time `now`. */
export function applyTyping(typing, { room, userId, isTyping }, now) {
  const inRoom = typing[room] ?? {};
  if (isTyping) {
    return { ...typing, [room]: { ...inRoom, [userId]: now + TYPING_TTL_MS } };
  }
  if (!(userId in inRoom)) return typing;
  const { [userId]: _gone, ...rest } = inRoom;
  return { ...typing, [room]: rest };
}

/** Drops entries expired at `now`. */
export function expireTyping(typing, now) {
  let next = typing;
  for (const [room, inRoom] of Object.entries(typing)) {
    const live = Object.entries(inRoom).filter(([, until]) => until > now);
    if (live.length !== Object.keys(inRoom).length) {
      if (next === typing) next = { ...typing };
      next[room] = Object.fromEntries(live);
    }
  }
  return next;
}

/** Users typing in `room` at `now`, excluding `me`, sorted by name. */
export function typingUsers(typing, room, now, me) {
  return Object.entries(typing[room] ?? {})
    .filter(([userId, until]) => until > now && userId !== me)
    .map(([userId]) => userId)
    .sort((a, b) => a.localeCompare(b));
}

/** "alice is typing…", "alice and bob are typing…", "alice, bob and 2 others are typing…". */
export function typingText(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others are typing…`;
}
