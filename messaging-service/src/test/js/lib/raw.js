// A raw Engine.IO v4 / Socket.IO v5 WebSocket client (package `ws`) for protocol tests that need
// exact frames: oversized frames, garbage, hand-written packets. Suites about chat semantics should
// use lib/socket.js instead.
import WebSocket from 'ws';
import { CHAT_WS_URL, TIMEOUT_MS } from './env.js';

/**
 * Opens `/socket.io/?EIO=4&transport=websocket` and resolves once the Engine.IO open packet arrived.
 * Returns { ws, open (the parsed open packet), next(predicate) -> next text frame, closed -> Promise
 * of { code, reason } }.
 */
export function rawConnect(query = 'EIO=4&transport=websocket') {
  const ws = new WebSocket(`${CHAT_WS_URL}/socket.io/?${query}`, { maxPayload: 4 * 1024 * 1024 });
  const frames = [];
  const waiters = [];
  const closed = new Promise((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on('message', (data, isBinary) => {
    const frame = isBinary ? data : data.toString();
    if (frame === '2') {
      ws.send('3'); // Engine.IO v4: the server pings, we answer
      return;
    }
    frames.push(frame);
    drain();
  });
  function drain() {
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i];
      const index = frames.findIndex(w.predicate);
      if (index >= 0) {
        const [frame] = frames.splice(index, 1);
        waiters.splice(i--, 1);
        clearTimeout(w.timer);
        w.resolve(frame);
      }
    }
  }
  function next(predicate = () => true, timeoutMs = TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const w = { predicate, resolve };
      w.timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`));
      }, timeoutMs);
      waiters.push(w);
      drain();
    });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no open packet')), TIMEOUT_MS);
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`handshake refused: HTTP ${res.statusCode}`));
    });
    next((f) => typeof f === 'string' && f.startsWith('0')).then((frame) => {
      clearTimeout(timer);
      resolve({ ws, open: JSON.parse(frame.slice(1)), next, closed });
    }, reject);
  });
}

/** rawConnect + namespace CONNECT with `token`; resolves with the connection and the CONNECT answer. */
export async function rawConnectNamespace(token) {
  const conn = await rawConnect();
  conn.ws.send(`40${JSON.stringify({ token })}`);
  const answer = await conn.next((f) => typeof f === 'string' && f.startsWith('4'));
  return { ...conn, answer };
}
