import { describe, expect, it } from 'vitest';
import { normalizeSearch } from '../src/search/searchApi.js';
import { normalizeEvents, normalizeSummary, normalizeTimeline, normalizeTop, rangeQuery } from '../src/analytics/analyticsApi.js';

describe('search answers', () => {
  it('reads logging-service results', () => {
    const { hits, total } = normalizeSearch({
      total: 1,
      page: 0,
      size: 20,
      results: [
        { id: 'm1', room: 'general', seq: 7, senderId: 'bob', timestamp: '2026-01-01T00:00:00Z', content: 'hi there', highlights: ['<mark>hi</mark> there'] },
      ],
    });
    expect(total).toBe(1);
    expect(hits).toEqual([
      { id: 'm1', room: 'general', seq: 7, senderId: 'bob', timestamp: '2026-01-01T00:00:00Z', content: 'hi there', fragments: ['<mark>hi</mark> there'], escaped: true },
    ]);
  });

  it('falls back to the content and skips hits it cannot open', () => {
    const { hits } = normalizeSearch([{ room: 'general', seq: 2, content: 'x' }, { room: 'general' }]);
    expect(hits).toHaveLength(1);
    expect(hits[0].fragments).toEqual(['x']);
    expect(hits[0].escaped).toBe(false);
  });
});

describe('analytics answers', () => {
  it('reads the summary with events by type as a map', () => {
    const s = normalizeSummary({ totalEvents: 9, messages: 4, activeUsers: 2, eventsByType: { message_sent: 3, dm_sent: 1, user_connected: 5 } });
    expect(s).toEqual({
      totalEvents: 9,
      messages: 4,
      activeUsers: 2,
      eventsByType: [
        { key: 'user_connected', count: 5 },
        { key: 'message_sent', count: 3 },
        { key: 'dm_sent', count: 1 },
      ],
    });
  });

  it('reads timeline buckets as messages over time', () => {
    const points = normalizeTimeline({
      interval: '1m',
      buckets: [
        { start: '2026-01-01T00:01:00Z', total: 5, messages: 2, counts: {} },
        { start: '2026-01-01T00:00:00Z', total: 1, messages: 1, counts: {} },
      ],
    });
    expect(points).toEqual([
      { t: Date.parse('2026-01-01T00:00:00Z'), count: 1 },
      { t: Date.parse('2026-01-01T00:01:00Z'), count: 2 },
    ]);
  });

  it('reads top users and rooms, best first', () => {
    expect(normalizeTop({ users: [{ userId: 'a', count: 1 }, { userId: 'b', count: 3 }] }, 'users')).toEqual([
      { key: 'b', count: 3 },
      { key: 'a', count: 1 },
    ]);
    expect(normalizeTop({ rooms: [{ room: 'general', count: 3 }] }, 'rooms')).toEqual([{ key: 'general', count: 3 }]);
  });

  it('reads a page of events', () => {
    const { events, total } = normalizeEvents({
      total: 40,
      events: [{ eventId: 'e1', eventType: 'message_sent', timestamp: 't', userId: 'a', room: 'general', data: { seq: 3 } }],
    });
    expect(total).toBe(40);
    expect(events[0]).toEqual({ id: 'e1', timestamp: 't', eventType: 'message_sent', userId: 'a', room: 'general', details: 'seq: 3' });
  });

  it('turns a range into from/to/interval', () => {
    const q = rangeQuery('15m', Date.parse('2026-01-01T01:00:00Z'));
    expect(q).toEqual({ from: '2026-01-01T00:45:00.000Z', to: '2026-01-01T01:00:00.000Z', interval: '1m' });
  });
});
