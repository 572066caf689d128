// A small in-memory stand-in for the gateway + services, speaking the same HTTP and Socket.IO
// contract (docs: /work ARCHITECTURE.md). For developing the UI without the Java stack and for
// a quick smoke run of the e2e scenarios: `node e2e/mock-server.mjs` (PORT, default 8090) serves
// dist/ and the APIs. Not a reference implementation: tokens are unsigned.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';

const PORT = Number(process.env.PORT ?? 8090);
const ADMINS = (process.env.ADMIN_USERS ?? 'admin').split(',').map((s) => s.trim().toLowerCase());
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

const accounts = new Map(); // lower name -> { userId, password, roles }
const registry = new Map(); // userId -> { userId, status, lastSeen }
const rooms = new Map([['general', { id: 'general', type: 'global', messages: [] }]]);
const events = [];
const connections = new Map(); // userId -> count
let refusing = false;

const now = () => new Date().toISOString();
const log = (eventType, userId, room, data = {}) =>
  events.push({ eventId: `e${events.length + 1}`, eventType, timestamp: now(), userId, room, data });
const tokenFor = (a) => `${b64({ alg: 'none' })}.${b64({ sub: a.userId, roles: a.roles, exp: Math.floor(Date.now() / 1000) + 3600 })}.mock`;
function verify(token) {
  try {
    const claims = JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString());
    return accounts.get(claims.sub.toLowerCase()) ?? null;
  } catch {
    return null;
  }
}
const roomOf = (r) => ({ id: r.id, type: r.type, members: r.members, lastSeq: r.messages.length });
const canRead = (user, r) => r.type === 'global' || r.members.includes(user.userId);

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const error = (res, status, code, message, headers) => send(res, status, { error: { code, message } }, headers);

async function body(req) {
  let s = '';
  for await (const c of req) s += c;
  try {
    return JSON.parse(s || '{}');
  } catch {
    return {};
  }
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  if (path === '/__mock/restart' && req.method === 'POST') {
    refusing = true;
    io.disconnectSockets(true);
    setTimeout(() => (refusing = false), Number(url.searchParams.get('ms') ?? 3000));
    return send(res, 204);
  }
  if (path === '/api/auth/register' || path === '/api/auth/login') {
    const { username = '', password = '' } = await body(req);
    if (path.endsWith('register')) {
      if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) return error(res, 400, 'bad_request', 'username must be 3..32 letters, digits, _, - or .');
      if (password.length < 8) return error(res, 400, 'bad_request', 'password must have 8..128 characters');
      if (accounts.has(username.toLowerCase())) return error(res, 409, 'bad_request', 'username taken');
      const a = { userId: username, password, roles: ADMINS.includes(username.toLowerCase()) ? ['admin'] : [] };
      accounts.set(username.toLowerCase(), a);
      registry.set(a.userId, { userId: a.userId, status: 'offline', lastSeen: now() });
      log('user_registered', a.userId);
      return send(res, 201, { token: tokenFor(a), user: { userId: a.userId, roles: a.roles } });
    }
    const a = accounts.get(username.toLowerCase());
    if (!a || a.password !== password) return error(res, 401, 'unauthorized', 'wrong username or password');
    log('login_succeeded', a.userId);
    return send(res, 200, { token: tokenFor(a), user: { userId: a.userId, roles: a.roles } });
  }
  if (path.startsWith('/api/')) {
    const user = verify((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!user) return error(res, 401, 'unauthorized', 'missing or invalid token');
    if (path === '/api/presence') return send(res, 200, [...registry.values()]);
    if (path === '/api/search/messages') {
      // As logging-service: global rooms only (DM text is never logged), HTML-escaped
      // fragments with hits in <mark>.
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const results = [];
      for (const m of rooms.get('general').messages) {
        const i = m.content.toLowerCase().indexOf(q);
        if (!q || i < 0) continue;
        const highlights = [`${esc(m.content.slice(0, i))}<mark>${esc(m.content.slice(i, i + q.length))}</mark>${esc(m.content.slice(i + q.length))}`];
        results.push({ id: m.id, room: m.room, seq: m.seq, senderId: m.senderId, timestamp: m.timestamp, content: m.content, highlights });
      }
      return send(res, 200, { total: results.length, page: 0, size: 20, results: results.slice(-20).reverse() });
    }
    if (path.startsWith('/api/analytics/')) return analytics(res, path.slice('/api/analytics/'.length), url.searchParams, user);
    return error(res, 404, 'not_found', 'no such endpoint');
  }
  return serveStatic(res, path, req.headers.host);
}

function analytics(res, what, params, user) {
  if (!user.roles.includes('admin')) return error(res, 403, 'forbidden', 'admins only');
  const count = (key) => Object.entries(events.reduce((acc, e) => ((acc[e[key]] = (acc[e[key]] ?? 0) + 1), acc), {}));
  // Shapes as logging-service's AnalyticsQueries records.
  if (what === 'summary') {
    return send(res, 200, {
      totalEvents: events.length,
      messages: events.filter((e) => e.eventType === 'message_sent' || e.eventType === 'dm_sent').length,
      directMessages: events.filter((e) => e.eventType === 'dm_sent').length,
      activeUsers: new Set(events.map((e) => e.userId)).size,
      eventsByType: Object.fromEntries(count('eventType')),
    });
  }
  if (what === 'timeline') {
    const buckets = {};
    for (const e of events) {
      const t = new Date(e.timestamp);
      t.setSeconds(0, 0);
      const b = (buckets[t.toISOString()] ??= { start: t.toISOString(), total: 0, messages: 0, counts: {} });
      b.total++;
      if (e.eventType === 'message_sent' || e.eventType === 'dm_sent') b.messages++;
      b.counts[e.eventType] = (b.counts[e.eventType] ?? 0) + 1;
    }
    return send(res, 200, { interval: '1m', buckets: Object.values(buckets) });
  }
  if (what === 'top-users') return send(res, 200, { users: count('userId').map(([userId, n]) => ({ userId, count: n })) });
  if (what === 'top-rooms') return send(res, 200, { rooms: count('room').filter(([r]) => r !== 'undefined').map(([room, n]) => ({ room, count: n })) });
  if (what === 'events') {
    const q = (params.get('q') ?? '').toLowerCase();
    const size = Number(params.get('size') ?? 20);
    const page = Number(params.get('page') ?? 0);
    const list = events.filter((e) => !q || JSON.stringify(e).toLowerCase().includes(q)).reverse();
    return send(res, 200, { total: list.length, page, size, events: list.slice(page * size, page * size + size) });
  }
  return error(res, 404, 'not_found', 'no such endpoint');
}

// The gateway's policy for the SPA (gateway-service SecurityHeadersFilter), so violations show here too.
const csp = (host) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://${host}/socket.io/; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
async function serveStatic(res, path, host) {
  res.setHeader('Content-Security-Policy', csp(host));
  const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
  const target = file.startsWith(DIST) ? file : join(DIST, 'index.html');
  try {
    const data = await readFile(target);
    res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
    res.end(data);
  } catch {
    const data = await readFile(join(DIST, 'index.html'));
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(data);
  }
}

const http = createServer((req, res) => handle(req, res).catch(() => error(res, 500, 'internal', 'internal error')));
const io = new Server(http, { transports: ['websocket'] });

io.use((socket, next) => {
  const user = refusing ? null : verify(socket.handshake.auth?.token);
  if (refusing) return next(new Error('restarting'));
  return user ? ((socket.data.user = user), next()) : next(new Error('unauthorized'));
});

io.on('connection', (socket) => {
  const me = socket.data.user.userId;
  socket.join(`user:${me}`);
  connections.set(me, (connections.get(me) ?? 0) + 1);
  if (connections.get(me) === 1 && registry.get(me)?.status !== 'online') {
    const u = { userId: me, status: 'online', lastSeen: now() };
    registry.set(me, u);
    io.emit('userJoined', { user: u });
    log('user_connected', me);
  }
  const ok = (cb, v = {}) => typeof cb === 'function' && cb({ ok: true, ...v });
  const fail = (cb, code, message) => typeof cb === 'function' && cb({ ok: false, error: { code, message } });

  socket.on('joinChat', (p = {}, cb) => {
    const mine = [...rooms.values()].filter((r) => canRead(socket.data.user, r));
    const missed = {};
    for (const r of mine) {
      socket.join(r.id);
      const after = p.lastSeen?.[r.id];
      if (Number.isInteger(after)) missed[r.id] = r.messages.filter((m) => m.seq > after);
    }
    ok(cb, { user: registry.get(me), users: [...registry.values()], rooms: mine.map(roomOf), missed });
  });
  socket.on('sendMessage', (p = {}, cb) => {
    const r = rooms.get(p.room);
    if (!r || !canRead(socket.data.user, r)) return fail(cb, 'forbidden', 'not a member');
    if (!p.content || typeof p.content !== 'string') return fail(cb, 'bad_request', 'content required');
    if (p.content.length > 4000) return fail(cb, 'too_large', 'message too long');
    const dup = p.clientMsgId && r.messages.find((m) => m.senderId === me && m.clientMsgId === p.clientMsgId);
    if (dup) return ok(cb, { message: dup });
    const message = { id: `${r.id}#${r.messages.length + 1}`, room: r.id, seq: r.messages.length + 1, senderId: me, content: p.content, timestamp: now(), clientMsgId: p.clientMsgId };
    r.messages.push(message);
    log(r.type === 'dm' ? 'dm_sent' : 'message_sent', me, r.id);
    setTimeout(() => {
      io.to(r.id).emit('newMessage', { message });
      ok(cb, { message });
    }, Number(process.env.MOCK_DELAY_MS ?? 0));
  });
  socket.on('startDM', (p = {}, cb) => {
    const other = accounts.get(String(p.recipientId ?? '').toLowerCase());
    if (!other || other.userId === me) return fail(cb, 'bad_request', 'unknown recipient');
    const members = [me, other.userId].sort();
    const id = `dm:${members.map((m) => m.toLowerCase()).join(':')}`;
    if (!rooms.has(id)) {
      rooms.set(id, { id, type: 'dm', members, messages: [] });
      log('dm_started', me, id);
    }
    io.in(`user:${me}`).socketsJoin(id);
    io.in(`user:${other.userId}`).socketsJoin(id);
    const r = rooms.get(id);
    ok(cb, { room: roomOf(r), messages: r.messages.slice(-50) });
  });
  socket.on('typing', (p = {}, cb) => {
    socket.to(p.room).emit('userTyping', { room: p.room, userId: me, isTyping: !!p.isTyping });
    ok(cb);
  });
  socket.on('loadHistory', (p = {}, cb) => {
    const r = rooms.get(p.room);
    if (!r || !canRead(socket.data.user, r)) return fail(cb, 'forbidden', 'not a member');
    const limit = Math.min(100, Math.max(1, p.limit ?? 50));
    const before = r.messages.filter((m) => p.beforeSeq == null || m.seq < p.beforeSeq);
    const messages = before.slice(-limit);
    ok(cb, { messages, hasMore: before.length > messages.length });
  });
  socket.on('disconnect', () => {
    connections.set(me, connections.get(me) - 1);
    setTimeout(() => {
      if (connections.get(me) > 0) return;
      const u = { userId: me, status: 'offline', lastSeen: now() };
      registry.set(me, u);
      io.emit('userLeft', { userId: me, lastSeen: u.lastSeen });
      log('user_disconnected', me);
    }, 1000);
  });
});

http.listen(PORT, () => console.log(`mock chat stack on http://localhost:${PORT}`));
