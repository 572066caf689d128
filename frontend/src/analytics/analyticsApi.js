// Calls to the logging-service analytics API and the normalization of its answers into the
// shapes the dashboard draws. Normalizers are lenient (arrays or wrapped lists, `count` or
// `value`) so a small change of the server's field names does not blank the dashboard.

import { api } from '../api/http.js';

/** Time ranges of the picker: label, span in ms, timeline bucket. */
export const RANGES = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60e3, interval: '1m' },
  { id: '1h', label: 'Last hour', ms: 60 * 60e3, interval: '1m' },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3600e3, interval: '5m' },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3600e3, interval: '30m' },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86400e3, interval: '3h' },
];

export function rangeQuery(rangeId, now = Date.now()) {
  const r = RANGES.find((x) => x.id === rangeId) ?? RANGES[1];
  return { from: new Date(now - r.ms).toISOString(), to: new Date(now).toISOString(), interval: r.interval };
}

const num = (v) => (Number.isFinite(Number(v)) ? Number(v) : 0);
const listOf = (data, ...keys) => {
  if (Array.isArray(data)) return data;
  for (const k of keys) if (Array.isArray(data?.[k])) return data[k];
  return [];
};
/** `{a: 1}` or `[{key|type|name: a, count|value|doc_count: 1}]` -> [{ key, count }] */
function pairs(v, keyNames) {
  if (v && !Array.isArray(v) && typeof v === 'object') return Object.entries(v).map(([key, count]) => ({ key, count: num(count) }));
  return (Array.isArray(v) ? v : [])
    .map((x) => ({ key: String(keyNames.map((k) => x?.[k]).find((k) => k != null) ?? ''), count: num(x?.count ?? x?.value ?? x?.doc_count) }))
    .filter((x) => x.key !== '');
}

export function normalizeSummary(data) {
  const byType = pairs(data?.eventsByType ?? data?.byType ?? data?.types, ['type', 'eventType', 'key', 'name']);
  const messages = data?.messages ?? data?.messageCount ?? data?.totalMessages ?? sumTypes(byType, ['message_sent', 'dm_sent']);
  return {
    totalEvents: num(data?.totalEvents ?? data?.total ?? data?.events ?? byType.reduce((s, x) => s + x.count, 0)),
    messages: num(messages),
    activeUsers: num(data?.activeUsers ?? data?.uniqueUsers ?? data?.users),
    eventsByType: byType.sort((a, b) => b.count - a.count),
  };
}

function sumTypes(byType, types) {
  return byType.filter((x) => types.includes(x.key)).reduce((s, x) => s + x.count, 0);
}

export function normalizeTimeline(data) {
  return listOf(data, 'buckets', 'points', 'timeline', 'series')
    .map((b) => {
      const t = Date.parse(b?.timestamp ?? b?.time ?? b?.key_as_string ?? b?.start ?? b?.key);
      return { t, count: num(b?.count ?? b?.messages ?? b?.value ?? b?.doc_count) };
    })
    .filter((b) => Number.isFinite(b.t))
    .sort((a, b) => a.t - b.t);
}

export function normalizeTop(data, kind) {
  const list = listOf(data, kind, 'top', 'items', 'results', 'buckets');
  return pairs(list, kind === 'users' ? ['userId', 'user', 'key', 'name'] : ['room', 'roomId', 'key', 'name']).sort((a, b) => b.count - a.count);
}

export function normalizeEvents(data) {
  const events = listOf(data, 'events', 'items', 'results', 'hits').map((e) => ({
    id: String(e?.eventId ?? e?.id ?? `${e?.timestamp}-${e?.userId}-${e?.eventType}`),
    timestamp: e?.timestamp ?? '',
    eventType: e?.eventType ?? e?.type ?? '',
    userId: e?.userId ?? '',
    room: e?.room ?? '',
    details: describeData(e?.data),
  }));
  return { events, total: num(data?.total ?? data?.totalHits ?? events.length) };
}

function describeData(data) {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export async function loadOverview(token, rangeId, signal) {
  const q = rangeQuery(rangeId);
  const [summary, timeline, users, rooms] = await Promise.all([
    api('/api/analytics/summary', { token, query: q, signal }),
    api('/api/analytics/timeline', { token, query: q, signal }),
    api('/api/analytics/top-users', { token, query: { ...q, size: 10 }, signal }),
    api('/api/analytics/top-rooms', { token, query: { ...q, size: 10 }, signal }),
  ]);
  return {
    summary: normalizeSummary(summary),
    timeline: normalizeTimeline(timeline),
    topUsers: normalizeTop(users, 'users'),
    topRooms: normalizeTop(rooms, 'rooms'),
  };
}

export async function loadEvents(token, { rangeId, q, page, size }, signal) {
  const range = rangeQuery(rangeId);
  const data = await api('/api/analytics/events', {
    token,
    query: { from: range.from, to: range.to, q, page, size },
    signal,
  });
  return normalizeEvents(data);
}
