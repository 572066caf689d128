import SearchBox from '../search/SearchBox.jsx';
import { navigate } from './useHashRoute.js';

/** Top bar: app name, message search, the dashboard link for admins, the user and sign out. */
export default function AppHeader({ session, admin, route, onSignOut, token, roomLabel, onJump }) {
  return (
    <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:gap-4 sm:px-4 dark:border-slate-800 dark:bg-slate-950">
      <span className="hidden text-lg font-semibold sm:inline">Chat</span>
      <div className="min-w-0 flex-1">
        <SearchBox token={token} roomLabel={roomLabel} onJump={onJump} />
      </div>
      {admin && (
        <button
          type="button"
          onClick={() => navigate(route === 'analytics' ? 'chat' : 'analytics')}
          aria-pressed={route === 'analytics'}
          className="rounded-lg px-2 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300 dark:hover:bg-slate-800"
        >
          {route === 'analytics' ? 'Chat' : 'Analytics'}
        </button>
      )}
      <span className="hidden truncate text-sm text-slate-600 sm:inline dark:text-slate-300" data-testid="me">
        {session.userId}
      </span>
      <button
        type="button"
        onClick={onSignOut}
        className="rounded-lg px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </header>
  );
}
