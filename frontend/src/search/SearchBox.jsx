import { useEffect, useId, useRef, useState } from 'react';
import Highlighted from './Highlighted.jsx';
import { searchMessages } from './searchApi.js';
import { timeLabel, dayLabel } from '../chat/format.js';

/**
 * Full-text search over the messages the user may read. Results show highlighted fragments;
 * choosing one opens its room at that message.
 */
export default function SearchBox({ token, roomLabel, onJump }) {
  const [q, setQ] = useState('');
  const [state, setState] = useState({ status: 'idle', hits: [], total: 0, error: '' });
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef(null);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) {
      setState({ status: 'idle', hits: [], total: 0, error: '' });
      return undefined;
    }
    const ctrl = new AbortController();
    const t = setTimeout(async () => {
      setState((s) => ({ ...s, status: 'loading' }));
      try {
        const { hits, total } = await searchMessages(token, query, ctrl.signal);
        setState({ status: 'done', hits, total, error: '' });
      } catch (e) {
        if (e.name !== 'AbortError') setState({ status: 'error', hits: [], total: 0, error: e.message });
      }
    }, 300);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [q, token]);

  useEffect(() => {
    const close = (e) => root.current && !root.current.contains(e.target) && setOpen(false);
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);

  const showPanel = open && q.trim().length >= 2;
  return (
    <div ref={root} className="relative w-full max-w-md" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <label htmlFor="search" className="sr-only">
        Search messages
      </label>
      <input
        id="search"
        type="search"
        value={q}
        placeholder="Search messages"
        autoComplete="off"
        aria-controls={listId}
        aria-expanded={showPanel}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-900"
      />
      {showPanel && (
        <div
          id={listId}
          data-testid="search-results"
          className="absolute left-0 right-0 top-full z-30 mt-1 max-h-96 overflow-y-auto rounded-lg border border-slate-200 bg-white shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="px-3 py-2 text-xs text-slate-500 dark:text-slate-400" role="status">
            {state.status === 'loading'
              ? 'Searching…'
              : state.status === 'error'
                ? state.error
                : state.status === 'done'
                  ? `${state.total} result${state.total === 1 ? '' : 's'}`
                  : ''}
          </p>
          <ul>
            {state.hits.map((hit) => (
              <li key={hit.id}>
                <button
                  type="button"
                  data-testid="search-hit"
                  onClick={() => {
                    setOpen(false);
                    onJump(hit.room, hit.seq);
                  }}
                  className="block w-full border-t border-slate-100 px-3 py-2 text-left hover:bg-slate-50 focus-visible:bg-slate-100 focus-visible:outline-none dark:border-slate-800 dark:hover:bg-slate-800"
                >
                  <span className="flex justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
                    <span className="truncate">
                      <strong className="font-semibold text-slate-700 dark:text-slate-200">{hit.senderId}</strong> in {roomLabel(hit.room)}
                    </span>
                    {hit.timestamp && (
                      <span className="shrink-0">
                        {dayLabel(hit.timestamp)} {timeLabel(hit.timestamp)}
                      </span>
                    )}
                  </span>
                  <span className="mt-0.5 block text-sm">
                    {hit.fragments.map((f, i) => (
                      <span key={i} className="block truncate">
                        <Highlighted fragment={f} escaped={hit.escaped} />
                      </span>
                    ))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
