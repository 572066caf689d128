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
  launchBrowser,
  message,
  newPerson,
  register,
  renderedSeqs,
  screenshot,
  send,
  signIn,
  until,
} from './browser.mjs';
import { login, seedMessages } from './seed.mjs';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RESTART = process.env.RESTART_MESSAGING_CMD ?? `${REPO}deploy/chat restart messaging-service`;
const ADMIN = process.env.E2E_ADMIN_USER ?? 'admin';
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'admin-e2e-password';
const PASSWORD = 'correct-horse-battery';
const suffix = Date.now().toString(36).slice(-5);
const ALICE = `alice_${suffix}`;
const BOB = `bob.${suffix}`;
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

  after(async () => {
    await browser?.close();
    if (process.env.UPDATE_DOC_SCREENSHOTS === '1') {
      const docs = new URL('../docs/screenshots/', import.meta.url);
      mkdirSync(docs, { recursive: true });
      for (const f of readdirSync(SHOTS)) copyFileSync(new URL(f, SHOTS), new URL(f, docs));
    }
  });

  test('two people create accounts; a taken name and a wrong password are explained', async () => {
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

  test('the chat shell does not load the charts', async () => {
    assert.ok(!chunkRequests.some((u) => /Dashboard|recharts/i.test(u)), 'dashboard chunk loaded too early');
  });

  test('they chat in General, each seeing the other live', async () => {
    await send(alice.page, `hello from ${ALICE}`);
    await message(bob.page, `hello from ${ALICE}`).waitFor();
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

  test('each sees the other typing', async () => {
    await bob.page.locator('#composer').pressSequentially('I am typing', { delay: 30 });
    await alice.page.getByTestId('typing-indicator').getByText(`${BOB} is typing…`).waitFor();
    await screenshot(alice.page, 'typing');
    await bob.page.locator('#composer').fill('');
    await alice.page.getByTestId('typing-indicator').getByText(`${BOB} is typing…`).waitFor({ state: 'detached' });

    await alice.page.locator('#composer').pressSequentially('typing back', { delay: 30 });
    await bob.page.getByTestId('typing-indicator').getByText(`${ALICE} is typing…`).waitFor();
    await alice.page.locator('#composer').fill('');
  });

  test('alice opens a DM with bob; bob gets it with an unread count', async () => {
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

  test('alice sees bob go offline when he closes the page, and come back', async () => {
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

  test('a reload keeps the session and the history', async () => {
    await alice.page.reload();
    await connected(alice.page);
    assert.equal(await alice.page.getByTestId('me').innerText(), ALICE);
    await message(alice.page, `hello from ${ALICE}`).waitFor();
    await alice.page.getByTestId(`dm-${BOB}`).click();
    await message(alice.page, 'replying').waitFor();
  });

  test('messages sent while alice is offline are caught up after reconnect, in order', async () => {
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

  test('both survive a messaging-service restart and catch up what was sent meanwhile', async () => {
    const restart = run('bash', ['-c', RESTART], { timeout: 180_000 });
    // Bob keeps writing during the restart; his client retries over the reconnect.
    const sent = [];
    for (let i = 1; i <= 5; i++) {
      const text = `during restart ${i} ${suffix}`;
      await send(bob.page, text);
      sent.push(text);
      await new Promise((r) => setTimeout(r, 1500));
    }
    await restart;
    await connected(alice.page, 90_000);
    await connected(bob.page, 90_000);
    for (const text of sent) {
      const retry = bob.page.locator('[data-testid=message-row]', { hasText: text }).getByRole('button', { name: 'Retry' });
      if (await retry.count()) await retry.click();
    }
    for (const text of sent) await message(alice.page, text).waitFor({ timeout: 60_000 });
    await send(bob.page, `after restart ${suffix}`);
    await message(alice.page, `after restart ${suffix}`).waitFor();
    const seqs = await renderedSeqs(alice.page);
    assertContiguous(seqs);
    for (const text of sent) assert.equal(await message(alice.page, text).count(), 1, `exactly one "${text}"`);
  });

  test('older history loads on scroll-up, in order, keeping the reading position', async () => {
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
      await scroller.evaluate((el) => (el.scrollTop = 0));
      // Older messages are prepended above the reading position: the view stays where it was
      // (scrollTop moves down by their height) instead of jumping to the oldest ones.
      await until(
        async () => (await firstSeeded.count()) > 0 || ((await scroller.evaluate((el) => el.scrollTop)) > 200 && (await renderedSeqs(alice.page))[0] < oldest),
        { timeout: 15_000, interval: 50, what: 'a page of older history above the reading position' },
      );
      prepends++;
    }
    assert.ok(prepends >= 2, `history came in pages (${prepends})`);
    assertContiguous(await renderedSeqs(alice.page));
    console.log(`# seeded ${HISTORY} messages in ${seeded} ms; scrolled back through them in ${prepends} pages`);
  });

  test('search finds a message and jumps to it', async () => {
    const box = alice.page.getByLabel('Search messages');
    const hit = alice.page.getByTestId('search-hit').filter({ hasText: 'private hello' });
    await until(
      async () => {
        await box.fill('');
        await box.fill('private');
        await alice.page.getByTestId('search-results').getByRole('status').filter({ hasText: /result/ }).waitFor({ timeout: 5000 });
        return (await hit.count()) > 0;
      },
      { timeout: 60_000, interval: 1000, what: 'indexed search hit' },
    );
    assert.ok((await hit.locator('mark').count()) > 0, 'highlighted fragment');
    await hit.first().click();
    await until(async () => (await alice.page.getByTestId('room-title').innerText()) === BOB, { what: 'jump to DM' });
    await alice.page.locator('[data-testid=message].flash', { hasText: 'a private hello' }).waitFor();
  });

  test('phone width and dark mode stay usable', async () => {
    await alice.page.setViewportSize({ width: 390, height: 780 });
    await alice.page.emulateMedia({ colorScheme: 'dark' });
    await alice.page.getByTestId('room-title').waitFor();
    await screenshot(alice.page, 'phone-dark');
    await alice.page.getByRole('button', { name: 'Show conversations' }).click();
    await alice.page.getByTestId('room-general').click();
    await alice.page.setViewportSize({ width: 1100, height: 700 });
    await alice.page.emulateMedia({ colorScheme: 'light' });
  });

  test('an admin sees the analytics dashboard with data', async () => {
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
