// Writes many messages quickly through the official socket.io-client (as the browser would),
// to exercise history paging in the browser.
import { io } from 'socket.io-client';

export async function login(url, username, password) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()).token;
}

export async function seedMessages(url, token, room, count, text) {
  const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false });
  try {
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const join = await socket.timeout(15_000).emitWithAck('joinChat', {});
    if (!join.ok) throw new Error(`joinChat: ${JSON.stringify(join.error)}`);
    for (let i = 1; i <= count; i++) {
      const ack = await socket.timeout(15_000).emitWithAck('sendMessage', { room, content: text(i), clientMsgId: `seed-${Date.now()}-${i}` });
      if (!ack.ok) throw new Error(`sendMessage ${i}: ${JSON.stringify(ack.error)}`);
    }
  } finally {
    socket.close();
  }
}
