import { describe, expect, it } from 'vitest';
import { formatLastSeen, mergeUsers, sortedUsers, userJoined, userLeft } from '../src/state/presence.js';

const t = (m) => new Date(Date.UTC(2026, 0, 1, 12, m)).toISOString();

describe('presence', () => {
  it('loads the registry and applies changed users only', () => {
    let users = mergeUsers({}, [
      { userId: 'alice', status: 'online', lastSeen: t(0) },
      { userId: 'bob', status: 'offline', lastSeen: t(0) },
    ]);
    users = mergeUsers(users, [{ userId: 'bob', status: 'online', lastSeen: t(5) }]);
    expect(users.bob.status).toBe('online');
    expect(users.alice.status).toBe('online');
  });

  it('accepts a registry keyed by user id', () => {
    const users = mergeUsers({}, { carol: { userId: 'carol', status: 'online', lastSeen: t(1) } });
    expect(users.carol.status).toBe('online');
  });

  it('applies userJoined and userLeft', () => {
    let users = userJoined({}, { userId: 'alice', lastSeen: t(1) });
    expect(users.alice.status).toBe('online');
    users = userLeft(users, { userId: 'alice', lastSeen: t(9) });
    expect(users.alice).toEqual({ userId: 'alice', status: 'offline', lastSeen: t(9) });
  });

  it('ignores an update older than what is known', () => {
    const users = userLeft({ alice: { userId: 'alice', status: 'online', lastSeen: t(10) } }, {
      userId: 'alice',
      lastSeen: t(5),
    });
    expect(users.alice.status).toBe('online');
  });

  it('returns the same map when nothing changes', () => {
    const users = mergeUsers({}, [{ userId: 'a1b', status: 'online', lastSeen: t(1) }]);
    expect(mergeUsers(users, [{ userId: 'a1b', status: 'online', lastSeen: t(1) }])).toBe(users);
    expect(mergeUsers(users, [{ status: 'online' }])).toBe(users);
  });

  it('sorts online first, then by name, without me', () => {
    const users = mergeUsers({}, [
      { userId: 'zed', status: 'online' },
      { userId: 'Bob', status: 'offline' },
      { userId: 'amy', status: 'offline' },
      { userId: 'me', status: 'online' },
    ]);
    expect(sortedUsers(users, 'me').map((u) => u.userId)).toEqual(['zed', 'amy', 'Bob']);
  });

  it('formats last seen', () => {
    const now = Date.parse(t(30));
    expect(formatLastSeen(t(30), now)).toBe('last seen just now');
    expect(formatLastSeen(t(20), now)).toBe('last seen 10 min ago');
    expect(formatLastSeen(undefined, now)).toBe('offline');
  });
});
