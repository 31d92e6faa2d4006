// Holds N idle stock socket.io-client 4.8 connections over WebSocket; prints HELD <n> FAILED <m> once all tried.
//   NODE_PATH=src/test/js/node_modules node idle.js <url> <connections>
'use strict';
const { io } = require('socket.io-client');
const [url, count] = [process.argv[2], Number(process.argv[3] || 10000)];
let held = 0, failed = 0, started = 0;
const sockets = [];
function next() {
  if (started >= count) return;
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20000 });
  started++;
  sockets.push(s);
  s.once('connect', () => { held++; done(); next(); });
  s.once('connect_error', () => { failed++; done(); next(); });
}
function done() { if (held + failed === count) console.log(`HELD ${held} FAILED ${failed}`); }
for (let i = 0; i < 50; i++) next();   // 50 handshakes in flight at a time
const stop = () => { sockets.forEach((s) => s.close()); process.exit(0); };
process.on('SIGTERM', stop);
process.stdin.on('end', stop).resume();
