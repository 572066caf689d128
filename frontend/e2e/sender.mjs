// A third chat user that keeps writing through the official socket.io-client while the browsers
// live through a restart: connected straight to a messaging replica, it retries each message with
// the same clientMsgId until acknowledged (the server stores it once).
import { io } from 'socket.io-client';

export async function registerApi(url, username, password) {
  const body = JSON.stringify({ username, password });
  const headers = { 'Content-Type': 'application/json' };
  let res = await fetch(`${url}/api/auth/register`, { method: 'POST', headers, body });
  if (res.status === 409) res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers, body });
  if (!res.ok) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/**
 * Sends `text(n)` to `room` every `everyMs` until stop(); stop() resolves to the texts the server
 * acknowledged, in order.
 */
export function startSender(url, token, room, text, everyMs = 500) {
  const socket = io(url, { transports: ['websocket'], auth: { token }, reconnectionDelay: 200, reconnectionDelayMax: 1000 });
  let joined = null;
  const join = () => {
    joined = socket
      .timeout(10_000)
      .emitWithAck('joinChat', {})
      .then((ack) => ack.ok)
      .catch(() => false);
  };
  socket.on('connect', join);
  // A refusal by the server (e.g. while it restarts) stops automatic reconnection: go on.
  socket.on('disconnect', (reason) => reason === 'io server disconnect' && socket.connect());
  socket.on('connect_error', () => !socket.active && setTimeout(() => socket.connect(), 300));
  let stopped = false;
  const acked = [];

  async function sendOne(content, clientMsgId) {
    for (let attempt = 0; attempt < 120; attempt++) {
      if (socket.connected && joined && (await joined)) {
        try {
          const ack = await socket.timeout(5000).emitWithAck('sendMessage', { room, content, clientMsgId });
          if (ack.ok) return true;
        } catch {
          // no ack in time: try again with the same clientMsgId
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  }

  const loop = (async () => {
    for (let n = 1; !stopped; n++) {
      const content = text(n);
      if (await sendOne(content, `sender-${Date.now()}-${n}`)) acked.push(content);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      socket.close();
      return acked;
    },
  };
}
