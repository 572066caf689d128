// socket.io-client helpers shared by every suite: connect, acks and awaited events, all bounded by
// TIMEOUT_MS, and a registry that closes every socket a test opened.
import { io } from 'socket.io-client';
import { CHAT_URL, TIMEOUT_MS } from './env.js';

const open = new Set();

/**
 * A socket.io-client socket for `token`, configured as the browser client is (websocket only).
 * Not yet connected unless you await `connect()`; closed by `closeAll()`.
 */
export function createSocket(token, options = {}) {
  const socket = io(CHAT_URL, {
    transports: ['websocket'],
    auth: token === undefined ? undefined : { token },
    reconnection: false,
    forceNew: true,
    timeout: TIMEOUT_MS,
    ...options,
  });
  open.add(socket);
  return socket;
}

/** Connects with `token` and resolves with the connected socket; rejects on connect_error. */
export async function connect(token, options = {}) {
  const socket = createSocket(token, options);
  await waitForConnect(socket);
  return socket;
}

/** Resolves when `socket` is connected (now or later); rejects with its connect_error. */
export function waitForConnect(socket, timeoutMs = TIMEOUT_MS) {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('connect timed out')), timeoutMs);
    const onConnect = () => finish(null, socket);
    const onError = (error) => finish(error);
    function finish(error, value) {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
      error ? reject(error) : resolve(value);
    }
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
  });
}

/** Resolves with the Error of the next connect_error of `socket`. */
export function waitForConnectError(socket, timeoutMs = TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no connect_error')), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      reject(new Error('connected, expected connect_error'));
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

/** Emits `event` with `payload` and resolves with the ack, bounded by TIMEOUT_MS. */
export function ack(socket, event, payload, timeoutMs = TIMEOUT_MS) {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

/**
 * Resolves with the first `event` payload for which `predicate` holds (listening starts now, so
 * call it BEFORE the action that triggers the event).
 */
export function waitFor(socket, event, predicate = () => true, timeoutMs = TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    function listener(...args) {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(args[0]);
    }
    socket.on(event, listener);
  });
}

/** Resolves with the disconnect reason of the next disconnect of `socket`. */
export function waitForDisconnect(socket, timeoutMs = TIMEOUT_MS) {
  return waitFor(socket, 'disconnect', () => true, timeoutMs);
}

/** Closes every socket created through this module (call it in `after`/`afterEach`). */
export function closeAll() {
  for (const socket of open) socket.disconnect();
  open.clear();
}
