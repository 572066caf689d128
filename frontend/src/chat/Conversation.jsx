import { useCallback, useEffect, useMemo, useState } from 'react';
import MessageList from './MessageList.jsx';
import Composer from './Composer.jsx';
import TypingIndicator from './TypingIndicator.jsx';
import PresenceDot from './PresenceDot.jsx';
import { maxSeq } from '../state/messages.js';
import { selectHasOlder, selectPending } from '../state/chatReducer.js';
import { formatLastSeen } from '../state/presence.js';
import { dmPeer, roomTitle } from '../state/rooms.js';

const EMPTY = [];

/** The open conversation: its header, messages, typing line and composer. */
export default function Conversation({ state, chat, dispatch, onShowSidebar, now }) {
  const room = state.activeRoom;
  const roomInfo = state.rooms[room] ?? { id: room, type: room === 'general' ? 'global' : 'dm' };
  const messages = state.messages[room] ?? EMPTY;
  const { pending: allPending } = state;
  const pending = useMemo(() => selectPending({ pending: allPending }, room), [allPending, room]);
  const title = roomTitle(roomInfo, state.me, messages);
  const peer = roomInfo.type === 'dm' ? state.users[dmPeer(roomInfo, state.me, messages)] : null;
  const [atBottom, setAtBottom] = useState(true);

  // Messages count as read while the room is open, scrolled to the bottom and the tab visible.
  const top = maxSeq(messages);
  useEffect(() => {
    if (top == null || !atBottom) return undefined;
    const mark = () => document.visibilityState === 'visible' && dispatch({ type: 'markRead', room, seq: top });
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [top, atBottom, room, dispatch]);

  const loadOlder = useCallback(() => chat.loadOlder(room), [chat, room]);
  const retry = useCallback((id) => chat.retry(id), [chat]);

  return (
    <section aria-label={`Conversation: ${title}`} className="flex min-h-0 min-w-0 flex-1 flex-col">
      <header className="flex items-center gap-3 border-b border-slate-200 px-3 py-2 sm:px-4 dark:border-slate-800">
        <button
          type="button"
          onClick={onShowSidebar}
          aria-label="Show conversations"
          className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 md:hidden dark:text-slate-300 dark:hover:bg-slate-800"
        >
          <span aria-hidden="true">☰</span>
        </button>
        <div className="min-w-0">
          <h2 className="truncate font-semibold" data-testid="room-title">
            {roomInfo.type === 'global' ? `# ${title}` : title}
          </h2>
          {peer && (
            <p className="flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400" data-testid="peer-status">
              <PresenceDot online={peer.status === 'online'} />
              {peer.status === 'online' ? 'online' : formatLastSeen(peer.lastSeen, now)}
            </p>
          )}
        </div>
      </header>
      <MessageList
        key={room}
        room={room}
        title={title}
        messages={messages}
        pending={pending}
        me={state.me}
        focus={state.focus}
        hasOlder={selectHasOlder(state, room)}
        loadingOlder={!!state.history[room]?.loading}
        onLoadOlder={loadOlder}
        onRetry={retry}
        onAtBottom={setAtBottom}
      />
      <TypingIndicator typing={state.typing} room={room} me={state.me} />
      <Composer room={room} title={roomInfo.type === 'global' ? `#${title}` : title} onSend={chat.send} onTyping={chat.typing} />
    </section>
  );
}
