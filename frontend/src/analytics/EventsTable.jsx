import { useEffect, useState } from 'react';
import { loadEvents } from './analyticsApi.js';

const SIZE = 20;

/** The activity log: searchable and paged on the server. */
export default function EventsTable({ token, rangeId, refreshKey }) {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const [state, setState] = useState({ events: [], total: 0, loading: true, error: '' });

  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(q.trim());
      setPage(0);
    }, 300);
    return () => clearTimeout(t);
  }, [q]);

  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    loadEvents(token, { rangeId, q: query, page, size: SIZE }, ctrl.signal)
      .then(({ events, total }) => setState({ events, total, loading: false, error: '' }))
      .catch((e) => e.name !== 'AbortError' && setState({ events: [], total: 0, loading: false, error: e.message }));
    return () => ctrl.abort();
  }, [token, rangeId, query, page, refreshKey]);

  const pages = Math.max(1, Math.ceil(state.total / SIZE));
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <label htmlFor="event-search" className="sr-only">
          Search the activity log
        </label>
        <input
          id="event-search"
          type="search"
          placeholder="Search events (user, type, room…)"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="w-full max-w-xs rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <span className="text-xs text-slate-500 dark:text-slate-400" role="status">
          {state.loading ? 'Loading…' : state.error || `${state.total} events`}
        </span>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="events-table">
          <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Time</th>
              <th scope="col" className="py-2 pr-3 font-medium">Type</th>
              <th scope="col" className="py-2 pr-3 font-medium">User</th>
              <th scope="col" className="py-2 pr-3 font-medium">Room</th>
              <th scope="col" className="py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {state.events.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 dark:border-slate-800">
                <td className="whitespace-nowrap py-1.5 pr-3 text-slate-500 dark:text-slate-400">
                  {e.timestamp ? new Date(e.timestamp).toLocaleString() : ''}
                </td>
                <td className="py-1.5 pr-3">
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">{e.eventType}</span>
                </td>
                <td className="py-1.5 pr-3">{e.userId}</td>
                <td className="py-1.5 pr-3 text-slate-600 dark:text-slate-300">{e.room}</td>
                <td className="max-w-xs truncate py-1.5 text-slate-600 dark:text-slate-300" title={e.details}>
                  {e.details}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Activity log pages" className="mt-3 flex items-center justify-end gap-2 text-sm">
        <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)} className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-40 dark:border-slate-700">
          Previous
        </button>
        <span>
          Page {page + 1} of {pages}
        </span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)} className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-40 dark:border-slate-700">
          Next
        </button>
      </nav>
    </div>
  );
}
