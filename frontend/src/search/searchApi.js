import { api } from '../api/http.js';

/** @typedef {{ id: string, room: string, seq: number, senderId: string, timestamp?: string, content: string, fragments: string[] }} SearchHit */

/**
 * Normalizes a search answer to hits. Accepts `{ results | hits | items | messages: [...] }` or
 * a bare array; each hit either flat (message fields at top level) or `{ message, highlight }`;
 * highlights as an array of fragments or `{ content: [...] }`.
 * @returns {{ hits: SearchHit[], total: number }}
 */
export function normalizeSearch(data) {
  const list = Array.isArray(data) ? data : (data?.results ?? data?.hits ?? data?.items ?? data?.messages ?? []);
  const hits = [];
  for (const raw of Array.isArray(list) ? list : []) {
    const m = raw?.message ?? raw?.source ?? raw?._source ?? raw;
    const room = m?.room ?? raw?.room;
    const seq = Number(m?.seq ?? m?.data?.seq ?? raw?.seq);
    if (!room || !Number.isFinite(seq)) continue;
    const content = m?.content ?? m?.data?.content ?? '';
    const h = raw?.highlights ?? raw?.highlight ?? raw?.fragments;
    const fragments = Array.isArray(h) ? h : Array.isArray(h?.content) ? h.content : Array.isArray(h?.['data.content']) ? h['data.content'] : [];
    hits.push({
      id: String(m?.id ?? raw?.id ?? `${room}:${seq}`),
      room,
      seq,
      senderId: m?.senderId ?? m?.userId ?? raw?.userId ?? '',
      timestamp: m?.timestamp ?? raw?.timestamp,
      content,
      fragments: fragments.length ? fragments.map(String) : [content],
      // Highlighter fragments are HTML-escaped; the raw content fallback is not.
      escaped: fragments.length > 0,
    });
  }
  const total = Number(data?.total ?? data?.totalHits ?? hits.length);
  return { hits, total: Number.isFinite(total) ? total : hits.length };
}

export async function searchMessages(token, q, signal) {
  return normalizeSearch(await api('/api/search/messages', { token, query: { q }, signal }));
}
