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
