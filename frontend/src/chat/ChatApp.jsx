import { Suspense, lazy, useCallback, useState } from 'react';
import AppHeader from './AppHeader.jsx';
import ConnectionBanner from './ConnectionBanner.jsx';
import Conversation from './Conversation.jsx';
import Sidebar from './Sidebar.jsx';
import { useChat } from './useChat.js';
import { useNow } from './useNow.js';
import { navigate, useHashRoute } from './useHashRoute.js';
import { isAdmin } from '../auth/session.js';
import { roomTitle } from '../state/rooms.js';

// The dashboard (and Recharts with it) is a separate chunk, fetched only when opened.
const Dashboard = lazy(() => import('../analytics/Dashboard.jsx'));

/** The signed-in app: header, connection banner, sidebar and the chat or the dashboard. */
export default function ChatApp({ session, onSignOut, onUnauthorized }) {
  const { state, chat, dispatch } = useChat(session, onUnauthorized);
  const route = useHashRoute();
  const admin = isAdmin(session);
  const showDashboard = route === 'analytics' && admin;
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const now = useNow(30_000);

  const openRoom = useCallback(
    (room) => {
      chat.openRoom(room);
      setSidebarOpen(false);
      navigate('chat');
    },
    [chat],
  );
  const openUser = useCallback(
    async (userId) => {
      setSidebarOpen(false);
      navigate('chat');
      try {
        await chat.startDM(userId);
      } catch {
        // the banner shows connection problems; the click can be repeated
      }
    },
    [chat],
  );
  const jump = useCallback(
    (room, seq) => {
      navigate('chat');
      chat.jumpTo(room, seq)?.catch?.(() => {});
    },
    [chat],
  );
  const roomLabel = useCallback(
    (room) => {
      const r = state.rooms[room];
      return r ? (r.type === 'global' ? `#${roomTitle(r, state.me)}` : roomTitle(r, state.me, state.messages[room])) : room;
    },
    [state.rooms, state.me, state.messages],
  );

  return (
    <div className="flex h-full flex-col">
      <AppHeader session={session} admin={admin} route={showDashboard ? 'analytics' : 'chat'} onSignOut={onSignOut} token={session.token} roomLabel={roomLabel} onJump={jump} />
      <ConnectionBanner status={state.connection} />
      <div className="relative flex min-h-0 flex-1">
        <aside
          className={`${sidebarOpen ? 'absolute inset-0 z-20 block' : 'hidden'} w-full shrink-0 border-r border-slate-200 bg-slate-50 md:static md:block md:w-64 dark:border-slate-800 dark:bg-slate-900`}
        >
          {sidebarOpen && (
            <button
              type="button"
              onClick={() => setSidebarOpen(false)}
              aria-label="Close conversations"
              className="absolute right-3 top-2 rounded-md p-1.5 md:hidden"
            >
              ✕
            </button>
          )}
          <Sidebar state={state} now={now} onOpenRoom={openRoom} onOpenUser={openUser} />
        </aside>
        <main className="flex min-h-0 min-w-0 flex-1 flex-col">
          {showDashboard ? (
            <Suspense fallback={<p className="p-6 text-sm text-slate-500">Loading the dashboard…</p>}>
              <Dashboard token={session.token} />
            </Suspense>
          ) : (
            <Conversation state={state} chat={chat} dispatch={dispatch} now={now} onShowSidebar={() => setSidebarOpen(true)} />
          )}
        </main>
      </div>
    </div>
  );
}
