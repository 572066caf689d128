import { describe, expect, it } from 'vitest';
import { TYPING_TTL_MS, applyTyping, expireTyping, typingText, typingUsers } from '../src/state/typing.js';

describe('typing', () => {
  it('tracks who types in which room', () => {
    let s = applyTyping({}, { room: 'general', userId: 'bob', isTyping: true }, 1000);
    s = applyTyping(s, { room: 'general', userId: 'alice', isTyping: true }, 1000);
    s = applyTyping(s, { room: 'dm', userId: 'carol', isTyping: true }, 1000);
    expect(typingUsers(s, 'general', 1500, 'me')).toEqual(['alice', 'bob']);
    s = applyTyping(s, { room: 'general', userId: 'bob', isTyping: false }, 2000);
    expect(typingUsers(s, 'general', 2000, 'me')).toEqual(['alice']);
  });

  it('expires entries without a stop event', () => {
    const s = applyTyping({}, { room: 'general', userId: 'bob', isTyping: true }, 0);
    expect(typingUsers(s, 'general', TYPING_TTL_MS + 1, 'me')).toEqual([]);
    expect(expireTyping(s, TYPING_TTL_MS + 1).general).toEqual({});
    expect(expireTyping(s, 1)).toBe(s);
  });

  it('never shows me', () => {
    const s = applyTyping({}, { room: 'general', userId: 'me', isTyping: true }, 0);
    expect(typingUsers(s, 'general', 1, 'me')).toEqual([]);
  });

  it('phrases one, two and many typists', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['alice'])).toBe('alice is typing…');
    expect(typingText(['alice', 'bob'])).toBe('alice and bob are typing…');
    expect(typingText(['a', 'b', 'c', 'd'])).toBe('a, b and 2 others are typing…');
  });
});
