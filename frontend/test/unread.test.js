import { describe, expect, it } from 'vitest';
import { initialLastRead, unreadCount } from '../src/state/unread.js';

const m = (seq, senderId) => ({ id: `m${seq}`, room: 'r', seq, senderId });

describe('unreadCount', () => {
  it('counts messages from others after the read marker', () => {
    const messages = [m(1, 'bob'), m(2, 'me'), m(3, 'bob'), m(4, 'bob')];
    expect(unreadCount({ messages, lastSeq: 4, lastRead: 2, me: 'me' })).toBe(2);
    expect(unreadCount({ messages, lastSeq: 4, lastRead: 4, me: 'me' })).toBe(0);
  });

  it('never counts own messages', () => {
    expect(unreadCount({ messages: [m(1, 'me'), m(2, 'me')], lastSeq: 2, lastRead: 0, me: 'me' })).toBe(0);
  });

  it('counts the part of the room not loaded yet', () => {
    expect(unreadCount({ messages: [], lastSeq: 7, lastRead: 3, me: 'me' })).toBe(4);
    expect(unreadCount({ messages: [m(4, 'bob')], lastSeq: 6, lastRead: 3, me: 'me' })).toBe(3);
  });

  it('treats the global room history as read on a new device, not DMs', () => {
    expect(initialLastRead({ type: 'global', lastSeq: 900 })).toBe(900);
    expect(initialLastRead({ type: 'dm', lastSeq: 3 })).toBe(0);
  });
});
