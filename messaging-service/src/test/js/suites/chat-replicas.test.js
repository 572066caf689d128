// Chat semantics across the two messaging replicas of the test stack (MESSAGING_PORTS), reconnect
// catch-up with joinChat lastSeen, and presence events relayed to sockets.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, describe, test } from 'node:test';
import { register } from '../lib/auth.js';
import { closeSockets, connectTo, send } from '../lib/chat.js';
import { ack, connect, waitFor } from '../lib/socket.js';

describe('chat semantics: replicas, reconnect, presence', () => {
  afterEach(closeSockets);
  after(closeSockets);

  test('a message sent on one replica reaches sockets on the other', async () => {
    const [alice, bob] = await Promise.all([register('repl'), register('repl')]);
    const a = await connectTo(0, alice.token);
    const b = await connectTo(1, bob.token);
    const content = `across ${randomUUID()}`;
    const global = waitFor(b, 'newMessage', (m) => m.message.content === content);
    await send(a, 'general', content);
    await global;

    const room = (await ack(a, 'startDM', { recipientId: bob.username })).room.id;
    const dm = waitFor(b, 'newMessage', (m) => m.message.room === room);
    const typing = waitFor(b, 'userTyping', (t) => t.room === room);
    await send(a, room, 'across, privately');
    await ack(a, 'typing', { room, isTyping: true });
    await dm;
    await typing;
  });

  test('after a reconnect, joinChat with lastSeen returns exactly what was missed', async () => {
    const [alice, bob] = await Promise.all([register('sync'), register('sync')]);
    const a = await connectTo(0, alice.token);
    let b = await connectTo(0, bob.token);
    const room = (await ack(a, 'startDM', { recipientId: bob.username })).room.id;
    await send(a, room, 'before 1');
    const seen = await send(a, room, 'before 2');
    const joined = await ack(b, 'joinChat', { lastSeen: { [room]: 0 } });
    assert.deepEqual(joined.missed[room].map((m) => m.seq), [1, 2]);
    b.disconnect();

    for (let i = 1; i <= 5; i++) await send(a, room, `while away ${i}`);
    const generalSeq = (await send(a, 'general', `while away ${randomUUID()}`)).seq;

    b = await connectTo(1, bob.token);
    const again = await ack(b, 'joinChat', {
      lastSeen: { [room]: seen.seq, general: generalSeq - 1 },
    });
    assert.equal(again.ok, true, JSON.stringify(again));
    assert.deepEqual(again.missed[room].map((m) => m.seq), [3, 4, 5, 6, 7]);
    assert.deepEqual(again.missed[room].map((m) => m.content), [1, 2, 3, 4, 5].map((i) => `while away ${i}`));
    assert.ok(again.missed.general.some((m) => m.seq === generalSeq));
    assert.equal(again.rooms.find((r) => r.id === room).lastSeq, 7);
  });

  test('presence: userJoined, a coalesced presenceUpdate, then userLeft after the grace period', async () => {
    const watcher = await register('pres');
    const w = await connect(watcher.token);
    await ack(w, 'joinChat', {});
    const newcomer = await register('pres');
    const isNewcomer = (u) => u.userId === newcomer.username;
    const joined = waitFor(w, 'userJoined', (e) => isNewcomer(e.user), 20_000);
    const update = waitFor(w, 'presenceUpdate', (e) => e.users.some(isNewcomer), 20_000);

    const n = await connect(newcomer.token);

    assert.equal((await joined).user.status, 'online');
    const changed = (await update).users.filter(isNewcomer);
    assert.equal(changed.length, 1);
    const left = waitFor(w, 'userLeft', (e) => e.userId === newcomer.username, 30_000);
    n.disconnect();
    const gone = await left;
    assert.ok(!Number.isNaN(Date.parse(gone.lastSeen)));
  });
});
