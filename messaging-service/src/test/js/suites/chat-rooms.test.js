// Chat semantics through the gateway: DMs (privacy, routing by user), history paging over the
// socket and HTTP, typing indicators.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, describe, test } from 'node:test';
import { register } from '../lib/auth.js';
import { assertError, closeSockets, dmId, getJson, send } from '../lib/chat.js';
import { TIMEOUT_MS } from '../lib/env.js';
import { ack, connect, waitFor } from '../lib/socket.js';

describe('chat semantics: DMs, history, typing', () => {
  afterEach(closeSockets);
  after(closeSockets);

  test('a DM reaches only its two members, even if the recipient never called startDM', async () => {
    const [alice, bob, carol] = await Promise.all([
      register('dm'),
      register('dm'),
      register('dm'),
    ]);
    const a = await connect(alice.token);
    const b = await connect(bob.token);
    const c = await connect(carol.token);
    const started = await ack(a, 'startDM', { recipientId: bob.username.toUpperCase() });
    assert.equal(started.ok, true, JSON.stringify(started));
    const room = started.room.id;
    assert.equal(room, dmId(alice.username, bob.username));
    assert.equal(started.room.type, 'dm');
    assert.deepEqual(started.messages, []);
    let carolSaw = false;
    c.on('newMessage', (m) => {
      if (m.message.room === room) carolSaw = true;
    });
    const atB = waitFor(b, 'newMessage', (m) => m.message.room === room);

    const message = await send(a, room, 'just us');

    assert.deepEqual((await atB).message, message);
    // A later global message reaches Carol, so the DM would have too by now.
    const marker = `marker ${randomUUID()}`;
    const atC = waitFor(c, 'newMessage', (m) => m.message.content === marker);
    await send(a, 'general', marker);
    await atC;
    assert.equal(carolSaw, false);
    assertError(await ack(c, 'loadHistory', { room }), 'forbidden');
    assertError(await ack(c, 'typing', { room, isTyping: true }), 'forbidden');
    assertError(await ack(a, 'startDM', { recipientId: `nobody-${Date.now()}` }), 'not_found');
    const back = await ack(b, 'startDM', { recipientId: alice.username });
    assert.equal(back.room.id, room);
    assert.deepEqual(back.messages, [message]);
  });

  test('loadHistory and GET /api/rooms/{room}/messages page backwards with hasMore', async () => {
    const [alice, bob] = await Promise.all([register('hist'), register('hist')]);
    const socket = await connect(alice.token);
    const room = (await ack(socket, 'startDM', { recipientId: bob.username })).room.id;
    for (let i = 1; i <= 7; i++) await send(socket, room, `m${i}`);

    const newest = await ack(socket, 'loadHistory', { room, limit: 3 });
    assert.deepEqual(newest.messages.map((m) => m.seq), [5, 6, 7]);
    assert.equal(newest.hasMore, true);
    const oldest = await ack(socket, 'loadHistory', { room, beforeSeq: 3, limit: 3 });
    assert.deepEqual(oldest.messages.map((m) => m.seq), [1, 2]);
    assert.equal(oldest.hasMore, false);
    const all = await ack(socket, 'loadHistory', { room });
    assert.equal(all.messages.length, 7);

    const http = await getJson(`/api/rooms/${encodeURIComponent(room)}/messages?limit=3`, bob.token);
    assert.equal(http.status, 200);
    assert.deepEqual(http.body.messages.map((m) => m.seq), [5, 6, 7]);
    assert.equal(http.body.hasMore, true);
    const rooms = await getJson('/api/rooms', bob.token);
    assert.equal(rooms.status, 200);
    const dm = rooms.body.rooms.find((r) => r.id === room);
    assert.equal(dm.lastSeq, 7);
    const outsider = await register('hist');
    const refused = await getJson(`/api/rooms/${encodeURIComponent(room)}/messages`, outsider.token);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
  });

  test('typing reaches the other member only and expires by itself after 5 s', async () => {
    const [alice, bob] = await Promise.all([register('type'), register('type')]);
    const a = await connect(alice.token);
    const b = await connect(bob.token);
    const room = (await ack(a, 'startDM', { recipientId: bob.username })).room.id;
    let echoed = false;
    a.on('userTyping', (t) => {
      if (t.room === room) echoed = true;
    });
    const started = waitFor(b, 'userTyping', (t) => t.room === room && t.isTyping);
    assert.deepEqual(await ack(a, 'typing', { room, isTyping: true }), { ok: true });
    assert.deepEqual(await started, { room, userId: alice.username, isTyping: true });
    const stopped = await waitFor(
      b,
      'userTyping',
      (t) => t.room === room && !t.isTyping,
      Math.max(TIMEOUT_MS, 9000),
    );
    assert.equal(stopped.userId, alice.username);
    assert.equal(echoed, false);
  });
});
