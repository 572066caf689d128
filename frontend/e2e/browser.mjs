// Browser helpers for the e2e scenarios: Debian's Chromium driven by playwright-core (no
// browser download), and the user actions the scenarios repeat.
import { chromium } from 'playwright-core';

export const CHAT_URL = process.env.CHAT_URL ?? 'http://localhost:8080';
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
export const SHOTS = new URL('./screenshots/', import.meta.url);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Debian's Chromium. playwright-core gives every launch() a fresh temporary
 * user-data-dir of its own (and refuses a --user-data-dir flag there), removed on close; each
 * simulated person gets an isolated browser context in it (own cookies and storage).
 */
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  });
  return browser;
}

export async function newPerson(browser) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 }, colorScheme: 'light' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname });
}

/** Opens the app and registers `name`; falls back to signing in when the name exists. */
export async function register(page, name, password) {
  await page.goto(CHAT_URL);
  await page.getByRole('tab', { name: 'Create account' }).click();
  await fillCredentials(page, name, password);
  const outcome = await Promise.race([
    page.getByTestId('me').waitFor().then(() => 'in'),
    page.getByRole('alert').waitFor().then(() => 'alert'),
  ]);
  if (outcome === 'alert') {
    const text = await page.getByRole('alert').innerText();
    if (!/taken/i.test(text)) throw new Error(`registration of ${name} failed: ${text}`);
    await signIn(page, name, password);
  }
  await connected(page);
}

export async function signIn(page, name, password) {
  if (!page.url().startsWith(CHAT_URL)) await page.goto(CHAT_URL);
  await page.getByRole('tab', { name: 'Sign in' }).click();
  await fillCredentials(page, name, password);
  await page.getByTestId('me').waitFor();
  await connected(page);
}

export async function fillCredentials(page, name, password) {
  await page.locator('#username').fill(name);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
}

/** Waits until the socket has joined (no connection banner). */
export async function connected(page, timeout = TIMEOUT) {
  await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout });
}

export async function send(page, text) {
  const box = page.locator('#composer');
  await box.fill(text);
  await box.press('Enter');
}

/** The confirmed (sent) message bubble containing `text`. */
export const message = (page, text) => page.locator('[data-testid=message][data-status=sent]', { hasText: text });

/** seq numbers of the rendered messages of the open room, top to bottom. */
export async function renderedSeqs(page) {
  return page.$$eval('[data-testid=message][data-status=sent]', (els) => els.map((e) => Number(e.dataset.seq)));
}

export async function until(fn, { timeout = TIMEOUT, interval = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/**
 * Reads the open conversation by scrolling it from the bottom up (the list is virtualized, so
 * only what is on screen is in the DOM), until `enough(messages)` or the top. Checks on the way
 * that no seq is rendered twice. Returns [{ seq, text }] sorted by seq.
 */
export async function readConversation(page, enough = () => false) {
  const scroller = page.getByTestId('virtuoso-scroller');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await new Promise((r) => setTimeout(r, 300));
  const seen = new Map();
  for (let pass = 0; pass < 2000; pass++) {
    await new Promise((r) => setTimeout(r, 120));
    const rendered = await page.$$eval('[data-testid=message][data-status=sent]', (els) =>
      els.map((e) => ({ seq: Number(e.dataset.seq), text: e.innerText })),
    );
    const seqs = rendered.map((m) => m.seq);
    if (new Set(seqs).size !== seqs.length) throw new Error(`a message is rendered twice: ${seqs.join(',')}`);
    for (const m of rendered) seen.set(m.seq, m.text);
    const messages = [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([seq, text]) => ({ seq, text }));
    if (enough(messages)) return messages;
    const height = await scroller.evaluate((el) => el.clientHeight);
    await wheel(page, -height * 0.7);
    const top = await scroller.evaluate((el) => el.scrollTop);
    if (top === 0 && pass > 0 && (await page.getByText('This is the beginning of the conversation.').count()) > 0) {
      await new Promise((r) => setTimeout(r, 200));
      const last = await page.$$eval('[data-testid=message][data-status=sent]', (els) => els.map((e) => ({ seq: Number(e.dataset.seq), text: e.innerText })));
      for (const m of last) seen.set(m.seq, m.text);
      return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([seq, text]) => ({ seq, text }));
    }
  }
  throw new Error('conversation too long to read');
}

/** Counts how often the page shows the "reconnecting" banner from now on. */
export async function countReconnects(page) {
  await page.evaluate(() => {
    window.__reconnects = 0;
    let shown = false;
    new MutationObserver(() => {
      const now = !!document.querySelector('[data-testid=connection-banner][data-status=reconnecting]');
      if (now && !shown) window.__reconnects++;
      shown = now;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  return () => page.evaluate(() => window.__reconnects);
}

/** Scrolls the message list as a user does: the mouse wheel over it. */
export async function wheel(page, deltaY) {
  const box = await page.getByTestId('virtuoso-scroller').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, deltaY);
}

/**
 * Wheels up until the list is at its top or {@code stop()} holds. Without a stop, a fast server
 * keeps prepending pages while the wheel turns and the gesture runs on through all of them.
 */
export async function wheelToTop(page, stop = async () => false) {
  const scroller = page.getByTestId('virtuoso-scroller');
  for (let i = 0; i < 50 && (await scroller.evaluate((el) => el.scrollTop)) > 0 && !(await stop()); i++) {
    await wheel(page, -5000);
    await new Promise((r) => setTimeout(r, 50));
  }
}
