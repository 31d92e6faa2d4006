// A load-generator worker (forked by bench.js): holds `count` stock socket.io-client 4.8.x connections over
// WebSocket, registers each with its own key `<prefix><i>` (and the extra keys, e.g. the shared `all`), and counts
// what the clients receive. Talks to the parent over IPC:
//   {cmd:'connect', url, prefix, start, count, extraKeys, concurrency}  -> {type:'connected', ok, failed, ms}
//   counts are pushed every 20 ms while they change                       -> {type:'count', b, h, u}
//   {cmd:'latencies'}  -> {type:'latencies', values, slow}   (ms, from the `t` the sender put in each `u` event;
//                         slow: [sent, latency] of those of at least BENCH_SLOW_MS, when it is set)
//   {cmd:'stall'}      -> pauses reading on every socket's TCP connection (the server's sends back up)
//   {cmd:'close'}      -> {type:'closed'}
'use strict';
const { io } = require('socket.io-client');
const WebSocket = require('ws');          // socket.io-client's own dependency

// One clock for every process on the machine: CLOCK_MONOTONIC, in ms.
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

const sockets = [];
const counts = { b: 0, h: 0, u: 0 };
let latencies = [];
const SLOW_MS = Number(process.env.BENCH_SLOW_MS || 0);
let slow = [];
let lastSent = '';

setInterval(() => {
  const s = `${counts.b},${counts.h},${counts.u}`;
  if (s !== lastSent) { lastSent = s; process.send({ type: 'count', ...counts }); }
}, 20).unref();

// Loopback source addresses 127.0.0.1 … 127.0.0.4 in turn: one address pair has only ~28k ephemeral ports, and
// the 50k-connection scenario needs more.
const SOURCES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
let connects = 0;
const nextSource = () => SOURCES[connects++ % SOURCES.length];

function connectOne(url, keys) {
  return new Promise((resolve) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30000, localAddress: nextSource() });
    const fail = () => { socket.close(); resolve(null); };
    const timer = setTimeout(fail, 30000);
    socket.on('b', () => { counts.b++; });          // broadcast (S3)
    socket.on('h', () => { counts.h++; });          // HTTP flood deliveries (S4)
    socket.on('u', (data) => {                      // unicast latency probe (S2)
      counts.u++;
      if (data && data.m === '1') {
        const sent = parseFloat(data.t), latency = nowMs() - sent;
        latencies.push(latency);
        if (SLOW_MS && latency >= SLOW_MS) slow.push([sent, latency]);
      }
    });
    socket.once('connect_error', () => { clearTimeout(timer); fail(); });
    socket.once('connect', async () => {
      try {
        for (const key of keys) {
          const answer = await socket.timeout(30000).emitWithAck('register', { userid: key });
          if (!answer || answer.ok !== true) throw new Error('register refused: ' + JSON.stringify(answer));
        }
        clearTimeout(timer);
        resolve(socket);
      } catch (e) { clearTimeout(timer); fail(); }
    });
  });
}

// A plain WebSocket (no Engine.IO, no Socket.IO) for the bare JSR-356 ceiling: every message counts as a broadcast.
function connectRaw(url) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: nextSource() });
    const timer = setTimeout(() => { ws.terminate(); resolve(null); }, 30000);
    ws.on('message', () => { counts.b++; });
    ws.once('open', () => { clearTimeout(timer); resolve({ close: () => ws.close(), io: { engine: { transport: { ws } } } }); });
    ws.once('error', () => { clearTimeout(timer); resolve(null); });
  });
}

process.on('message', async (msg) => {
  if (msg.cmd === 'connect-raw') {
    const t0 = Date.now();
    let next = 0, ok = 0, failed = 0;
    const lane = async () => {
      while (next < msg.count) {
        next++;
        const s = await connectRaw(msg.url);
        if (s) { sockets.push(s); ok++; } else failed++;
      }
    };
    await Promise.all(Array.from({ length: msg.concurrency || 50 }, lane));
    process.send({ type: 'connected', ok, failed, ms: Date.now() - t0 });
  } else if (msg.cmd === 'connect') {
    const t0 = Date.now();
    let next = 0, ok = 0, failed = 0;
    const lane = async () => {
      while (next < msg.count) {
        const i = msg.start + next++;
        const s = await connectOne(msg.url, [msg.prefix + i, ...(msg.extraKeys || [])]);
        if (s) { sockets.push(s); ok++; } else failed++;
      }
    };
    await Promise.all(Array.from({ length: msg.concurrency || 50 }, lane));
    process.send({ type: 'connected', ok, failed, ms: Date.now() - t0 });
  } else if (msg.cmd === 'latencies') {
    process.send({ type: 'latencies', values: latencies, slow });
    latencies = [];
    slow = [];
  } else if (msg.cmd === 'stall') {
    // Stop reading from the TCP socket under the WebSocket: the kernel buffers fill and the server's writes stall.
    let paused = 0;
    for (const s of sockets) {
      const tcp = s.io.engine && s.io.engine.transport && s.io.engine.transport.ws && s.io.engine.transport.ws._socket;
      if (tcp) { tcp.pause(); paused++; }
    }
    process.send({ type: 'stalled', paused });
  } else if (msg.cmd === 'close') {
    for (const s of sockets) s.close();
    sockets.length = 0;
    setTimeout(() => process.send({ type: 'closed' }), 200);
  }
});
process.on('disconnect', () => process.exit(0));   // the parent went away: never linger
