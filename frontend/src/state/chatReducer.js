// The whole client chat state and its transitions. Pure: (state, action) -> state.

import { contiguousSeq, maxSeq, mergeMessages, minSeq } from './messages.js';
import { addPending, markFailed, markRetrying, resolvePending } from './pending.js';
import { mergeUsers, userJoined, userLeft } from './presence.js';
import { applyTyping, expireTyping } from './typing.js';
import { GENERAL, bumpLastSeq, mergeRooms } from './rooms.js';
import { initialLastRead, unreadCount } from './unread.js';

/**
 * @param {string} me the signed-in user
 * @param {Record<string, number>} [lastRead] read markers restored from storage
 */
export function initialChatState(me, lastRead = {}) {
  return {
    me,
    /** 'connecting' | 'joining' | 'connected' | 'reconnecting' | 'unauthorized' */
    connection: 'connecting',
    activeRoom: GENERAL,
    rooms: { [GENERAL]: { id: GENERAL, type: 'global', lastSeq: 0 } },
    /** room -> confirmed messages sorted by seq */
    messages: {},
    /** room -> whether older history may exist / a page is loading */
    history: {},
    pending: [],
    users: {},
    typing: {},
    lastRead,
    /** a message to scroll to and highlight: { room, seq, nonce } */
    focus: null,
  };
}

export function chatReducer(state, action) {
  switch (action.type) {
    case 'connection':
      return state.connection === action.status ? state : { ...state, connection: action.status };

    case 'joined': {
      const rooms = mergeRooms(state.rooms, action.rooms);
      let lastRead = state.lastRead;
      for (const room of Object.values(rooms)) {
        if (lastRead[room.id] == null) {
          lastRead = { ...lastRead, [room.id]: initialLastRead(room) };
        }
      }
      let next = { ...state, connection: 'connected', rooms, lastRead };
      next.users = mergeUsers(state.users, action.users);
      for (const [room, msgs] of Object.entries(action.missed ?? {})) {
        next = receive(next, room, msgs);
      }
      return next;
    }

    case 'messages': {
      let next = receive(state, action.room, action.messages);
      if (action.hasMore !== undefined || action.loading !== undefined) {
        next = setHistory(next, action.room, { hasMore: action.hasMore, loading: false });
      }
      return next;
    }

    case 'historyLoading':
      return setHistory(state, action.room, { loading: action.loading });

    case 'roomAdded': {
      const rooms = mergeRooms(state.rooms, [action.room]);
      const id = action.room?.id;
      let next = rooms === state.rooms ? state : { ...state, rooms };
      if (id && next.lastRead[id] == null) {
        next = { ...next, lastRead: { ...next.lastRead, [id]: 0 } };
      }
      return next;
    }

    case 'openRoom':
      if (state.activeRoom === action.room) return state;
      return { ...state, activeRoom: action.room, focus: null };

    case 'focus':
      return { ...state, activeRoom: action.room, focus: { room: action.room, seq: action.seq, nonce: action.nonce } };

    case 'markRead': {
      const cur = state.lastRead[action.room] ?? 0;
      if (action.seq <= cur) return state;
      return { ...state, lastRead: { ...state.lastRead, [action.room]: action.seq } };
    }

    case 'send':
      return {
        ...state,
        pending: addPending(state.pending, {
          clientMsgId: action.clientMsgId,
          room: action.room,
          content: action.content,
          senderId: state.me,
          createdAt: action.at,
        }),
      };

    case 'sendOk': {
      const msg = action.message;
      if (msg) return receive(state, msg.room, [{ ...msg, clientMsgId: msg.clientMsgId ?? action.clientMsgId }]);
      const pending = resolvePending(state.pending, [{ clientMsgId: action.clientMsgId }]);
      return pending === state.pending ? state : { ...state, pending };
    }

    case 'sendFailed': {
      const pending = markFailed(state.pending, action.clientMsgId, action.error);
      return pending === state.pending ? state : { ...state, pending };
    }

    case 'retry': {
      const pending = markRetrying(state.pending, action.clientMsgId);
      return pending === state.pending ? state : { ...state, pending };
    }

    case 'presence': {
      const users = mergeUsers(state.users, action.users);
      return users === state.users ? state : { ...state, users };
    }

    case 'userJoined': {
      const users = userJoined(state.users, action.user);
      return users === state.users ? state : { ...state, users };
    }

    case 'userLeft': {
      const users = userLeft(state.users, action);
      return users === state.users ? state : { ...state, users };
    }

    case 'typing': {
      if (action.userId === state.me) return state;
      const typing = applyTyping(state.typing, action, action.at);
      return typing === state.typing ? state : { ...state, typing };
    }

    case 'typingExpire': {
      const typing = expireTyping(state.typing, action.now);
      return typing === state.typing ? state : { ...state, typing };
    }

    default:
      return state;
  }
}

/** Merges confirmed messages into a room; resolves matching pending ones; stops their typing. */
function receive(state, room, incoming) {
  if (!room || !incoming || incoming.length === 0) return state;
  const valid = incoming.filter((m) => m && m.room === room);
  if (valid.length === 0) return state;
  const current = state.messages[room] ?? [];
  const merged = mergeMessages(current, valid);
  const pending = resolvePending(state.pending, valid);
  let rooms = state.rooms;
  const top = maxSeq(merged);
  if (top != null) {
    const lastSender = merged[merged.length - 1].senderId;
    rooms = bumpLastSeq(rooms, room, top, state.me, lastSender);
  }
  let typing = state.typing;
  for (const m of valid) {
    if (typing[room]?.[m.senderId]) typing = applyTyping(typing, { room, userId: m.senderId, isTyping: false }, 0);
  }
  if (merged === current && pending === state.pending && rooms === state.rooms && typing === state.typing) {
    return state;
  }
  return {
    ...state,
    messages: merged === current ? state.messages : { ...state.messages, [room]: merged },
    pending,
    rooms,
    typing,
  };
}

function setHistory(state, room, patch) {
  const cur = state.history[room] ?? { hasMore: true, loading: false };
  const next = {
    hasMore: patch.hasMore ?? cur.hasMore,
    loading: patch.loading ?? cur.loading,
  };
  if (next.hasMore === cur.hasMore && next.loading === cur.loading && state.history[room]) return state;
  return { ...state, history: { ...state.history, [room]: next } };
}

// ---- selectors ----

/** `lastSeen` for joinChat: the highest contiguous seq of every room with loaded messages. */
export function selectLastSeen(state) {
  const lastSeen = {};
  for (const [room, msgs] of Object.entries(state.messages)) {
    const seq = contiguousSeq(msgs);
    if (seq != null) lastSeen[room] = seq;
  }
  return lastSeen;
}

/** Whether older messages than the loaded ones may exist in `room`. */
export function selectHasOlder(state, room) {
  const msgs = state.messages[room] ?? [];
  const low = minSeq(msgs);
  if (low != null && low <= 1) return false;
  return state.history[room]?.hasMore ?? true;
}

export function selectUnread(state, room) {
  return unreadCount({
    messages: state.messages[room] ?? [],
    lastSeq: state.rooms[room]?.lastSeq ?? 0,
    lastRead: state.lastRead[room] ?? 0,
    me: state.me,
  });
}

/** Pending and failed messages of `room`, in the order they were written. */
export function selectPending(state, room) {
  return state.pending.filter((p) => p.room === room);
}
