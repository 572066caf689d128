import { useEffect, useState } from 'react';
import { BarList, TimelineChart } from './Charts.jsx';
import EventsTable from './EventsTable.jsx';
import { RANGES, loadOverview } from './analyticsApi.js';

const REFRESH_MS = 30_000;

/** Admin analytics over the activity log: loaded lazily, never in the chat's first bundle. */
export default function Dashboard({ token }) {
  const [rangeId, setRangeId] = useState('1h');
  const [refreshKey, setRefreshKey] = useState(0);
  const [data, setData] = useState(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const t = setInterval(() => setRefreshKey((k) => k + 1), REFRESH_MS);
    return () => clearInterval(t);
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    loadOverview(token, rangeId, ctrl.signal)
      .then((d) => {
        setData(d);
        setError('');
      })
      .catch((e) => e.name !== 'AbortError' && setError(e.status === 403 ? 'The dashboard is for administrators.' : e.message));
    return () => ctrl.abort();
  }, [token, rangeId, refreshKey]);

  return (
    <div className="min-h-0 flex-1 overflow-y-auto bg-slate-50 p-3 sm:p-6 dark:bg-slate-950">
      <div className="mx-auto max-w-6xl space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-xl font-semibold">Analytics</h1>
          <div className="flex items-center gap-2">
            <label htmlFor="range" className="text-sm text-slate-600 dark:text-slate-300">
              Time range
            </label>
            <select
              id="range"
              value={rangeId}
              onChange={(e) => setRangeId(e.target.value)}
              className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {RANGES.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => setRefreshKey((k) => k + 1)}
              className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm hover:bg-white dark:border-slate-700 dark:hover:bg-slate-900"
            >
              Refresh
            </button>
          </div>
        </div>

        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        )}

        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Stat label="Messages" value={data?.summary.messages} testId="stat-messages" />
          <Stat label="Active users" value={data?.summary.activeUsers} testId="stat-active-users" />
          <Stat label="Events" value={data?.summary.totalEvents} testId="stat-events" />
        </div>

        <Card title="Messages per minute">
          <TimelineChart points={data?.timeline ?? []} />
        </Card>

        <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
          <Card title="Events by type">
            <BarList items={data?.summary.eventsByType ?? []} label="events" color="#0ea5e9" />
          </Card>
          <Card title="Top users">
            <BarList items={data?.topUsers ?? []} label="events" color="#4f46e5" />
          </Card>
          <Card title="Top rooms">
            <BarList items={data?.topRooms ?? []} label="messages" color="#10b981" />
          </Card>
        </div>

        <Card title="Activity log">
          <EventsTable token={token} rangeId={rangeId} refreshKey={refreshKey} />
        </Card>
      </div>
    </div>
  );
}

function Stat({ label, value, testId }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <p className="text-sm text-slate-500 dark:text-slate-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId} data-value={value ?? ''}>
        {value == null ? '–' : value.toLocaleString()}
      </p>
    </div>
  );
}

function Card({ title, children }) {
  return (
    <section aria-label={title} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
      <h2 className="mb-3 text-sm font-semibold text-slate-700 dark:text-slate-200">{title}</h2>
      {children}
    </section>
  );
}
