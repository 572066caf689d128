// The user-visible scenarios of the chat, in real headless Chromium against a running stack.
// Run by e2e/run.sh. Tests run in order and build on each other (one story: alice and bob).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CHAT_URL,
  SHOTS,
  connected,
  countReconnects,
  launchBrowser,
  wheelToTop,
  message,
  newPerson,
  readConversation,
  register,
  renderedSeqs,
  screenshot,
  send,
  signIn,
  until,
} from './browser.mjs';
import { login, seedMessages } from './seed.mjs';
import { registerApi, startSender } from './sender.mjs';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
// `{name}` is replaced by each replica's component name.
const RESTART = process.env.RESTART_MESSAGING_CMD ?? `${REPO}deploy/chat restart {name}`;
// Messaging replicas of the stack, as name=url (the e2e sender connects to them directly).
const REPLICAS = (process.env.E2E_MESSAGING_REPLICAS ?? 'messaging-service=http://localhost:8081,messaging-service-2=http://localhost:8091')
  .split(',')
  .map((r) => r.split('='))
  .map(([name, url]) => ({ name: name.trim(), url: url.trim() }));
const ADMIN = process.env.E2E_ADMIN_USER ?? 'admin';
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'admin-e2e-password';
const PASSWORD = 'correct-horse-battery';
const suffix = Date.now().toString(36).slice(-5);
const ALICE = `alice_${suffix}`;
const BOB = `bob.${suffix}`;
const CAROL = `carol-${suffix}`;
const HISTORY = Number(process.env.E2E_HISTORY_MESSAGES ?? 300);

describe('chat in a real browser', () => {
  let browser;
  let alice;
  let bob;
  const chunkRequests = [];
  const cspViolations = [];
  const watchCsp = (page) =>
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspViolations.push(m.text()));

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    alice = await newPerson(browser);
    bob = await newPerson(browser);
    alice.page.on('request', (r) => chunkRequests.push(r.url()));
    for (const p of [alice.page, bob.page]) watchCsp(p);
    alice.network = await controllableWebSocket(alice.context);
  });

  /** A test that, when it fails, leaves screenshots of every open page (failed-*.png). */
  function scenario(name, fn) {
    test(name, async () => {
      try {
        await fn();
      } catch (e) {
        const slug = name.replace(/[^a-z]+/gi, '-').slice(0, 40);
        for (const [who, person] of [['alice', alice], ['bob', bob]]) {
          await person?.page?.screenshot({ path: new URL(`failed-${slug}-${who}.png`, SHOTS).pathname }).catch(() => {});
        }
        throw e;
      }
    });
  }

  after(async () => {
    await browser?.close();
    if (process.env.UPDATE_DOC_SCREENSHOTS === '1') {
      const docs = new URL('../docs/screenshots/', import.meta.url);
      mkdirSync(docs, { recursive: true });
      for (const f of readdirSync(SHOTS).filter((f) => !f.startsWith('failed-'))) copyFileSync(new URL(f, SHOTS), new URL(f, docs));
    }
  });

  scenario('two people create accounts; a taken name and a wrong password are explained', async () => {
    await alice.page.goto(CHAT_URL);
    await alice.page.getByRole('heading', { name: 'Chat' }).waitFor();
    await screenshot(alice.page, 'sign-in');
    await register(alice.page, ALICE, PASSWORD);

    await bob.page.goto(CHAT_URL);
    await bob.page.getByRole('tab', { name: 'Create account' }).click();
    await bob.page.locator('#username').fill(ALICE.toUpperCase());
    await bob.page.locator('#password').fill(PASSWORD);
    await bob.page.locator('form button[type=submit]').click();
    assert.match(await bob.page.getByRole('alert').innerText(), /taken/i);

    await bob.page.getByRole('tab', { name: 'Sign in' }).click();
    await bob.page.locator('#password').fill('not-the-password');
    await bob.page.locator('form button[type=submit]').click();
    assert.match(await bob.page.getByRole('alert').innerText(), /wrong name or password/i);

    await register(bob.page, BOB, PASSWORD);
    assert.equal(await bob.page.getByTestId('me').innerText(), BOB);
  });

  scenario('the chat shell does not load the charts', async () => {
    assert.ok(!chunkRequests.some((u) => /Dashboard|recharts/i.test(u)), 'dashboard chunk loaded too early');
  });

  scenario('they chat in General, each seeing the other live', async () => {
    await send(alice.page, `hello from ${ALICE}`);
    await message(bob.page, `hello from ${ALICE}`).waitFor();
    await send(alice.page, `who wants kumquat${suffix} pie?`);
    await message(bob.page, `kumquat${suffix}`).waitFor();
    await send(bob.page, `hi alice! see https://example.com/docs/${suffix}, and <b>this</b> stays text ${suffix}`);
    await message(alice.page, `stays text ${suffix}`).waitFor();
    const link = alice.page.locator(`[data-testid=message] a[href="https://example.com/docs/${suffix}"]`);
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await alice.page.locator('[data-testid=message] b').count(), 0, 'markup must render as text');
    // Both see the other online.
    await alice.page.locator(`[data-testid="user-${BOB}"][data-status=online]`).waitFor();
    await bob.page.locator(`[data-testid="user-${ALICE}"][data-status=online]`).waitFor();
    await screenshot(alice.page, 'chat');
  });

  scenario('each sees the other typing', async () => {
    await bob.page.locator('#composer').pressSequentially('I am typing', { delay: 30 });
    await alice.page.getByTestId('typing-indicator').getByText(`${BOB} is typing…`).waitFor();
    await screenshot(alice.page, 'typing');
    await bob.page.locator('#composer').fill('');
    await alice.page.getByTestId('typing-indicator').getByText(`${BOB} is typing…`).waitFor({ state: 'detached' });

    await alice.page.locator('#composer').pressSequentially('typing back', { delay: 30 });
    await bob.page.getByTestId('typing-indicator').getByText(`${ALICE} is typing…`).waitFor();
    await alice.page.locator('#composer').fill('');
  });

  scenario('alice opens a DM with bob; bob gets it with an unread count', async () => {
    await alice.page.getByTestId(`user-${BOB}`).click();
    await until(async () => (await alice.page.getByTestId('room-title').innerText()) === BOB, { what: 'DM title' });
    await send(alice.page, 'a private hello');
    await message(alice.page, 'a private hello').waitFor();

    const dm = bob.page.getByTestId(`dm-${ALICE}`);
    await dm.waitFor();
    assert.equal(await dm.getByTestId('unread').innerText(), '1');
    await dm.click();
    await message(bob.page, 'a private hello').waitFor();
    await until(async () => (await dm.getByTestId('unread').count()) === 0, { what: 'unread cleared' });

    await bob.page.locator('#composer').pressSequentially('replying', { delay: 30 });
    await alice.page.getByTestId('typing-indicator').getByText(`${BOB} is typing…`).waitFor();
    await bob.page.locator('#composer').press('Enter');
    await message(alice.page, 'replying').waitFor();
    await screenshot(alice.page, 'dm');
  });

  scenario('alice sees bob go offline when he closes the page, and come back', async () => {
    await bob.page.close();
    const bobEntry = alice.page.locator(`[data-testid="user-${BOB}"]`);
    await bobEntry.and(alice.page.locator('[data-status=offline]')).waitFor({ timeout: 45_000 });
    assert.match(await bobEntry.getByTestId('last-seen').innerText(), /last seen/);
    assert.match(await alice.page.getByTestId('peer-status').innerText(), /last seen/);
    await screenshot(alice.page, 'presence');

    // The token lives in sessionStorage: a new tab signs in again.
    bob.page = await bob.context.newPage();
    watchCsp(bob.page);
    await signIn(bob.page, BOB, PASSWORD);
    await bobEntry.and(alice.page.locator('[data-status=online]')).waitFor({ timeout: 45_000 });
  });

  scenario('a reload keeps the session and the history', async () => {
    await alice.page.reload();
    await connected(alice.page);
    assert.equal(await alice.page.getByTestId('me').innerText(), ALICE);
    await message(alice.page, `hello from ${ALICE}`).waitFor();
    await alice.page.getByTestId(`dm-${BOB}`).click();
    await message(alice.page, 'replying').waitFor();
  });

  scenario('messages sent while alice is offline are caught up after reconnect, in order', async () => {
    await alice.page.getByTestId('room-general').click();
    await bob.page.getByTestId('room-general').click();
    await message(alice.page, `hello from ${ALICE}`).waitFor();
    await alice.network.down();
    await alice.page.getByTestId('connection-banner').waitFor();
    for (let i = 1; i <= 5; i++) {
      await send(bob.page, `while you were away ${i} ${suffix}`);
      await message(bob.page, `while you were away ${i} ${suffix}`).waitFor();
    }
    await alice.network.up();
    await connected(alice.page, 60_000);
    await message(alice.page, `while you were away 5 ${suffix}`).waitFor();
    assertContiguous(await renderedSeqs(alice.page));
  });

  scenario('both survive restarts of the messaging replicas and catch up what was sent meanwhile', async () => {
    // Alice and bob each sit on one replica (the gateway balances them): restarting every
    // replica in turn disconnects both. Meanwhile carol writes from the other replica and bob
    // keeps typing in his browser; afterwards both browsers must hold every message once, in
    // seq order, without holes.
    const reconnects = [await countReconnects(alice.page), await countReconnects(bob.page)];
    const carolToken = await registerApi(CHAT_URL, CAROL, PASSWORD);
    const acked = [];
    const fromBob = [];
    for (const [i, replica] of REPLICAS.entries()) {
      const other = REPLICAS[(i + 1) % REPLICAS.length];
      const sender = startSender(other.url, carolToken, 'general', (n) => `carol ${n} while ${replica.name} restarts ${suffix}`);
      const restart = run('bash', ['-c', RESTART.replaceAll('{name}', replica.name)], { timeout: 300_000 });
      for (let n = 1; n <= 3; n++) {
        const text = `bob ${n} during ${replica.name} restart ${suffix}`;
        await send(bob.page, text);
        fromBob.push(text);
        await new Promise((r) => setTimeout(r, 1000));
      }
      const { stdout } = await restart;
      acked.push(...(await sender.stop()));
      console.log(`# ${stdout.trim() || `${replica.name} restarted`}`);
      await connected(alice.page, 90_000);
      await connected(bob.page, 90_000);
    }
    // Whatever bob's client gave up on (no ack within 10 s), he retries: same clientMsgId.
    for (const text of fromBob) {
      const retry = bob.page.locator('[data-testid=message-row]', { hasText: text }).getByRole('button', { name: 'Retry' });
      if (await retry.count()) await retry.click();
    }
    await send(bob.page, `after the restarts ${suffix}`);
    await message(alice.page, `after the restarts ${suffix}`).waitFor({ timeout: 60_000 });

    const expected = [...acked, ...fromBob, `after the restarts ${suffix}`];
    for (const [name, page] of [['alice', alice.page], ['bob', bob.page]]) {
      const messages = await readConversation(page, (ms) => expected.every((t) => ms.some((m) => m.text.includes(t))));
      assertContiguous(messages.map((m) => m.seq));
      for (const text of expected) {
        const n = messages.filter((m) => m.text.includes(text)).length;
        assert.equal(n, 1, `${name} has "${text}" exactly once`);
      }
    }
    const counts = await Promise.all(reconnects.map((count) => count()));
    console.log(`# carol's messages acknowledged during the restarts: ${acked.length}; reconnect banners alice/bob: ${counts.join('/')}`);
    assert.ok(counts[0] > 0 && counts[1] > 0, `both browsers lost their connection at least once (${counts})`);
  });

  scenario('older history loads on scroll-up, in order, keeping the reading position', async () => {
    const token = await login(CHAT_URL, BOB, PASSWORD);
    const started = Date.now();
    await seedMessages(CHAT_URL, token, 'general', HISTORY, (i) => `history ${i} of ${HISTORY} ${suffix}`);
    const seeded = Date.now() - started;
    await alice.page.reload();
    await connected(alice.page);
    await message(alice.page, `history ${HISTORY} of ${HISTORY} ${suffix}`).waitFor();
    const scroller = alice.page.getByTestId('virtuoso-scroller');
    const firstSeeded = message(alice.page, `history 1 of ${HISTORY} ${suffix}`);
    let prepends = 0;
    while ((await firstSeeded.count()) === 0) {
      assert.ok(prepends <= HISTORY / 10, 'too many pages');
      const oldest = (await renderedSeqs(alice.page))[0];
      // One page at a time: stop wheeling once older messages arrived above the reading position.
      await wheelToTop(alice.page, async () => (await firstSeeded.count()) > 0 || (await renderedSeqs(alice.page))[0] < oldest);
      // Older messages are prepended above the reading position: the view stays where it was
      // (scrollTop moves down by their height) instead of jumping to the oldest ones.
      await until(
        async () => (await firstSeeded.count()) > 0 || ((await scroller.evaluate((el) => el.scrollTop)) > 200 && (await renderedSeqs(alice.page))[0] < oldest),
        { timeout: 15_000, interval: 50, what: 'a page of older history above the reading position' },
      );
      prepends++;
    }
    assert.ok(prepends >= (HISTORY > 100 ? 2 : 1), `history came in pages (${prepends})`);
    assertContiguous(await renderedSeqs(alice.page));
    console.log(`# seeded ${HISTORY} messages in ${seeded} ms; scrolled back through them in ${prepends} pages`);
  });

  scenario('search finds a message and jumps to it through the history in between', async () => {
    await alice.page.getByTestId(`dm-${BOB}`).click(); // jump from another room
    const box = alice.page.getByLabel('Search messages');
    const hit = alice.page.getByTestId('search-hit').filter({ hasText: `kumquat${suffix}` });
    await until(
      async () => {
        await box.fill('');
        await box.fill(`kumquat${suffix}`);
        await alice.page.getByTestId('search-results').getByRole('status').filter({ hasText: /result/ }).waitFor({ timeout: 5000 });
        return (await hit.count()) > 0;
      },
      { timeout: 60_000, interval: 1000, what: 'the message indexed for search' },
    );
    assert.equal(await hit.locator('mark').first().innerText(), `kumquat${suffix}`);
    await hit.first().click();
    await until(async () => (await alice.page.getByTestId('room-title').innerText()) === '# General', { what: 'jump to General' });
    await alice.page.locator('[data-testid=message].flash', { hasText: `kumquat${suffix}` }).waitFor();
    await screenshot(alice.page, 'search');
  });

  scenario('phone width and dark mode stay usable', async () => {
    await alice.page.setViewportSize({ width: 390, height: 780 });
    await alice.page.emulateMedia({ colorScheme: 'dark' });
    await alice.page.getByTestId('room-title').waitFor();
    await screenshot(alice.page, 'phone-dark');
    await alice.page.getByRole('button', { name: 'Show conversations' }).click();
    await alice.page.getByTestId('room-general').click();
    await alice.page.setViewportSize({ width: 1100, height: 700 });
    await alice.page.emulateMedia({ colorScheme: 'light' });
  });

  scenario('an admin sees the analytics dashboard with data', async () => {
    const admin = await newPerson(browser);
    watchCsp(admin.page);
    await register(admin.page, ADMIN, ADMIN_PASSWORD);
    await admin.page.getByRole('button', { name: 'Analytics' }).click();
    await admin.page.getByRole('heading', { name: 'Analytics' }).waitFor();
    await until(async () => Number(await admin.page.getByTestId('stat-messages').getAttribute('data-value')) > 0, {
      timeout: 60_000,
      what: 'message count on the dashboard',
    });
    await admin.page.getByTestId('events-table').locator('tbody tr').first().waitFor();
    await admin.page.locator('.recharts-surface').first().waitFor();
    await screenshot(admin.page, 'dashboard');
    await admin.page.getByLabel('Time range').selectOption('24h');
    await admin.page.getByLabel('Search the activity log').fill('message_sent');
    await admin.page.getByTestId('events-table').getByText('message_sent').first().waitFor();
    // A non-admin has no dashboard.
    assert.equal(await alice.page.getByRole('button', { name: 'Analytics' }).count(), 0);
    assertNoCspViolations(cspViolations);
  });
});

/**
 * Routes the context's Socket.IO WebSockets through Playwright so a test can cut them (as a
 * network loss would) and refuse reconnects until `up()`. Chromium's offline emulation does not
 * close open WebSockets, and a dead peer is otherwise only noticed after the heartbeat timeout.
 */
async function controllableWebSocket(context) {
  let online = true;
  const open = new Set();
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (!online) return ws.close({ code: 4000, reason: 'offline' });
    ws.connectToServer();
    open.add(ws);
    ws.onClose(() => open.delete(ws));
  });
  return {
    async down() {
      online = false;
      await context.setOffline(true); // new connections fail at once, as without a network
      for (const ws of open) await ws.close({ code: 4000, reason: 'offline' });
    },
    async up() {
      online = true;
      await context.setOffline(false);
    },
  };
}

function assertNoCspViolations(list) {
  assert.deepEqual(list, [], 'the app runs under the gateway Content-Security-Policy');
}

function assertContiguous(seqs) {
  assert.ok(seqs.length > 0, 'messages rendered');
  for (let i = 1; i < seqs.length; i++) {
    assert.equal(seqs[i], seqs[i - 1] + 1, `seq ${seqs[i - 1]} is followed by ${seqs[i]}: ${seqs.join(',')}`);
  }
}
