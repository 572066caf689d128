// Realistic traffic through the gateway, so that every metric the dashboards and alerts use has
// samples: two fresh accounts, Socket.IO sessions, room and DM messages, typing, history, and the
// read APIs. Bounded: a fixed number of rounds, every wait capped. A single refused or timed-out
// call inside the loop is counted, not fatal (a loaded machine has them, and the metrics should
// show them); exits non-zero if setup fails, half the calls fail, or nothing is delivered.
//   CHAT_URL=http://localhost:8080 node deploy/monitoring/traffic.mjs [seconds]
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';

const CHAT_URL = (process.env.CHAT_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
const SECONDS = Number(process.argv[2] ?? 20);
const TIMEOUT_MS = 10_000;
const PASSWORD = 'verify-password-123';

async function http(method, path, { token, body } = {}) {
  const response = await fetch(CHAT_URL + path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, body: json };
}

async function register(prefix) {
  const username = `${prefix}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const { status, body } = await http('POST', '/api/auth/register', { body: { username, password: PASSWORD } });
  if (status !== 201 || typeof body?.token !== 'string') {
    throw new Error(`register ${username}: ${status} ${JSON.stringify(body)}`);
  }
  return { username, token: body.token, userId: body.user?.userId ?? username };
}

function connect(token) {
  const socket = io(CHAT_URL, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: TIMEOUT_MS });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`socket connect: ${error.message}`)));
  });
}

async function ack(socket, event, payload) {
  const answer = await socket.timeout(TIMEOUT_MS).emitWithAck(event, payload);
  if (!answer?.ok) {
    throw new Error(`${event}: ${JSON.stringify(answer)}`);
  }
  return answer;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const counts = { messages: 0, dms: 0, calls: 0, failed: 0, http: {} };

/** One call of the loop: counted; a failure is logged and counted instead of thrown. */
async function attempt(name, call) {
  counts.calls++;
  try {
    return await call();
  } catch (error) {
    counts.failed++;
    console.error(`traffic: ${name} failed: ${error.message}`);
    return undefined;
  }
}
const alice = await register('vfy-a');
const bob = await register('vfy-b');
await http('POST', '/api/auth/login', { body: { username: alice.username, password: PASSWORD } });
await http('POST', '/api/auth/login', { body: { username: alice.username, password: 'wrong-password-1' } });
const sockets = [await connect(alice.token), await connect(bob.token)];
let delivered = 0;
sockets[1].on('newMessage', () => delivered++);
try {
  await ack(sockets[0], 'joinChat', {});
  await ack(sockets[1], 'joinChat', {});
  const dm = await ack(sockets[0], 'startDM', { recipientId: bob.userId });
  const dmRoom = dm.room?.id ?? dm.room;
  const deadline = Date.now() + SECONDS * 1000;
  for (let round = 0; Date.now() < deadline && round < 1000; round++) {
    const from = sockets[round % 2];
    await attempt('typing', () => ack(from, 'typing', { room: 'general', isTyping: true }));
    const sent = await attempt('sendMessage', () =>
      ack(from, 'sendMessage', { room: 'general', content: `verify round ${round}`, clientMsgId: `vfy-${round}-${randomBytes(4).toString('hex')}` }));
    if (sent) counts.messages++;
    if (round % 3 === 0 && (await attempt('sendMessage dm', () => ack(sockets[0], 'sendMessage', { room: dmRoom, content: `dm ${round}` })))) {
      counts.dms++;
    }
    if (round % 5 === 0) {
      await attempt('loadHistory', () => ack(sockets[1], 'loadHistory', { room: 'general', limit: 20 }));
      for (const path of ['/api/rooms', '/api/presence', '/api/search/messages?q=verify', '/api/analytics/summary', '/api/rooms/general/messages?limit=10']) {
        const response = await attempt(`GET ${path}`, () => http('GET', path, { token: alice.token }));
        if (response) counts.http[response.status] = (counts.http[response.status] ?? 0) + 1;
      }
      const anonymous = await attempt('GET /api/rooms', () => http('GET', '/api/rooms'));
      if (anonymous) counts.http[anonymous.status] = (counts.http[anonymous.status] ?? 0) + 1;
    }
    await sleep(400);
  }
} finally {
  sockets.forEach((s) => s.close());
}
console.log(`traffic: ${counts.messages} room messages, ${counts.dms} DMs, ${delivered} delivered to bob, HTTP statuses ${JSON.stringify(counts.http)}, ${counts.failed} of ${counts.calls} calls failed`);
if (delivered === 0 || counts.failed * 2 > counts.calls) {
  console.error('traffic: too many failures, or no newMessage reached the second user');
  process.exit(1);
}
process.exit(0);
