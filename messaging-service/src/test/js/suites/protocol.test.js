// The Socket.IO protocol as the official client and raw frames see it, through the gateway:
// handshake, auth, acks, reconnect, transports, frame limits. Chat semantics live in other suites.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { register } from '../lib/auth.js';
import { CHAT_URL } from '../lib/env.js';
import { rawConnect, rawConnectNamespace } from '../lib/raw.js';
import {
  ack,
  closeAll,
  connect,
  createSocket,
  waitForConnect,
  waitForConnectError,
  waitForDisconnect,
} from '../lib/socket.js';

describe('socket.io protocol', () => {
  let alice;

  before(async () => {
    alice = await register('proto');
  });
  afterEach(closeAll);
  after(closeAll);

  test('the official client connects over websocket with a token', async () => {
    const socket = await connect(alice.token);
    assert.equal(socket.connected, true);
    assert.match(socket.id, /^[A-Za-z0-9_-]{20}$/);
    assert.equal(socket.io.engine.transport.name, 'websocket');
  });

  test('the open packet announces the v4 heartbeat and a 1 MB maxPayload', async () => {
    const { ws, open } = await rawConnect();
    try {
      assert.deepEqual(open.upgrades, []);
      assert.equal(typeof open.sid, 'string');
      assert.ok(open.pingInterval > 0 && open.pingTimeout > 0);
      assert.equal(open.maxPayload, 1_000_000);
    } finally {
      ws.terminate();
    }
  });

  test('a missing token gets connect_error unauthorized', async () => {
    const error = await waitForConnectError(createSocket(undefined));
    assert.equal(error.message, 'unauthorized');
  });

  test('an invalid token gets connect_error unauthorized', async () => {
    const error = await waitForConnectError(createSocket(alice.token.slice(0, -4) + 'AAAA'));
    assert.equal(error.message, 'unauthorized');
  });

  test('events are acknowledged: joinChat succeeds, an unknown event gets bad_request', async () => {
    const socket = await connect(alice.token);
    const joined = await ack(socket, 'joinChat', {});
    assert.equal(joined.ok, true, JSON.stringify(joined));
    const unknown = await ack(socket, 'noSuchEvent', { x: 1 });
    assert.equal(unknown.ok, false);
    assert.equal(unknown.error.code, 'bad_request');
    assert.equal(socket.connected, true);
  });

  test('malformed packets get bad_request acks and never close the socket', async () => {
    const conn = await rawConnectNamespace(alice.token);
    try {
      assert.match(conn.answer, /^40\{"sid":"[^"]+"\}$/);
      conn.ws.send('427{not json');
      assert.match(await conn.next((f) => f.startsWith('437[')), /"code":"bad_request"/);
      conn.ws.send('428[42]'); // EVENT without a name
      assert.match(await conn.next((f) => f.startsWith('438[')), /"code":"bad_request"/);
      conn.ws.send('451-9["upload",{"_placeholder":true,"num":0}]'); // binary: not supported
      assert.match(await conn.next((f) => f.startsWith('439[')), /"code":"bad_request"/);
      conn.ws.send(Buffer.from([1, 2, 3])); // its attachment, skipped
      conn.ws.send('4210["noSuchEvent",{}]');
      assert.match(await conn.next((f) => f.startsWith('4310[')), /"ok":false/);
    } finally {
      conn.ws.terminate();
    }
  });

  test('the client reconnects by itself after the server drops the connection', async () => {
    const socket = createSocket(alice.token, { reconnection: true, reconnectionDelay: 100 });
    await waitForConnect(socket);
    const firstId = socket.id;
    const dropped = waitForDisconnect(socket);
    // Not Socket.IO at all: the server closes the transport, as it would on a restart.
    socket.io.engine.transport.ws.send('garbage that is not socket.io');
    assert.equal(await dropped, 'transport close');
    await new Promise((resolve) => socket.once('connect', resolve));
    assert.equal(socket.connected, true);
    assert.notEqual(socket.id, firstId);
    const joined = await ack(socket, 'joinChat', {});
    assert.equal(joined.ok, true);
  });

  test('long-polling is refused with a 400 that names the websocket transport', async () => {
    const response = await fetch(`${CHAT_URL}/socket.io/?EIO=4&transport=polling&t=x`);
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, 'bad_request');
    assert.match(body.error.message, /websocket/);
  });

  test('an Engine.IO version other than 4 is refused with a 400', async () => {
    const response = await fetch(`${CHAT_URL}/socket.io/?EIO=3&transport=websocket`);
    assert.equal(response.status, 400);
    const body = await response.json();
    assert.equal(body.error.code, 'bad_request');
  });

  test('a 100 KB message is answered with an ack, not a dropped connection', async () => {
    const socket = await connect(alice.token);
    await ack(socket, 'joinChat', {});
    const answer = await ack(socket, 'sendMessage', {
      room: 'general',
      content: 'x'.repeat(100_000),
      clientMsgId: `big-${Date.now()}`,
    });
    assert.equal(answer.ok, false);
    assert.equal(answer.error.code, 'too_large');
    assert.equal(socket.connected, true);
    assert.equal((await ack(socket, 'joinChat', {})).ok, true);
  });

  test('a frame over maxPayload closes the connection with 1009', async () => {
    const conn = await rawConnectNamespace(alice.token);
    // Just over 1,000,000 bytes with the packet around the content.
    conn.ws.send(`42["sendMessage",{"room":"general","content":"${'y'.repeat(1_000_000)}"}]`);
    const { code } = await conn.closed;
    assert.equal(code, 1009);
  });
});
