import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { createStore } from '../state/store.js';
import { chatReducer, initialChatState } from '../state/chatReducer.js';
import { createChatConnection } from './chatConnection.js';

const readKey = (userId) => `chat.lastRead.${userId.toLowerCase()}`;

function loadLastRead(userId) {
  try {
    const raw = localStorage.getItem(readKey(userId));
    const parsed = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * The chat store and connection for a signed-in session. Read markers are kept in localStorage
 * per user so unread counts survive a reload.
 * @returns {{ state: ReturnType<typeof initialChatState>, chat: ReturnType<typeof createChatConnection> }}
 */
export function useChat(session, onUnauthorized) {
  const store = useMemo(
    () => createStore(chatReducer, initialChatState(session.userId, loadLastRead(session.userId))),
    [session.userId],
  );
  // The connection is opened in an effect (and closed in its cleanup); components call it
  // through this stable forwarder.
  const connection = useRef(null);
  const chat = useMemo(() => forwarder(connection), []);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    const conn = createChatConnection({ token: session.token, store, onUnauthorized: () => unauthorized.current() });
    connection.current = conn;
    conn.connect();
    let saved = store.getState().lastRead;
    let timer = null;
    const unsubscribe = store.subscribe(() => {
      const { lastRead } = store.getState();
      if (lastRead === saved) return;
      saved = lastRead;
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          localStorage.setItem(readKey(session.userId), JSON.stringify(saved));
        } catch {
          // storage full or disabled: unread counts just restart next time
        }
      }, 300);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      conn.close();
      if (connection.current === conn) connection.current = null;
    };
  }, [store, session.token, session.userId]);

  const state = useSyncExternalStore(store.subscribe, store.getState);
  return { state, chat, dispatch: store.dispatch };
}

const METHODS = ['send', 'retry', 'typing', 'openRoom', 'loadOlder', 'startDM', 'jumpTo'];

function forwarder(ref) {
  const out = {};
  for (const name of METHODS) {
    out[name] = (...args) => ref.current?.[name](...args);
  }
  return out;
}
