// Where the suites point and how long they wait. Every wait in the suites is bounded by these.

/** Base URL of the stack under test: the gateway by default. */
export const CHAT_URL = (process.env.CHAT_URL ?? 'http://localhost:8080').replace(/\/+$/, '');

/** WebSocket form of CHAT_URL. */
export const CHAT_WS_URL = CHAT_URL.replace(/^http/, 'ws');

/** Upper bound for one awaited condition (an ack, an event, a connect). */
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 10_000);

/** A password that satisfies the account rules; suites never need a secret one. */
export const PASSWORD = 'e2e-password-123';
