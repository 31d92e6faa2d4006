// Runs the workload against one server (Herald or the socket.io peer) and writes its measurements as JSON.
//   node load/bench.js --name herald --url http://127.0.0.1:8580 --pid <server pid> --kind jvm|node --out results/herald.json
// Scenarios (all bounded in time; durations in seconds can be changed with the env variables shown):
//   warm-up  1,000 clients (own key + shared `all`), broadcast for 4 x BENCH_WARM_SECS and unicast (JIT; S4 warms itself)
//   S3  broadcast to `all`: deliveries/s and server CPU-s per 100k deliveries          (BENCH_S3_SECS, 10)
//   S3s the same with 10 extra stalled clients registered to `all`                    (same duration)
//   S2  unicast latency, HTTP emit sent -> client received, at 1,000 emits/s           (BENCH_S2_SECS, 15)
//   S4  most HTTP emits/s with 64 requests in flight (wrk: 2 threads, 64 keep-alive)  (BENCH_S4_SECS, 10)
//   S1  memory per idle connection with BENCH_IDLE (10,000) clients in 4 processes
//   S1b BENCH_BIG idle connections held (run.sh: 50,000, or what the open-files limit allows), for the 50k-in-1-GB target
//   S1c (--mode hold) BENCH_BIG idle connections in the smaller heap run.sh started the server with
//   S2p (--mode pair, --url2/--pid2/--name2: the other server) S2 against both servers, in alternating windows
//       (BENCH_PAIR_ROUNDS, 20, of BENCH_PAIR_SECS, 4, per server)
//   --mode idle, broadcast or flood: S1, S3 or S4 alone (run.sh ONLY=s1, s3 or s4); S3 and S4 report the server's
//       user and system CPU apart, and BENCH_HISTO=1 writes the JVM's class histograms around S1
'use strict';
const { fork, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (v.startsWith('--') ? a.concat([[v.slice(2), all[i + 1]]]) : a), []));
const NAME = args.name, URL_ = args.url, PID = Number(args.pid), KIND = args.kind, OUT = args.out;
const CLIENTS = Number(process.env.BENCH_CLIENTS || 1000);
const IDLE = Number(process.env.BENCH_IDLE || 10000);
const BIG = Number(process.env.BENCH_BIG || 0);
const S2_SECS = Number(process.env.BENCH_S2_SECS || 15);
const S3_SECS = Number(process.env.BENCH_S3_SECS || 10);
const S4_SECS = Number(process.env.BENCH_S4_SECS || 10);
const WARM_SECS = Number(process.env.BENCH_WARM_SECS || 4);
const PAD = 'x'.repeat(110);      // makes each delivered frame about 170 bytes, like the numbers in the notes
const CLK_TCK = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const log = (...a) => console.log(`[${NAME} ${new Date().toISOString().slice(11, 19)}]`, ...a);
const results = { name: NAME, kind: KIND, clients: CLIENTS };

// ---- server-side measurements ------------------------------------------------------------------------------
function cpuTimes(pid = PID) {                // utime and stime of the whole server process, seconds
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(f[11]) / CLK_TCK, sys: Number(f[12]) / CLK_TCK };   // fields 14 and 15 of stat(5)
}
function cpuSeconds(pid = PID) {
  const t = cpuTimes(pid);
  return t.user + t.sys;
}
// The machine's CPU time so far (all cores, ticks) and the part of it the hypervisor gave to others (steal): a run
// with much steal measured a slower machine than one without.
function machineTicks() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: f.slice(0, 8).reduce((a, v) => a + v, 0), steal: f[7] || 0 };
}
const stealPercentSince = (t0) => { const t1 = machineTicks(); return +((t1.steal - t0.steal) / Math.max(1, t1.total - t0.total) * 100).toFixed(1); };
function rssKiB() {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${PID}/status`, 'utf8'))[1]);
}
function threads() {
  return Number(/Threads:\s+(\d+)/.exec(fs.readFileSync(`/proc/${PID}/status`, 'utf8'))[1]);
}
// Heap retained after a full GC, KiB: jcmd for the JVM, the peer's /__mem (global.gc()) for Node.
async function heapAfterGcKiB() {
  if (KIND === 'jvm') {
    execFileSync('jcmd', [String(PID), 'GC.run'], { stdio: 'ignore' });
    execFileSync('jcmd', [String(PID), 'GC.run'], { stdio: 'ignore' });
    const info = execFileSync('jcmd', [String(PID), 'GC.heap_info'], { encoding: 'utf8' });
    return Number(/used (\d+)K/.exec(info)[1]);
  }
  const mem = JSON.parse(await get('/__mem'));
  return Math.round((mem.heapUsed + mem.external) / 1024);
}
// BENCH_HISTO=1: the JVM's live objects by class (jmap -histo:live) before and after S1's connections, to see
// what a connection keeps: results/histo-<name>-<prefix>-before.txt and -after.txt.
function histogram(label) {
  if (!process.env.BENCH_HISTO || KIND !== 'jvm') return;
  const out = path.join(path.dirname(OUT), `histo-${NAME}-${label}.txt`);
  fs.writeFileSync(out, execFileSync('jmap', ['-histo:live', String(PID)], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}
async function memory() {
  const heap = await heapAfterGcKiB();
  await sleep(500);
  return { rssKiB: rssKiB(), heapKiB: heap, threads: threads() };
}

// ---- HTTP (keep-alive) --------------------------------------------------------------------------------------
// A lean HTTP/1.1 client: up to 64 kept-alive connections per server, one request at a time on each, the
// request written as one string and the answer read by its Content-Length (or chunks). With Node's
// http.Agent this process was the busiest on the machine during S2p: 13.1 s of CPU in 90 s (perf sched), 7.2 s
// with this client. On 2 shared cores the load generator's CPU is latency for whichever server is measured:
// less of it, less noise in S2's tail, for both servers alike.
const pools = new Map();   // 'host:port' -> { idle: [conn], open: n, waiting: [fn] }
function pool(to) {
  const key = `${to.hostname}:${to.port}`;
  if (!pools.has(key)) pools.set(key, { host: to.hostname, port: Number(to.port), key, idle: [], open: 0, waiting: [] });
  return pools.get(key);
}
function connection(p) {
  if (p.idle.length) return Promise.resolve(p.idle.pop());
  if (p.open >= 64) return new Promise((resolve) => p.waiting.push(resolve));
  p.open++;
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: p.host, port: p.port });
    const c = { sock, buf: '', pending: null, up: false, dead: false };
    sock.setNoDelay(true);
    sock.setEncoding('latin1');
    sock.on('data', (d) => { c.buf += d; answered(c); });
    sock.on('connect', () => { c.up = true; resolve(c); });
    // error and close both come when a connection fails: it is given up once, its request fails, and a request
    // waiting for a connection gets a new one
    const down = (e) => {
      if (c.dead) return;
      c.dead = true;
      p.open--;
      p.idle = p.idle.filter((x) => x !== c);
      if (!c.up) reject(e);
      if (c.pending) c.pending.reject(e);
      c.pending = null;
      const next = p.waiting.shift();
      if (next) connection(p).then(next, () => p.waiting.unshift(next));
    };
    sock.on('error', down);
    sock.on('close', () => down(new Error('connection closed')));
  });
}
// Completes the request in flight on c once its whole answer is in c.buf (by Content-Length, or chunked).
function answered(c) {
  const end = c.buf.indexOf('\r\n\r\n');
  if (end < 0 || !c.pending) return;
  const head = c.buf.slice(0, end);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  let body, total;
  if (length) {
    total = end + 4 + Number(length[1]);
    if (c.buf.length < total) return;
    body = c.buf.slice(end + 4, total);
  } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    body = '';
    for (let at = end + 4; ;) {
      const eol = c.buf.indexOf('\r\n', at);
      if (eol < 0) return;
      const size = parseInt(c.buf.slice(at, eol), 16);
      if (c.buf.length < eol + 2 + size + 2) return;
      if (size === 0) { total = eol + 4; break; }
      body += c.buf.slice(eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  } else {
    c.pending.reject(new Error('answer without a length: ' + head));
    c.pending = null;
    c.sock.destroy();
    return;
  }
  const { resolve, p } = c.pending;
  c.buf = c.buf.slice(total);
  c.pending = null;
  const next = p.waiting.shift();
  if (next) next(c); else p.idle.push(c);
  resolve(Buffer.from(body, 'latin1').toString('utf8'));
}
async function get(path, to = base) {
  const p = pool(to);
  const c = await connection(p);
  return new Promise((resolve, reject) => {
    c.pending = { resolve, reject, p };
    c.sock.write(`GET ${path} HTTP/1.1\r\nHost: ${p.key}\r\n\r\n`, 'latin1');
  });
}
// A POST on the same keep-alive connections; `headers` is an object of extra header lines.
async function post(path, body, headers, to = base) {
  const p = pool(to);
  const c = await connection(p);
  const bytes = Buffer.from(body, 'utf8');
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return new Promise((resolve, reject) => {
    c.pending = { resolve, reject, p };
    c.sock.write(`POST ${path} HTTP/1.1\r\nHost: ${p.key}\r\nContent-Type: application/json\r\n`
      + `Content-Length: ${bytes.length}\r\n${extra}\r\n` + bytes.toString('latin1'), 'latin1');
  });
}
const base = new URL(URL_);

// ---- client workers --------------------------------------------------------------------------------------------
const workers = [];
function spawnWorker() {
  const w = fork(path.join(__dirname, 'clients.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  w.counts = { b: 0, h: 0, u: 0 };
  w.on('message', (m) => { if (m.type === 'count') w.counts = m; if (w.waiting && w.waiting.type === m.type) { const r = w.waiting.resolve; w.waiting = null; r(m); } });
  workers.push(w);
  return w;
}
function ask(w, msg, type) {
  return new Promise((resolve) => { w.waiting = { type, resolve }; w.send(msg); });
}
async function connect(group, prefix, start, per, extraKeys, url = URL_) {
  const t0 = Date.now();
  const answers = await Promise.all(group.map((w, i) => ask(w, { cmd: 'connect', url, prefix, start: start + i * per, count: per, extraKeys, concurrency: 50 }, 'connected')));
  const ok = answers.reduce((s, a) => s + a.ok, 0), failed = answers.reduce((s, a) => s + a.failed, 0);
  log(`connected ${ok} clients (${failed} failed) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { ok, failed, secs: (Date.now() - t0) / 1000 };
}
async function closeGroup(group) {
  await Promise.all(group.map((w) => ask(w, { cmd: 'close' }, 'closed')));
  for (const w of group) { w.kill(); workers.splice(workers.indexOf(w), 1); }
}
const total = (group, k) => group.reduce((s, w) => s + w.counts[k], 0);

// ---- S3: broadcast with a window of outstanding broadcasts -----------------------------------------------------
async function broadcast(group, receivers, secs, emitPath = '/emit?id=all&message=b') {
  const WINDOW = 20;        // broadcasts sent but not yet received by every (non-stalled) client
  const INFLIGHT = 4;       // HTTP emits in flight
  let sent = 0, inflight = 0, errors = 0, stop = false;
  const delivered0 = total(group, 'b');
  const pump = () => {
    while (!stop && inflight < INFLIGHT && sent - (total(group, 'b') - delivered0) / receivers < WINDOW) {
      sent++; inflight++;
      get(`${emitPath}&seq=${sent}&pad=${PAD}`).then((b) => { if (b !== 'OK') errors++; }, () => errors++)
        .finally(() => { inflight--; pump(); });
    }
  };
  const ticker = setInterval(pump, 2);
  pump();
  await sleep(WARM_SECS * 500);                     // let it reach a steady state before measuring
  const c0 = cpuTimes(), d0 = total(group, 'b'), t0 = nowMs();
  await sleep(secs * 1000);
  const c1 = cpuTimes(), d1 = total(group, 'b'), t1 = nowMs();
  stop = true;
  clearInterval(ticker);
  const drainUntil = Date.now() + 10000;
  while (Date.now() < drainUntil && (inflight > 0 || total(group, 'b') - delivered0 < sent * receivers)) await sleep(50);
  const lost = sent * receivers - (total(group, 'b') - delivered0);
  const deliveries = d1 - d0;
  return { deliveriesPerSec: Math.round(deliveries / ((t1 - t0) / 1000)), ...cpuPer100k(c0, c1, deliveries, 3),
    deliveries, broadcasts: sent, httpErrors: errors, notDeliveredAfterDrain: lost };
}

// Server CPU between two cpuTimes() readings, per 100k of `count` operations: all, user and system (the kernel's
// share: system calls, and on loopback the TCP receive path too).
function cpuPer100k(c0, c1, count, digits) {
  const user = c1.user - c0.user, sys = c1.sys - c0.sys, per = (v) => +(v / count * 1e5).toFixed(digits);
  return { cpuPer100k: per(user + sys), userPer100k: per(user), sysPer100k: per(sys), cpuSecs: +(user + sys).toFixed(2) };
}

// ---- S2: unicast latency at a fixed rate -------------------------------------------------------------------
// One window: `rate` emits/s to random clients of `group` for warmSecs (not measured) and then secs; returns the
// latencies (ms) of the measured emits and the server's CPU-seconds meanwhile. `to` is the server: {url, pid}.
async function unicastWindow(group, rate, secs, to = { url: base, pid: PID }, warmSecs = WARM_SECS) {
  let sent = 0, errors = 0, measuredSent = 0;
  const start = nowMs(), warmEnd = start + warmSecs * 1000, end = warmEnd + secs * 1000;
  const c0 = { v: 0 };
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = nowMs();
      if (now >= end) { clearInterval(timer); resolve(); return; }
      if (!c0.v && now >= warmEnd) c0.v = cpuSeconds(to.pid);
      const due = Math.floor((now - start) * rate / 1000);
      while (sent < due) {
        sent++;
        const measured = now >= warmEnd ? 1 : 0;
        if (measured) measuredSent++;
        const key = 'u' + Math.floor(Math.random() * CLIENTS);
        get(`/emit?id=${key}&message=u&m=${measured}&t=${nowMs().toFixed(4)}&pad=${PAD}`, to.url).then((b) => { if (b !== 'OK') errors++; }, () => errors++);
      }
    }, 1);
  });
  const cpu = cpuSeconds(to.pid) - c0.v;
  await sleep(1000);                                // the last emits' deliveries (milliseconds, at this rate)
  const lat = [], slow = [];
  for (const w of group) {
    const answer = await ask(w, { cmd: 'latencies' }, 'latencies');
    lat.push(...answer.values);
    slow.push(...(answer.slow || []));
  }
  return { lat, cpu, sent: measuredSent, errors, slow };
}
function latencySummary(lat, extra = {}) {
  lat.sort((a, b) => a - b);
  const q = (p) => +lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(3);
  return { ...extra, received: lat.length, p50ms: q(0.5), p90ms: q(0.9), p99ms: q(0.99), p999ms: q(0.999), maxMs: +lat[lat.length - 1].toFixed(3) };
}
async function unicast(group, rate, secs) {
  const w = await unicastWindow(group, rate, secs);
  return latencySummary(w.lat, { rate, measuredSecs: secs, sent: w.sent, httpErrors: w.errors, cpuPer100k: +(w.cpu / w.lat.length * 1e5).toFixed(3) });
}

// ---- S4: HTTP emit flood ---------------------------------------------------------------------------------------
// wrk (C, 2 threads, 64 keep-alive connections) sends the emits: a Node HTTP client would spend more of the two
// shared cores than either server and so measure itself. Every emit goes to one connected client (keys rotate).
function wrk(secs) {
  return new Promise((resolve, reject) => {
    const child = require('child_process').execFile('wrk', ['-t2', '-c64', `-d${secs}s`, '--latency', '-s', path.join(__dirname, 'rotate.lua'),
      URL_, '--', String(CLIENTS), PAD], { encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.on('error', reject);
  });
}
function wrkCount(out) {
  const m = /(\d+) requests in ([\d.]+)(m?s)/.exec(out);
  const bad = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return { requests: Number(m[1]), non2xx: bad ? Number(bad[1]) : 0,
    socketErrors: errors ? errors.slice(1).reduce((a, v) => a + Number(v), 0) : 0 };
}
async function flood(group, secs) {
  await wrk(WARM_SECS);                                  // warm: JIT and keep-alive connections
  await sleep(1000);
  const c0 = cpuTimes(), t0 = nowMs(), h0 = total(group, 'h');
  const out = await wrk(secs);
  const c1 = cpuTimes(), t1 = nowMs();
  await sleep(2000);                                     // let the last deliveries arrive
  const r = wrkCount(out), h1 = total(group, 'h');
  const emits = r.requests - r.non2xx;
  const { cpuPer100k: cpu, userPer100k, sysPer100k } = cpuPer100k(c0, c1, emits, 2);
  return { emitsPerSec: Math.round(emits / secs), cpuPer100k: cpu, userPer100k, sysPer100k,
    errors: r.non2xx + r.socketErrors, delivered: h1 - h0, deliveredPerSec: Math.round((h1 - h0) / ((t1 - t0) / 1000)),
    p99ms: /99%\s+([\d.]+)(us|ms|s)/.exec(out) ? wrkMs(/99%\s+([\d.]+)(us|ms|s)/.exec(out)) : null };
}
const wrkMs = (m) => +(Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 })[m[2]]).toFixed(3);

// ---- S1: idle connections --------------------------------------------------------------------------------------
async function idle(n, procs, prefix, rawPath) {
  const before = await memory();
  histogram(`${prefix}-before`);
  const group = Array.from({ length: procs }, spawnWorker);
  const c = rawPath ? await connectRaw(group, Math.ceil(n / procs), rawPath) : await connect(group, prefix, 0, Math.ceil(n / procs), []);
  await sleep(5000);                                 // let handshakes, registrations and the first pings settle
  const after = await memory();
  histogram(`${prefix}-after`);
  const cpuIdle0 = cpuSeconds(); await sleep(5000); const cpuIdle = cpuSeconds() - cpuIdle0;
  await closeGroup(group);
  return { n: c.ok, failed: c.failed, connectSecs: +c.secs.toFixed(1), before, after,
    rssPerConnKiB: +((after.rssKiB - before.rssKiB) / c.ok).toFixed(2), heapPerConnKiB: +((after.heapKiB - before.heapKiB) / c.ok).toFixed(2),
    // The memory a connection costs: Node's RSS growth; the JVM's heap kept after a full GC plus its RSS growth
    // outside the (pre-touched, fixed) heap.
    memPerConnKiB: +((KIND === 'jvm' ? (after.heapKiB - before.heapKiB) + Math.max(0, after.rssKiB - before.rssKiB) : after.rssKiB - before.rssKiB) / c.ok).toFixed(2),
    idleCpuPercent: +(cpuIdle / 5 * 100).toFixed(1) };
}

// Plain WebSockets to the bare app (JSR-356 at /ceiling/ws, Undertow's own API at /ceiling/native), `per` from
// each worker of the group.
async function connectRaw(group, per, wsPath = '/ceiling/ws') {
  const wsUrl = URL_.replace(/^http/, 'ws') + wsPath;
  const t0 = Date.now();
  const answers = await Promise.all(group.map((w) => ask(w, { cmd: 'connect-raw', url: wsUrl, count: per, concurrency: 50 }, 'connected')));
  const ok = answers.reduce((s, a) => s + a.ok, 0), failed = answers.reduce((s, a) => s + a.failed, 0);
  log(`connected ${ok} plain WebSockets (${failed} failed) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { ok, failed, secs: (Date.now() - t0) / 1000 };
}

// Every mode gives up after its time limit, and ends by writing its results.
const giveUpAfter = (secs) => setTimeout(() => { log('time limit reached, giving up'); cleanup(); process.exit(2); }, secs * 1000);
function finish(deadline) {
  clearTimeout(deadline);
  fs.writeFileSync(OUT, JSON.stringify(results, null, 2));
  log('wrote', OUT);
}

// The ceiling: the same broadcast to CLIENTS plain WebSockets of a bare JSR-356 app on the same server, then the
// memory of IDLE idle ones (what the container itself keeps per WebSocket).
async function ceiling() {
  const deadline = giveUpAfter(300);
  const group = Array.from({ length: 4 }, spawnWorker);
  const { ok } = await connectRaw(group, CLIENTS / 4);
  if (ok < CLIENTS) throw new Error(`only ${ok} of ${CLIENTS} connected`);
  await broadcast(group, CLIENTS, WARM_SECS, '/ceiling/emit?x=1');
  results.s3 = await broadcast(group, CLIENTS, S3_SECS, '/ceiling/emit?x=1');
  log(JSON.stringify(results.s3));
  await closeGroup(group);
  await sleep(3000);
  log(`S1 ${IDLE} idle plain WebSockets (JSR-356)`); results.s1 = await idle(IDLE, 4, 'i', '/ceiling/ws'); log(JSON.stringify(results.s1));
  await sleep(3000);
  log(`S1 ${IDLE} idle plain WebSockets (Undertow's own API)`); results.s1native = await idle(IDLE, 4, 'i', '/ceiling/native'); log(JSON.stringify(results.s1native));
  finish(deadline);
}

// S1c: BIG idle connections in the heap run.sh gave the server (--heap), then whether it is still answering and
// never ran out of memory (its console log, --log).
async function hold() {
  const deadline = giveUpAfter(300);
  results.heap = args.heap;
  log(`S1c ${BIG} idle connections in a ${args.heap} heap`);
  results.s1big = await idle(BIG, Math.ceil(BIG / 2500), 'big');
  results.answering = (await get('/emit?id=nobody&message=ping')) === 'OK';
  results.outOfMemory = /OutOfMemoryError/.test(fs.readFileSync(args.log, 'utf8'));
  log(JSON.stringify({ ...results.s1big, answering: results.answering, outOfMemory: results.outOfMemory }));
  finish(deadline);
}

// S2p (--mode pair): S2 against both servers at once (--url/--pid: Herald; --url2/--pid2: the peer), in
// alternating windows, A B B A A B ..., each with 1,000 clients of its own. Run minutes apart, the two S2 runs
// above see a machine whose speed drifts (±15-30% here), and a p99 of about 1 ms moves with it; windows of a few
// seconds, taken in turn, give both servers the same machine. The latencies of all windows are pooled per server.
// Why 20 rounds: one window's p99 moves between about 0.5 and 3.7 ms for either server as the machine's other
// work comes and goes (perf sched during S2p: the rarest waits for a core, p99.9, were about 3 ms for the client
// processes and 1.2 to 1.3 ms for either server's thread, on a machine 80% idle). Six rounds of 5 s gave pooled
// ratios from 0.90 to 1.11 in three runs within ten minutes; twenty pool enough windows for that to even out,
// and the report counts the rounds each server won.
async function pair() {
  const rounds = Number(process.env.BENCH_PAIR_ROUNDS || 20), secs = Number(process.env.BENCH_PAIR_SECS || 4);
  const deadline = giveUpAfter(180 + rounds * 2 * (secs + 4));   // connecting and warm-up, then each window
  const servers = [{ name: args.name, href: URL_, pid: PID }, { name: args.name2, href: args.url2, pid: Number(args.pid2) }];
  for (const s of servers) {
    s.url = new URL(s.href);
    s.group = Array.from({ length: 4 }, spawnWorker);
    const c = await connect(s.group, 'u', 0, CLIENTS / 4, [], s.href);
    if (c.ok < CLIENTS) throw new Error(`${s.name}: only ${c.ok} of ${CLIENTS} clients connected`);
    // warm-up: the JIT (a JVM takes longer than Node; the first windows came out slower without it), 40k emits
    await unicastWindow(s.group, 4000, 0, s, 10);
    await unicastWindow(s.group, 1000, 0, s, 2);
    s.lat = []; s.cpu = 0; s.sent = 0; s.errors = 0; s.windowP99 = []; s.slow = [];
  }
  log(`S2p ${rounds} rounds of ${secs} s per server, in turn`);
  const ticks0 = machineTicks();
  for (let r = 0; r < rounds; r++) {
    for (const s of (r % 2 === 0 ? servers : [...servers].reverse())) {
      const w = await unicastWindow(s.group, 1000, secs, s, 1);
      s.lat.push(...w.lat); s.cpu += w.cpu; s.sent += w.sent; s.errors += w.errors;
      s.windowP99.push(latencySummary(w.lat).p99ms);
      s.slow.push(...w.slow.map(([sent, latency]) => [r, +sent.toFixed(3), +latency.toFixed(3)]));
    }
  }
  results.stealPercent = stealPercentSince(ticks0);
  if (process.env.BENCH_SLOW_MS) {
    // the slow emits with the time they were sent, on the wall clock too (for a JVM's -Xlog with its `time`)
    const wallMinusMono = Date.now() - nowMs();
    const slow = Object.fromEntries(servers.map((s) => [s.name, s.slow.map(([r, sent, latency]) =>
      ({ round: r, sentWall: new Date(sent + wallMinusMono).toISOString(), latencyMs: latency }))]));
    fs.writeFileSync(path.join(__dirname, '..', 'results', 'slow-pair.json'), JSON.stringify(slow, null, 1));
  }
  // each round ran one window of each server, back to back: in how many was this one's p99 the lower
  servers.forEach((s, i) => { s.roundsWon = s.windowP99.filter((p, r) => p < servers[1 - i].windowP99[r]).length; });
  for (const s of servers) {
    results[s.name] = latencySummary(s.lat, { rate: 1000, windows: rounds, windowSecs: secs, sent: s.sent, httpErrors: s.errors,
      cpuPer100k: +(s.cpu / s.lat.length * 1e5).toFixed(3), windowP99ms: s.windowP99, roundsWithLowerP99: s.roundsWon });
    log(s.name, JSON.stringify(results[s.name]));
    await closeGroup(s.group);
  }
  finish(deadline);
}

// CLIENTS clients in 4 worker processes, each registered under its own key and `all`: the group S2-S4 use.
async function clientGroup() {
  const group = Array.from({ length: 4 }, spawnWorker);
  const conn = await connect(group, 'u', 0, CLIENTS / 4, ['all']);
  if (conn.ok < CLIENTS) throw new Error(`only ${conn.ok} of ${CLIENTS} clients connected`);
  return { group, conn };
}

// S1, after a short warm-up with 500 clients (classes loaded, pools created).
async function idleScenario() {
  const warm = [spawnWorker()];
  await connect(warm, 'w', 0, 500, ['all']);
  await broadcast(warm, 500, 1);
  await closeGroup(warm);
  await sleep(3000);
  log(`S1 ${IDLE} idle connections`); results.s1 = await idle(IDLE, 4, 'i'); log(JSON.stringify(results.s1));
}

// The broadcast warm-up. Long enough for the JVM's JIT to finish with the broadcast path: after 6 s of it Herald
// still spent 0.74 CPU-s per 100k deliveries, and 0.52-0.60 from about 15 s on (Node's cost did not move). A
// server runs for days; S3 measures that steady state, for both servers alike.
async function warmUpBroadcast(group) {
  log('warm-up (1,000 clients)');
  await broadcast(group, CLIENTS, WARM_SECS * 4);
}

// One scenario alone (--mode idle, broadcast or flood: run.sh ONLY=s1, s3 or s4), to try a change in a minute.
async function only(scenario) {
  const deadline = giveUpAfter(180);
  if (scenario === 'idle') {
    await idleScenario();
  } else {
    const { group } = await clientGroup();
    if (scenario === 'broadcast') {
      await warmUpBroadcast(group);
      log('S3 broadcast'); results.s3 = await broadcast(group, CLIENTS, S3_SECS); log(JSON.stringify(results.s3));
    } else {
      log('S4 HTTP emit flood'); results.s4 = await flood(group, S4_SECS); log(JSON.stringify(results.s4));
    }
    await closeGroup(group);
  }
  finish(deadline);
}

// ---- batch: the JSON API's POST /api/v1/batch (BENCH_BATCH emits a request) against POST /api/v1/emit ------------
// Both signed as a backend signs them (HMAC-SHA256 of method, path, query, body hash and timestamp, with a nonce
// so that no two are alike), each emit to one connected client. `inflight` requests at a time for `secs`:
// deliveries a second, and the server's CPU per 100k deliveries.
function signed(pathname, body, key, secret, nonce) {
  const crypto = require('crypto');
  const query = `nonce=${nonce}`, timestamp = Math.floor(Date.now() / 1000);
  const bodyHash = crypto.createHash('sha256').update(body).digest('hex');
  const signature = crypto.createHmac('sha256', secret).update(`POST\n${pathname}\n${query}\n${bodyHash}\n${timestamp}`).digest('hex');
  return { path: `${pathname}?${query}`, headers: { 'X-Herald-Key': key, 'X-Herald-Timestamp': timestamp, 'X-Herald-Signature': signature } };
}
async function apiFlood(group, secs, perRequest, inflight, key, secret) {
  let nonce = 0, requests = 0, errors = 0, k = 0;
  const emit = () => ({ event: 'h', data: PAD, to: { users: ['u' + (k++ % CLIENTS)] } });
  const one = async () => {
    const body = perRequest === 1 ? JSON.stringify(emit()) : JSON.stringify({ emits: Array.from({ length: perRequest }, emit) });
    const r = signed(perRequest === 1 ? '/api/v1/emit' : '/api/v1/batch', body, key, secret, `${process.pid}-${nonce++}`);
    const answer = await post(r.path, body, r.headers).catch(() => null);
    if (answer && answer.startsWith('{"') && !answer.includes('"code"')) requests++; else errors++;
  };
  const run = async (until) => {
    await Promise.all(Array.from({ length: inflight }, async () => { while (nowMs() < until) await one(); }));
  };
  await run(nowMs() + WARM_SECS * 1000);                     // warm: JIT and connections
  await sleep(1000);
  const c0 = cpuTimes(), h0 = total(group, 'h'), t0 = nowMs();
  requests = 0; errors = 0;
  await run(t0 + secs * 1000);
  const c1 = cpuTimes(), t1 = nowMs();
  await sleep(2000);                                          // the last deliveries
  const delivered = total(group, 'h') - h0;
  return { emitsPerRequest: perRequest, inflight, requests, errors, delivered,
    deliveredPerSec: Math.round(delivered / ((t1 - t0) / 1000)), ...cpuPer100k(c0, c1, delivered, 3) };
}
async function batchScenario() {
  const deadline = giveUpAfter(240);
  const key = process.env.BENCH_KEY, secret = process.env.BENCH_SECRET;
  const { group } = await clientGroup();
  const per = Number(process.env.BENCH_BATCH || 100), secs = Number(process.env.BENCH_BATCH_SECS || 10);
  log('API single emits'); results.single = await apiFlood(group, secs, 1, 64, key, secret); log(JSON.stringify(results.single));
  log(`API batches of ${per}`); results.batch = await apiFlood(group, secs, per, 8, key, secret); log(JSON.stringify(results.batch));
  results.ratio = +(results.batch.deliveredPerSec / results.single.deliveredPerSec).toFixed(2);
  log(`batch / single deliveries a second: ${results.ratio}`);
  await closeGroup(group);
  finish(deadline);
}

async function main() {
  if (args.mode === 'ceiling') return ceiling();
  if (args.mode === 'batch') return batchScenario();
  if (['idle', 'broadcast', 'flood'].includes(args.mode)) return only(args.mode);
  if (args.mode === 'hold') return hold();
  if (args.mode === 'pair') return pair();
  const deadline = giveUpAfter(Number(process.env.BENCH_LIMIT_SECS || (BIG ? 720 : 420)));
  results.loadavgStart = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const ticks0 = machineTicks();
  results.start = await memory();

  // The idle-memory scenario first, on a server that has not yet churned through the heavy scenarios (their
  // garbage would blur the RSS delta).
  log('warm-up (500 clients)');
  await idleScenario();
  await sleep(3000);

  const { group, conn } = await clientGroup();
  results.connect1000 = conn;
  await warmUpBroadcast(group);
  await unicast(group, 1000, 1);

  log('S3 broadcast'); results.s3 = await broadcast(group, CLIENTS, S3_SECS); log(JSON.stringify(results.s3));
  const stalled = spawnWorker();
  const sc = await ask(stalled, { cmd: 'connect', url: URL_, prefix: 'stalled', start: 0, count: 10, extraKeys: ['all'], concurrency: 10 }, 'connected');
  const st = await ask(stalled, { cmd: 'stall' }, 'stalled');
  log(`S3 with ${st.paused} stalled clients (${sc.ok} connected)`);
  results.s3stalled = await broadcast(group, CLIENTS, S3_SECS);
  results.s3stalled.stalledClients = st.paused;
  results.s3stalled.rssKiBAfter = rssKiB();
  log(JSON.stringify(results.s3stalled));
  stalled.kill('SIGKILL'); workers.splice(workers.indexOf(stalled), 1);   // drops the stalled TCP connections
  await sleep(2000);

  log('S2 unicast latency'); results.s2 = await unicast(group, 1000, S2_SECS); log(JSON.stringify(results.s2));
  log('S4 HTTP emit flood'); results.s4 = await flood(group, S4_SECS); log(JSON.stringify(results.s4));
  await closeGroup(group);
  if (BIG) {
    await sleep(3000);
    log(`S1b ${BIG} idle connections`); results.s1big = await idle(BIG, Math.ceil(BIG / 2500), 'big'); log(JSON.stringify(results.s1big));
  }
  results.loadavgEnd = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  results.stealPercent = stealPercentSince(ticks0);
  finish(deadline);
}
function cleanup() { for (const w of workers) { try { w.kill('SIGKILL'); } catch (e) { /* gone */ } } }
main().then(() => { cleanup(); process.exit(0); }, (e) => { console.error(e); cleanup(); fs.writeFileSync(OUT, JSON.stringify({ ...results, error: String(e) }, null, 2)); process.exit(1); });
