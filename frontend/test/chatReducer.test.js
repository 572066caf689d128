import { describe, expect, it } from 'vitest';
import {
  chatReducer,
  initialChatState,
  selectHasOlder,
  selectLastSeen,
  selectPending,
  selectUnread,
} from '../src/state/chatReducer.js';

const msg = (room, seq, senderId = 'bob', extra = {}) => ({
  id: `${room}-${seq}`,
  room,
  seq,
  senderId,
  content: `m${seq}`,
  timestamp: '2026-01-01T00:00:00Z',
  ...extra,
});

const run = (state, ...actions) => actions.reduce(chatReducer, state);

describe('chatReducer', () => {
  it('joins: rooms, registry and missed messages merged in seq order', () => {
    const s = run(initialChatState('me'), {
      type: 'joined',
      user: { userId: 'me' },
      users: [{ userId: 'bob', status: 'online', lastSeen: '2026-01-01T00:00:00Z' }],
      rooms: [{ id: 'general', type: 'global', lastSeq: 3 }, { id: 'dm:bob:me', type: 'dm', members: ['bob', 'me'], lastSeq: 2 }],
      missed: { general: [msg('general', 3), msg('general', 2)] },
    });
    expect(s.connection).toBe('connected');
    expect(s.users.bob.status).toBe('online');
    expect(s.messages.general.map((m) => m.seq)).toEqual([2, 3]);
    expect(s.rooms['dm:bob:me'].members).toEqual(['bob', 'me']);
  });

  it('reconnect merges missed messages without duplicates and reports contiguous lastSeen', () => {
    let s = run(initialChatState('me'), { type: 'messages', room: 'general', messages: [msg('general', 1), msg('general', 2)] });
    // A live message overtakes the catch-up (gap at 3).
    s = run(s, { type: 'messages', room: 'general', messages: [msg('general', 4)] });
    expect(selectLastSeen(s)).toEqual({ general: 2 });
    s = run(s, { type: 'joined', rooms: [], users: [], missed: { general: [msg('general', 2), msg('general', 3), msg('general', 4)] } });
    expect(s.messages.general.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(selectLastSeen(s)).toEqual({ general: 4 });
  });

  it('send -> pending, ack -> confirmed message in place of the pending one', () => {
    let s = run(initialChatState('me'), { type: 'send', room: 'general', content: 'hi', clientMsgId: 'c1', at: 't' });
    expect(selectPending(s, 'general')).toMatchObject([{ clientMsgId: 'c1', status: 'pending', content: 'hi' }]);
    s = run(s, { type: 'sendOk', clientMsgId: 'c1', message: msg('general', 1, 'me', { clientMsgId: 'c1' }) });
    expect(selectPending(s, 'general')).toEqual([]);
    expect(s.messages.general).toHaveLength(1);
  });

  it('the broadcast of my own message resolves the pending entry before the ack', () => {
    let s = run(initialChatState('me'), { type: 'send', room: 'general', content: 'hi', clientMsgId: 'c1', at: 't' });
    s = run(s, { type: 'messages', room: 'general', messages: [msg('general', 1, 'me', { clientMsgId: 'c1' })] });
    expect(s.pending).toEqual([]);
    s = run(s, { type: 'sendOk', clientMsgId: 'c1', message: msg('general', 1, 'me', { clientMsgId: 'c1' }) });
    expect(s.messages.general).toHaveLength(1);
  });

  it('failed then retried keeps the clientMsgId', () => {
    let s = run(
      initialChatState('me'),
      { type: 'send', room: 'general', content: 'hi', clientMsgId: 'c1', at: 't' },
      { type: 'sendFailed', clientMsgId: 'c1', error: 'No answer from the server' },
    );
    expect(s.pending[0]).toMatchObject({ status: 'failed', error: 'No answer from the server' });
    s = run(s, { type: 'retry', clientMsgId: 'c1' });
    expect(s.pending[0]).toMatchObject({ clientMsgId: 'c1', status: 'pending' });
  });

  it('counts unread per room from others and clears on markRead', () => {
    let s = run(initialChatState('me'), {
      type: 'joined',
      rooms: [{ id: 'general', type: 'global', lastSeq: 10 }],
      users: [],
      missed: {},
    });
    expect(selectUnread(s, 'general')).toBe(0);
    s = run(s, { type: 'messages', room: 'general', messages: [msg('general', 11), msg('general', 12, 'me'), msg('general', 13)] });
    expect(selectUnread(s, 'general')).toBe(2);
    s = run(s, { type: 'markRead', room: 'general', seq: 13 });
    expect(selectUnread(s, 'general')).toBe(0);
  });

  it('a DM from someone new appears as a room with unread messages', () => {
    const s = run(initialChatState('me'), { type: 'messages', room: 'dm-x', messages: [msg('dm-x', 1, 'carol')] });
    expect(s.rooms['dm-x']).toMatchObject({ type: 'dm', members: ['me', 'carol'], lastSeq: 1 });
    expect(selectUnread(s, 'dm-x')).toBe(1);
  });

  it('a message from a typist ends their typing state', () => {
    let s = run(initialChatState('me'), { type: 'typing', room: 'general', userId: 'bob', isTyping: true, at: 0 });
    expect(s.typing.general.bob).toBeGreaterThan(0);
    s = run(s, { type: 'messages', room: 'general', messages: [msg('general', 1, 'bob')] });
    expect(s.typing.general.bob).toBeUndefined();
  });

  it('ignores my own typing echo and unknown actions', () => {
    const s = initialChatState('me');
    expect(chatReducer(s, { type: 'typing', room: 'general', userId: 'me', isTyping: true, at: 0 })).toBe(s);
    expect(chatReducer(s, { type: 'nope' })).toBe(s);
  });

  it('knows when older history exists', () => {
    let s = run(initialChatState('me'), { type: 'messages', room: 'general', messages: [msg('general', 5)], hasMore: true });
    expect(selectHasOlder(s, 'general')).toBe(true);
    s = run(s, { type: 'messages', room: 'general', messages: [msg('general', 1)] });
    expect(selectHasOlder(s, 'general')).toBe(false);
  });

  it('presence events update the registry', () => {
    let s = run(initialChatState('me'), { type: 'userJoined', user: { userId: 'bob', lastSeen: '2026-01-01T00:00:00Z' } });
    expect(s.users.bob.status).toBe('online');
    s = run(s, { type: 'userLeft', userId: 'bob', lastSeen: '2026-01-01T00:05:00Z' });
    expect(s.users.bob.status).toBe('offline');
    s = run(s, { type: 'presence', users: [{ userId: 'bob', status: 'online', lastSeen: '2026-01-01T00:06:00Z' }] });
    expect(s.users.bob.status).toBe('online');
  });

  it('ignores messages that belong to another room', () => {
    const s = initialChatState('me');
    expect(chatReducer(s, { type: 'messages', room: 'general', messages: [msg('other', 1)] })).toBe(s);
  });
});
