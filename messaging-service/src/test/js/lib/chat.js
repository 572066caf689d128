// Helpers of the chat-semantics suites: sockets straight to a replica, sends, error asserts.
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { CHAT_URL, TIMEOUT_MS } from './env.js';
import { ack, closeAll, waitForConnect } from './socket.js';

/**
 * Base URLs of the messaging replicas: MESSAGING_PORTS ("8081 8091", set by the test command)
 * when present, else the gateway twice (it balances sockets across the replicas).
 */
export const REPLICAS = (process.env.MESSAGING_PORTS ?? '')
  .split(/[\s,]+/)
  .filter(Boolean)
  .map((port) => `http://localhost:${port}`);
const replicaUrl = (i) => (REPLICAS.length ? REPLICAS[i % REPLICAS.length] : CHAT_URL);

const direct = new Set();

/** A socket connected straight to replica `i` (or the gateway when replicas are unknown). */
export async function connectTo(i, token) {
  const socket = io(replicaUrl(i), {
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
    timeout: TIMEOUT_MS,
  });
  direct.add(socket);
  await waitForConnect(socket);
  return socket;
}

function closeDirect() {
  for (const socket of direct) socket.disconnect();
  direct.clear();
}

export async function send(socket, room, content, extra = {}) {
  const reply = await ack(socket, 'sendMessage', { room, content, ...extra });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply.message;
}

export function assertError(reply, code) {
  assert.equal(reply.ok, false, JSON.stringify(reply));
  assert.equal(reply.error.code, code, JSON.stringify(reply));
  assert.equal(typeof reply.error.message, 'string');
}

export const dmId = (a, b) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()].sort();
  return `dm:${x}:${y}`;
};

export async function getJson(path, token) {
  const response = await fetch(CHAT_URL + path, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: response.status, body: await response.json() };
}


/** Closes every socket of the suite, through the gateway or straight to a replica. */
export function closeSockets() {
  closeAll();
  closeDirect();
}
