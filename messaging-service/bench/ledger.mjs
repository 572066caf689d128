// What the benchmark knows about every message it sent, in arrays allocated once for the whole
// run. The first version kept an object, a Set and a Uint8Array per message: at 3,000 messages a
// second its live heap grew to ~260 MB of objects that every young collection of V8 had to copy,
// with pauses of up to 58 ms (`node --trace-gc`) added to the latency of every delivery that
// arrived meanwhile. Now a message costs a few bytes in typed arrays and nothing to collect.

const CREATED = 1;
const WARM = 2;
const ACKED = 4;
const OK = 8;
const STORED_TWICE = 16;

/** Largest bookkeeping a run may allocate (bytes); past it the run is refused before it starts. */
export const MAX_BYTES = 1 << 30;

export class Ledger {
  /**
   * @param {string} run prefix of this run's clientMsgIds
   * @param {number} senders
   * @param {number} perSender most messages one sender sends in the run
   * @param {number} clients sockets that each should receive every message once
   */
  constructor(run, senders, perSender, clients) {
    const count = senders * perSender;
    const bytes = count * (8 + 1 + 2 + 4 + clients);
    if (bytes > MAX_BYTES) {
      throw new RangeError(
        `${senders} senders x ${perSender} messages x ${clients} clients needs ${Math.ceil(bytes / 2 ** 20)} MB of bookkeeping: shorten the run or lower the rate`,
      );
    }
    this.prefix = `${run}-`;
    this.perSender = perSender;
    this.clients = clients;
    this.sentAt = new Float64Array(count);
    this.flags = new Uint8Array(count);
    this.receivedBy = new Uint16Array(count);
    this.idHash = new Uint32Array(count);
    this.seen = new Uint8Array(count * clients);
  }

  /** The clientMsgId of message {@code n} of sender {@code sender}. */
  clientMsgId(sender, n) {
    return `${this.prefix}${sender}-${n}`;
  }

  /** Records a send; returns its index, or -1 when the sender already sent all it may. */
  sent(sender, n, at, warm) {
    if (n >= this.perSender) return -1;
    const i = sender * this.perSender + n;
    this.sentAt[i] = at;
    this.flags[i] = CREATED | (warm ? WARM : 0);
    return i;
  }

  /** The index of a clientMsgId of this run that was sent, or -1. */
  indexOf(clientMsgId) {
    if (typeof clientMsgId !== 'string' || !clientMsgId.startsWith(this.prefix)) return -1;
    const dash = clientMsgId.indexOf('-', this.prefix.length);
    if (dash < 0) return -1;
    const sender = Number(clientMsgId.slice(this.prefix.length, dash));
    const n = Number(clientMsgId.slice(dash + 1));
    if (!Number.isInteger(sender) || !Number.isInteger(n) || n < 0 || n >= this.perSender) return -1;
    const i = sender * this.perSender + n;
    return i >= 0 && i < this.flags.length && this.flags[i] & CREATED ? i : -1;
  }

  acked(i, ok) {
    this.flags[i] |= ACKED | (ok ? OK : 0);
  }

  /**
   * Records that socket {@code client} received message {@code i} with stored id {@code id};
   * returns false for a duplicate delivery. A different id than an earlier delivery had marks the
   * message stored twice.
   */
  received(i, client, id) {
    const hash = (fnv1a(String(id)) | 1) >>> 0; // never 0, which means "no delivery yet"
    const known = this.idHash[i];
    if (known === 0) this.idHash[i] = hash;
    else if (known !== hash) this.flags[i] |= STORED_TWICE;
    const slot = i * this.clients + client;
    if (this.seen[slot]) return false;
    this.seen[slot] = 1;
    this.receivedBy[i]++;
    return true;
  }

  isWarm(i) {
    return (this.flags[i] & WARM) !== 0;
  }

  /** True when every measured message is answered and, if stored, reached every client. */
  complete() {
    for (let i = 0; i < this.flags.length; i++) {
      const f = this.flags[i];
      if (!(f & CREATED) || f & WARM) continue;
      if (!(f & ACKED)) return false;
      if (f & OK && this.receivedBy[i] < this.clients) return false;
    }
    return true;
  }

  /** Counts over the measured (not warm-up) messages. */
  summary() {
    let sent = 0;
    let acked = 0;
    let unacked = 0;
    let received = 0;
    let storedTwice = 0;
    for (let i = 0; i < this.flags.length; i++) {
      const f = this.flags[i];
      if (!(f & CREATED) || f & WARM) continue;
      sent++;
      if (!(f & ACKED)) unacked++;
      if (f & OK) {
        acked++;
        received += this.receivedBy[i];
      }
      if (f & STORED_TWICE) storedTwice++;
    }
    return { sent, acked, unacked, expected: acked * this.clients, received, storedTwice };
  }
}

/** 32-bit FNV-1a of the string's UTF-16 code units. */
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
