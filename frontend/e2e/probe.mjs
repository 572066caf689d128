import { io } from 'socket.io-client';
import { registerApi } from './sender.mjs';
const U = 'http://localhost:8080';
const s = Date.now().toString(36).slice(-5);
const ta = await registerApi(U, 'pa' + s, 'password123');
const a = io(U, { transports: ['websocket'], auth: { token: ta } });
await new Promise((r) => a.once('connect', r));
a.onAny((ev, p) => ev !== 'presenceUpdate' && console.log('EVENT', ev, JSON.stringify(p).slice(0, 300)));
const j = await a.timeout(10000).emitWithAck('joinChat', {});
console.log('JOIN', JSON.stringify({ ...j, users: j.users?.length, missed: Object.keys(j.missed ?? {}) }).slice(0, 600));
for (const content of ['plain', 'hi see https://example.com/docs/x, and <b>this</b> stays text x']) {
  const ack = await a.timeout(10000).emitWithAck('sendMessage', { room: 'general', content, clientMsgId: 'c' + Math.random() });
  console.log('SEND', JSON.stringify(ack).slice(0, 400));
}
const h = await a.timeout(10000).emitWithAck('loadHistory', { room: 'general', limit: 3 });
console.log('HIST', JSON.stringify(h).slice(0, 600));
const p = await fetch(U + '/api/presence', { headers: { Authorization: 'Bearer ' + ta } });
console.log('PRESENCE', p.status, (await p.text()).slice(0, 300));
await new Promise((r) => setTimeout(r, 1500));
a.close();
