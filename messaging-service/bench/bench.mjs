#!/usr/bin/env node
// Load benchmark for the chat stack: N real socket.io-client connections (through the gateway by
// default) join `general`; S of them send `sendMessage` at R msg/s each for D seconds. Measures
// deliveries/s, end-to-end latency (send -> newMessage on every socket), lost and duplicate
// deliveries, ack errors, and CPU% / RSS of the server processes found on the given ports.
// Bounded and self-stopping; refuses any target that is not on this machine's loopback.
import { execFileSync } from 'node:child_process';
import { randomBytes, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { Ledger } from './ledger.mjs';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.CHAT_URL ?? 'http://localhost:8080' },
    clients: { type: 'string', default: '200' },
    senders: { type: 'string', default: '20' },
    rate: { type: 'string', default: '10' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    drain: { type: 'string', default: '10' },
    room: { type: 'string', default: 'general' },
    ports: { type: 'string', default: '8080,8081,8091,8082,8083,6380,27018,9092,9200' },
    'mint-secret-file': { type: 'string' },
    'heap-ports': { type: 'string', default: '8081,8091' },
    json: { type: 'string' },
    // per second of sending: when, deliveries, p50 / p99 / max latency (CSV), to line up stalls
    // with other processes' logs
    timeline: { type: 'string' },
    // staggered: sender i sends at offset i/S of each 1/R period (an even stream of S*R msg/s);
    // aligned: every sender sends at the same instant (bursts of S messages, S*N deliveries).
    phase: { type: 'string', default: 'staggered' },
    help: { type: 'boolean', default: false },
  },
});

if (opt.help) {
  console.log(readFileSync(new URL('./README.md', import.meta.url), 'utf8'));
  process.exit(0);
}

const N = bounded('clients', 1, 5000);
const S = bounded('senders', 0, N);
const R = bounded('rate', 0, 5000);
const D = bounded('duration', 1, 600);
const WARMUP = bounded('warmup', 0, 120);
const DRAIN = bounded('drain', 1, 120);
if (!['staggered', 'aligned'].includes(opt.phase)) fail('--phase must be staggered or aligned');
const URL_ = new URL(opt.url);
if (!/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(URL_.hostname)) {
  fail(`refusing ${opt.url}: the benchmark only targets this machine's loopback`);
}
const RUN = `b${Date.now().toString(36).slice(-5)}${randomBytes(2).toString('hex')}`;

function bounded(name, min, max) {
  const value = Number(opt[name]);
  if (!Number.isFinite(value) || value < min || value > max) {
    fail(`--${name} must be a number in ${min}..${max}`);
  }
  return value;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const log = (message) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---------------------------------------------------------------- accounts

async function register(username) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await fetch(new URL('/api/auth/register', URL_), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'bench-password-123' }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 201) return body.token;
    if (response.status !== 429) {
      fail(`register ${username}: HTTP ${response.status} ${JSON.stringify(body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
  }
  fail('registration is rate limited: start the stack with AUTH_RATE_LIMIT_PER_MINUTE raised');
}

/** HS256 token signed with the stack's secret, as messaging-service issues them. */
function mint(secret, userId) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: userId, roles: [], iat: now, exp: now + 3600 })}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

async function tokens() {
  const names = Array.from({ length: N }, (_, i) => `${RUN}-${i}`);
  if (opt['mint-secret-file']) {
    const secret = readFileSync(opt['mint-secret-file'], 'utf8').trim();
    return names.map((name) => mint(secret, name));
  }
  const result = new Array(N);
  await pool(names, 8, async (name, i) => {
    result[i] = await register(name);
  });
  return result;
}

async function pool(items, concurrency, task) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i], i);
    }
  });
  await Promise.all(workers);
}

// ---------------------------------------------------------------- server processes

function listeningPids(wanted = new Set(opt.ports.split(',').map((port) => port.trim()).filter(Boolean))) {
  const pids = new Map(); // pid -> ports
  let output = '';
  try {
    output = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  } catch {
    log('ss is not available: no process sampling');
    return pids;
  }
  for (const line of output.split('\n')) {
    const port = line.match(/:(\d+)\s+\S+:\S+\s/)?.[1];
    const pid = line.match(/pid=(\d+)/)?.[1];
    if (port && pid && wanted.has(port)) {
      pids.set(pid, [...new Set([...(pids.get(pid) ?? []), port])]);
    }
  }
  return pids;
}

function readProc(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    const rssKb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    return { ticks, rssKb, name: processName(pid, stat) };
  } catch {
    return null;
  }
}

/** `-jar X.jar` -> X.jar; a JVM with a main class -> the class; otherwise the command name. */
function processName(pid, stat) {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const jar = args.indexOf('-jar');
  if (jar >= 0 && args[jar + 1]) return args[jar + 1].split('/').pop();
  const classpath = args.findIndex((arg) => arg === '-cp' || arg === '-classpath');
  const main = args.slice(classpath >= 0 ? classpath + 2 : 1).find((arg) => !arg.startsWith('-'));
  if (args[0]?.endsWith('java') && main) return main.split('.').slice(-2).join('.');
  return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
}

function startSampling() {
  const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const pids = listeningPids();
  const stats = new Map();
  for (const [pid, ports] of pids) {
    const first = readProc(pid);
    if (first) stats.set(pid, { ports, name: first.name, first, last: first, t0: performance.now(), maxRssKb: first.rssKb, peakCpu: 0 });
  }
  const self = { cpu0: process.cpuUsage(), t0: performance.now(), maxRssKb: 0 };
  let previous = new Map([...stats].map(([pid, s]) => [pid, { ticks: s.first.ticks, t: s.t0 }]));
  const timer = setInterval(() => {
    const now = performance.now();
    for (const [pid, s] of stats) {
      const sample = readProc(pid);
      if (!sample) continue;
      const before = previous.get(pid);
      s.peakCpu = Math.max(s.peakCpu, ((sample.ticks - before.ticks) / hz) / ((now - before.t) / 1000) * 100);
      previous.set(pid, { ticks: sample.ticks, t: now });
      s.last = sample;
      s.tLast = now;
      s.maxRssKb = Math.max(s.maxRssKb, sample.rssKb);
    }
    self.maxRssKb = Math.max(self.maxRssKb, Math.round(process.memoryUsage().rss / 1024));
  }, 1000);
  return () => {
    clearInterval(timer);
    const rows = [...stats].map(([pid, s]) => ({
      process: `${s.name} (${s.ports.join(',')})`,
      pid,
      avgCpu: s.tLast ? ((s.last.ticks - s.first.ticks) / hz) / ((s.tLast - s.t0) / 1000) * 100 : 0,
      peakCpu: s.peakCpu,
      maxRssMb: s.maxRssKb / 1024,
    }));
    const cpu = process.cpuUsage(self.cpu0);
    rows.push({
      process: 'bench (this node process)',
      pid: String(process.pid),
      avgCpu: ((cpu.user + cpu.system) / 1000) / (performance.now() - self.t0) * 100,
      peakCpu: NaN,
      maxRssMb: self.maxRssKb / 1024,
    });
    return rows;
  };
}

/**
 * Heap in use right after a full GC (jcmd GC.run, then jstat -gc: survivor + eden + old used) of
 * the JVMs on --heap-ports, taken while every client is still connected.
 */
function heapAfterGc() {
  const wanted = new Set(opt['heap-ports'].split(',').map((p) => p.trim()).filter(Boolean));
  const result = [];
  for (const [pid, ports] of listeningPids(wanted)) {
    try {
      execFileSync('jcmd', [pid, 'GC.run'], { encoding: 'utf8', timeout: 60_000 });
      const [header, values] = execFileSync('jstat', ['-gc', pid], { encoding: 'utf8', timeout: 60_000 })
        .trim().split('\n').map((line) => line.trim().split(/\s+/));
      const used = ['S0U', 'S1U', 'EU', 'OU'].reduce((sum, column) => sum + Number(values[header.indexOf(column)] ?? 0), 0);
      result.push({ process: ports.join(','), pid, heapAfterGcMb: used / 1024 });
    } catch (error) {
      log(`heap of ${pid}: ${error.message.split('\n')[0]}`);
    }
  }
  return result;
}

// ---------------------------------------------------------------- the run

function connect(token, index, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = io(URL_.origin, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
    });
    const timer = setTimeout(() => reject(new Error(`socket ${index}: connect timed out`)), 30_000);
    socket.once('connect', async () => {
      clearTimeout(timer);
      try {
        let joined;
        for (let attempt = 0; attempt < 5 && !joined?.ok; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, 500 * attempt));
          joined = await socket.timeout(30_000).emitWithAck('joinChat', {});
        }
        if (!joined?.ok) throw new Error(`joinChat: ${JSON.stringify(joined)}`);
        socket.on('newMessage', (payload) => onMessage(index, payload?.message ?? payload));
        resolve(socket);
      } catch (error) {
        reject(error);
      }
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(new Error(`socket ${index}: connect_error ${error.message}`));
    });
  });
}

const ledger = newLedger();

function newLedger() {
  try {
    return new Ledger(RUN, S, Math.ceil(R * (WARMUP + D)) + 2, N);
  } catch (e) {
    if (e instanceof RangeError) fail(e.message);
    throw e;
  }
}
const latencies = [];
const ackLatencies = [];
const ackErrors = new Map();
const disconnects = [];
let deliveries = 0;
let duplicates = 0;
let foreign = 0;
let firstDelivery = 0;
let lastDelivery = 0;

function onMessage(socketIndex, message) {
  const i = ledger.indexOf(message?.clientMsgId);
  if (i < 0) {
    foreign++; // another run's or another client's message
    return;
  }
  const now = performance.now();
  if (!ledger.received(i, socketIndex, message.id)) {
    duplicates++;
    return;
  }
  if (ledger.isWarm(i)) return;
  deliveries++;
  const t0 = ledger.sentAt[i];
  latencies.push(now - t0);
  if (opt.timeline) perSecond(t0).push(now - t0);
  firstDelivery ||= now;
  lastDelivery = now;
}

const timeline = new Map(); // epoch second of the send -> latencies (ms)

function perSecond(t0) {
  const second = Math.floor((performance.timeOrigin + t0) / 1000);
  let list = timeline.get(second);
  if (!list) timeline.set(second, (list = []));
  return list;
}

function writeTimeline(file) {
  const rows = ['second,deliveries,p50_ms,p99_ms,max_ms'];
  for (const [second, list] of [...timeline].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a - b);
    const f = (x) => x.toFixed(1);
    rows.push(
      `${new Date(second * 1000).toISOString()},${list.length},${f(percentile(list, 50))},${f(percentile(list, 99))},${f(list.at(-1))}`,
    );
  }
  writeFileSync(file, rows.join('\n') + '\n');
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  log(`run ${RUN}: ${N} clients, ${S} senders x ${R} msg/s, ${D} s (+${WARMUP} s warm-up) -> ${URL_.origin}`);
  const accessTokens = await tokens();
  log(`${N} tokens ready; connecting`);
  const sockets = new Array(N);
  await pool(accessTokens, 5, async (token, i) => {
    sockets[i] = await connect(token, i, onMessage);
    sockets[i].on('disconnect', (reason) => disconnects.push(`${i}: ${reason}`));
  });
  log(`${N} sockets connected and joined ${opt.room}`);

  const senders = sockets
    .slice(0, S)
    .map((socket, i) => ({ socket, i, count: 0, phase: opt.phase === 'staggered' ? i / S : 0 }));
  let stopSampling = null;
  const start = performance.now();
  const warmEnd = start + WARMUP * 1000;
  const end = warmEnd + D * 1000;
  let measuredSent = 0;
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (!stopSampling && now >= warmEnd) stopSampling = startSampling();
      if (now >= end) {
        clearInterval(tick);
        resolve();
        return;
      }
      for (const sender of senders) {
        const due = Math.floor(((now - start) / 1000) * R + sender.phase);
        while (sender.count < due) {
          const n = sender.count++;
          const warm = now < warmEnd;
          const i = ledger.sent(sender.i, n, performance.now(), warm);
          if (i < 0) break;
          const clientMsgId = ledger.clientMsgId(sender.i, n);
          if (!warm) measuredSent++;
          sender.socket.emit('sendMessage', { room: opt.room, content: `bench ${clientMsgId}`, clientMsgId }, (ack) => {
            const ok = ack?.ok === true;
            ledger.acked(i, ok);
            if (!warm) ackLatencies.push(performance.now() - ledger.sentAt[i]);
            if (!ok) {
              const code = ack?.error?.code ?? 'no_ack';
              ackErrors.set(code, (ackErrors.get(code) ?? 0) + 1);
            }
          });
        }
      }
    }, 2);
  });
  const sendSeconds = (performance.now() - warmEnd) / 1000;
  log(`sending stopped (${measuredSent} measured messages); draining up to ${DRAIN} s`);

  const drainEnd = performance.now() + DRAIN * 1000;
  while (performance.now() < drainEnd && !ledger.complete()) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const processes = stopSampling ? stopSampling() : [];
  const heap = heapAfterGc();
  for (const socket of sockets) socket.disconnect();

  const counts = ledger.summary();
  latencies.sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);
  const result = {
    run: RUN,
    target: URL_.origin,
    load: { clients: N, senders: S, ratePerSender: R, seconds: D, warmupSeconds: WARMUP, phase: opt.phase },
    sent: counts.sent,
    acked: counts.acked,
    unacked: counts.unacked,
    ackErrors: Object.fromEntries(ackErrors),
    storedMsgPerSec: counts.acked / sendSeconds,
    deliveries,
    deliveriesPerSec: deliveries / Math.max(sendSeconds, (lastDelivery - firstDelivery) / 1000),
    expectedDeliveries: counts.expected,
    lostDeliveries: counts.expected - counts.received,
    duplicateDeliveries: duplicates,
    storedTwice: counts.storedTwice,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
    },
    ackLatencyMs: { p50: percentile(ackLatencies, 50), p99: percentile(ackLatencies, 99) },
    unexpectedDisconnects: disconnects.filter((d) => !d.endsWith('io client disconnect')),
    foreignMessages: foreign,
    processes,
    heap,
  };
  print(result);
  if (opt.json) writeFileSync(opt.json, JSON.stringify(result, null, 2));
  if (opt.timeline) writeTimeline(opt.timeline);
  if (ackErrors.has('rate_limited')) {
    log('some sends were rate_limited: start the stack with MESSAGE_RATE_LIMIT_PER_SECOND above --rate');
  }
  const clean = result.lostDeliveries === 0 && result.duplicateDeliveries === 0 && result.storedTwice === 0;
  process.exit(clean && result.unacked === 0 ? 0 : 1);
}

function print(r) {
  const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const rows = [
    ['load (clients x senders x msg/s)', `${r.load.clients} x ${r.load.senders} x ${r.load.ratePerSender} for ${r.load.seconds} s, ${r.load.phase}`],
    ['messages sent / acked ok / no ack', `${r.sent} / ${r.acked} / ${r.unacked}`],
    ['ack errors', Object.keys(r.ackErrors).length ? JSON.stringify(r.ackErrors) : 'none'],
    ['stored msg/s', f(r.storedMsgPerSec)],
    ['deliveries (newMessage)', `${r.deliveries} (acked messages x clients: ${r.expectedDeliveries})`],
    ['deliveries/s', f(r.deliveriesPerSec, 0)],
    ['latency p50 / p95 / p99 / max (ms)', `${f(r.latencyMs.p50)} / ${f(r.latencyMs.p95)} / ${f(r.latencyMs.p99)} / ${f(r.latencyMs.max)}`],
    ['ack latency p50 / p99 (ms)', `${f(r.ackLatencyMs.p50)} / ${f(r.ackLatencyMs.p99)}`],
    ['lost / duplicate deliveries', `${r.lostDeliveries} / ${r.duplicateDeliveries}`],
    ['messages stored twice', String(r.storedTwice)],
    ['unexpected disconnects', String(r.unexpectedDisconnects.length)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nbench ${r.run} -> ${r.target}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  if (r.processes.length) {
    console.log('\n  process                                        avg CPU%  peak CPU%  max RSS MB');
    for (const p of r.processes) {
      console.log(`  ${p.process.slice(0, 45).padEnd(45)}  ${f(p.avgCpu).padStart(8)}  ${f(p.peakCpu).padStart(9)}  ${f(p.maxRssMb, 0).padStart(10)}`);
    }
  }
  for (const h of r.heap ?? []) {
    console.log(`  heap after GC, JVM on :${h.process} (${r.load.clients} clients connected): ${f(h.heapAfterGcMb)} MB`);
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exit(2);
});
