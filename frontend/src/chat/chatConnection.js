// The Socket.IO side of the chat: one connection per signed-in tab. It turns server events into
// store actions and exposes the user's actions (send, retry, open a DM, load history, typing,
// jump to a message). All state lives in the store; this module only does I/O.

import { io } from 'socket.io-client';
import { api } from '../api/http.js';
import { findGaps, minSeq } from '../state/messages.js';
import { newClientMsgId } from '../state/pending.js';
import { selectHasOlder, selectLastSeen } from '../state/chatReducer.js';
import { GENERAL } from '../state/rooms.js';

/** How long a request (and a sent message) may wait for its ack before it counts as failed. */
export const ACK_TIMEOUT_MS = 10_000;
const PAGE = 50;
const MAX_PAGE = 100;

class AckError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * @param {{ token: string, store: ReturnType<typeof import('../state/store.js').createStore>, onUnauthorized: () => void, url?: string }} options
 */
export function createChatConnection({ token, store, onUnauthorized, url }) {
  const { dispatch, getState } = store;
  const socket = io(url, {
    transports: ['websocket'],
    auth: { token },
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    timeout: 10_000, // a connection attempt that gets no handshake in time is retried
  });
  let joined = false;
  let closed = false;
  let rejoinTimer = null;
  const sendTimers = new Map();
  const filling = new Set();

  function request(event, payload, timeout = ACK_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      socket.timeout(timeout).emit(event, payload, (err, ack) => {
        if (err) reject(new AckError('timeout', 'No answer from the server'));
        else if (!ack || ack.ok !== true)
          reject(new AckError(ack?.error?.code ?? 'internal', ack?.error?.message ?? 'Request failed'));
        else resolve(ack);
      });
    });
  }

  // ---- connection lifecycle ----

  socket.on('connect', () => {
    dispatch({ type: 'connection', status: 'joining' });
    join();
  });

  async function join() {
    try {
      const ack = await request('joinChat', { lastSeen: selectLastSeen(getState()) });
      if (!socket.connected) return;
      dispatch({ type: 'joined', user: ack.user, users: ack.users, rooms: ack.rooms, missed: ack.missed });
      joined = true;
      afterJoin();
    } catch (e) {
      if (e.code === 'unauthorized') return onUnauthorized();
      // Try again on a fresh connection; the server may be restarting.
      clearTimeout(rejoinTimer);
      rejoinTimer = setTimeout(() => {
        if (!closed && socket.connected) join();
      }, 2000);
    }
  }

  function afterJoin() {
    const state = getState();
    for (const p of state.pending) if (p.status === 'pending') emitSend(p);
    for (const room of Object.keys(state.messages)) fillGaps(room);
    if (!state.messages[state.activeRoom]?.length) loadOlder(state.activeRoom);
    refreshPresence();
  }

  socket.on('disconnect', (reason) => {
    joined = false;
    if (closed) return;
    dispatch({ type: 'connection', status: 'reconnecting' });
    // The client does not reconnect by itself after a server-side disconnect.
    if (reason === 'io server disconnect') socket.connect();
  });

  socket.on('connect_error', (err) => {
    if (closed) return;
    if (err?.message === 'unauthorized') {
      dispatch({ type: 'connection', status: 'unauthorized' });
      onUnauthorized();
      return;
    }
    dispatch({ type: 'connection', status: 'reconnecting' });
    // A refusal by the server (not a transport error) stops automatic reconnection.
    if (!socket.active) setTimeout(() => !closed && socket.connect(), 2000);
  });

  // ---- server events ----

  socket.on('newMessage', (payload) => {
    const message = payload?.message;
    if (!message?.room) return;
    dispatch({ type: 'messages', room: message.room, messages: [message] });
    if (joined) fillGaps(message.room);
  });
  socket.on('userJoined', (p) => p?.user && dispatch({ type: 'userJoined', user: p.user }));
  socket.on('userLeft', (p) => p?.userId && dispatch({ type: 'userLeft', userId: p.userId, lastSeen: p.lastSeen }));
  socket.on('presenceUpdate', (p) => dispatch({ type: 'presence', users: p?.users }));
  socket.on('userTyping', (p) => {
    if (p?.room && p.userId) dispatch({ type: 'typing', room: p.room, userId: p.userId, isTyping: !!p.isTyping, at: Date.now() });
  });

  const typingTicker = setInterval(() => dispatch({ type: 'typingExpire', now: Date.now() }), 1000);

  // ---- history ----

  /** Fetches missing seqs (holes, or a tail the server says exists) until the room is whole. */
  async function fillGaps(room) {
    if (filling.has(room)) return;
    filling.add(room);
    try {
      for (let i = 0; i < 100; i++) {
        const s = getState();
        const before = s.messages[room] ?? [];
        const gaps = findGaps(before, s.rooms[room]?.lastSeq ?? 0);
        if (gaps.length === 0) break;
        const gap = gaps[gaps.length - 1];
        const limit = Math.min(MAX_PAGE, gap.beforeSeq - gap.afterSeq - 1);
        const ack = await request('loadHistory', { room, beforeSeq: gap.beforeSeq, limit });
        dispatch({ type: 'messages', room, messages: ack.messages ?? [] });
        if (getState().messages[room] === before) break; // no progress: do not spin
      }
    } catch {
      // retried on the next message or reconnect
    } finally {
      filling.delete(room);
    }
  }

  /** Loads the page before the oldest loaded message (or the latest page of an empty room). */
  async function loadOlder(room, limit = PAGE) {
    const s = getState();
    if (!joined || s.history[room]?.loading || !selectHasOlder(s, room)) return;
    dispatch({ type: 'historyLoading', room, loading: true });
    try {
      const low = minSeq(s.messages[room] ?? []);
      const payload = low == null ? { room, limit } : { room, beforeSeq: low, limit };
      const ack = await request('loadHistory', payload);
      const messages = ack.messages ?? [];
      dispatch({ type: 'messages', room, messages, hasMore: ack.hasMore ?? messages.length > 0 });
    } catch {
      dispatch({ type: 'historyLoading', room, loading: false });
    }
  }

  async function refreshPresence() {
    try {
      const data = await api('/api/presence', { token });
      dispatch({ type: 'presence', users: Array.isArray(data) ? data : (data?.users ?? data) });
    } catch {
      // joinChat already delivered the registry; this is a refresh only
    }
  }

  // ---- sending ----

  function emitSend(p) {
    clearTimeout(sendTimers.get(p.clientMsgId));
    sendTimers.set(
      p.clientMsgId,
      setTimeout(() => {
        sendTimers.delete(p.clientMsgId);
        dispatch({ type: 'sendFailed', clientMsgId: p.clientMsgId, error: 'Not delivered: no answer from the server' });
      }, ACK_TIMEOUT_MS),
    );
    if (!joined) return; // sent on (re)join
    socket.timeout(ACK_TIMEOUT_MS).emit('sendMessage', { room: p.room, content: p.content, clientMsgId: p.clientMsgId }, (err, ack) => {
      if (err) return; // the timer reports it
      clearTimeout(sendTimers.get(p.clientMsgId));
      sendTimers.delete(p.clientMsgId);
      if (ack?.ok) dispatch({ type: 'sendOk', clientMsgId: p.clientMsgId, message: ack.message });
      else dispatch({ type: 'sendFailed', clientMsgId: p.clientMsgId, error: ack?.error?.message ?? 'Not delivered' });
    });
  }

  return {
    connect: () => socket.connect(),

    send(room, content) {
      const p = { clientMsgId: newClientMsgId(), room, content, at: new Date().toISOString() };
      dispatch({ type: 'send', ...p });
      emitSend(p);
    },

    retry(clientMsgId) {
      const p = getState().pending.find((q) => q.clientMsgId === clientMsgId);
      if (!p) return;
      dispatch({ type: 'retry', clientMsgId });
      emitSend(p);
    },

    typing(room, isTyping) {
      if (joined) socket.emit('typing', { room, isTyping }, () => {});
    },

    openRoom(room) {
      dispatch({ type: 'openRoom', room });
      if (!getState().messages[room]?.length) loadOlder(room);
    },

    loadOlder,

    /** Opens (creating if needed) the DM with `userId`. */
    async startDM(userId) {
      const ack = await request('startDM', { recipientId: userId });
      const me = getState().me;
      const raw = typeof ack.room === 'string' ? { id: ack.room } : ack.room;
      const room = { type: 'dm', ...raw, members: raw?.members ?? [me, userId] };
      dispatch({ type: 'roomAdded', room });
      const messages = ack.messages ?? [];
      dispatch({ type: 'messages', room: room.id, messages, hasMore: messages.length > 0 });
      dispatch({ type: 'openRoom', room: room.id });
      return room.id;
    },

    /** Opens `room` scrolled to message `seq`, loading the history between it and what is loaded. */
    async jumpTo(room, seq) {
      if (!getState().rooms[room]) {
        dispatch({ type: 'roomAdded', room: { id: room, type: room === GENERAL ? 'global' : 'dm' } });
      }
      const loaded = (msgs) => {
        const low = minSeq(msgs);
        return low != null && (low <= 1 || low <= seq - 10);
      };
      // Already loaded: open the room right at the message. Otherwise show the room while the
      // history between it and the loaded part comes in.
      if (!loaded(getState().messages[room] ?? [])) {
        dispatch({ type: 'openRoom', room });
        for (let i = 0; i < 200; i++) {
          const msgs = getState().messages[room] ?? [];
          if (loaded(msgs)) break;
          const low = minSeq(msgs);
          const payload = low == null ? { room, limit: PAGE } : { room, beforeSeq: low, limit: MAX_PAGE };
          const ack = await request('loadHistory', payload);
          dispatch({ type: 'messages', room, messages: ack.messages ?? [], hasMore: ack.hasMore });
          if (getState().messages[room] === msgs) break;
        }
      }
      dispatch({ type: 'focus', room, seq, nonce: Date.now() });
    },

    close() {
      closed = true;
      clearInterval(typingTicker);
      clearTimeout(rejoinTimer);
      for (const t of sendTimers.values()) clearTimeout(t);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
