import PresenceDot from './PresenceDot.jsx';
import { selectUnread } from '../state/chatReducer.js';
import { formatLastSeen, sortedUsers } from '../state/presence.js';
import { GENERAL, dmPeer } from '../state/rooms.js';

const EMPTY = [];

/**
 * Conversations (General first, then DMs by latest activity) with unread counts, and every
 * registered user with presence; clicking a user opens the DM with them.
 */
export default function Sidebar({ state, now, onOpenRoom, onOpenUser }) {
  const dms = Object.values(state.rooms)
    .filter((r) => r.type === 'dm')
    .sort((a, b) => b.lastSeq - a.lastSeq || a.id.localeCompare(b.id));
  const people = sortedUsers(state.users, state.me);
  const online = people.filter((u) => u.status === 'online').length;

  return (
    <nav aria-label="Conversations and people" className="flex h-full flex-col overflow-y-auto py-3">
      <SectionTitle>Conversations</SectionTitle>
      <ul className="mb-4 space-y-0.5 px-2">
        <RoomButton
          label="# General"
          active={state.activeRoom === GENERAL}
          unread={selectUnread(state, GENERAL)}
          onClick={() => onOpenRoom(GENERAL)}
          testId="room-general"
        />
        {dms.map((r) => {
          const peer = dmPeer(r, state.me, state.messages[r.id] ?? EMPTY);
          const user = state.users[peer];
          return (
            <RoomButton
              key={r.id}
              label={peer}
              online={user ? user.status === 'online' : undefined}
              active={state.activeRoom === r.id}
              unread={selectUnread(state, r.id)}
              onClick={() => onOpenRoom(r.id)}
              testId={`dm-${peer}`}
            />
          );
        })}
      </ul>

      <SectionTitle>
        People <span className="font-normal">· {online} online</span>
      </SectionTitle>
      <ul className="space-y-0.5 px-2" data-testid="people">
        {people.length === 0 && <li className="px-2 py-1 text-sm text-slate-500">No one else yet.</li>}
        {people.map((u) => {
          const isOnline = u.status === 'online';
          const detail = isOnline ? 'online' : formatLastSeen(u.lastSeen, now);
          return (
            <li key={u.userId}>
              <button
                type="button"
                onClick={() => onOpenUser(u.userId)}
                data-testid={`user-${u.userId}`}
                data-status={u.status}
                aria-label={`Message ${u.userId} (${detail})`}
                className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left hover:bg-slate-200/70 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-slate-800"
              >
                <PresenceDot online={isOnline} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm">{u.userId}</span>
                  <span className="block truncate text-xs text-slate-500 dark:text-slate-400" data-testid="last-seen">
                    {detail}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function SectionTitle({ children }) {
  return <h2 className="mb-1 px-4 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{children}</h2>;
}

function RoomButton({ label, active, unread, online, onClick, testId }) {
  return (
    <li>
      <button
        type="button"
        onClick={onClick}
        aria-current={active ? 'page' : undefined}
        data-testid={testId}
        className={`flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${
          active ? 'bg-indigo-600 text-white' : 'hover:bg-slate-200/70 dark:hover:bg-slate-800'
        } ${unread > 0 && !active ? 'font-semibold' : ''}`}
      >
        {online !== undefined && <PresenceDot online={online} />}
        <span className="min-w-0 flex-1 truncate">{label}</span>
        {unread > 0 && (
          <span
            data-testid="unread"
            aria-label={`${unread} unread`}
            className={`rounded-full px-1.5 text-xs font-semibold ${active ? 'bg-white text-indigo-700' : 'bg-indigo-600 text-white'}`}
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
    </li>
  );
}
