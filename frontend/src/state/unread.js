// Unread counts from the last seq the user has read in each room (kept per user in
// localStorage, so they survive a reload). Own messages never count.

import { maxSeq } from './messages.js';

/**
 * Messages from others after `lastRead`. Loaded messages are counted exactly; the part of the
 * room not loaded yet (up to the server's `lastSeq`) is counted as a whole, as we cannot know
 * who wrote it.
 * @param {{ messages: import('./messages.js').Message[], lastSeq?: number, lastRead?: number, me: string }} args
 */
export function unreadCount({ messages, lastSeq = 0, lastRead = 0, me }) {
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.seq <= lastRead) break;
    if (m.senderId !== me) count++;
  }
  const loadedTop = maxSeq(messages) ?? 0;
  const unloadedFrom = Math.max(loadedTop, lastRead);
  if (lastSeq > unloadedFrom) count += lastSeq - unloadedFrom;
  return count;
}

/**
 * The read marker for rooms seen for the first time: the global room's past counts as read
 * (a new device must not show thousands unread), a DM's does not (someone wrote to you).
 */
export function initialLastRead(room) {
  return room.type === 'global' ? (room.lastSeq ?? 0) : 0;
}
