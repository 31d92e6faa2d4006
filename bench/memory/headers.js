// Opens N WebSockets to Herald that each send only a frame header announcing 1,000,000 bytes (issue 30 item 3),
// holds them, and prints HELD <n> once all are open; closes everything on SIGTERM or stdin end.
//   node headers.js <port> <connections>
'use strict';
const net = require('net');
const crypto = require('crypto');
const [port, count] = [Number(process.argv[2]), Number(process.argv[3] || 1000)];
const sockets = [];
let held = 0;
function header() {
  // FIN + text, masked, 64-bit length 1,000,000, then the 4-byte mask: 14 bytes, no payload
  const b = Buffer.alloc(14);
  b[0] = 0x81; b[1] = 0x80 | 127; b.writeBigUInt64BE(1000000n, 2); crypto.randomBytes(4).copy(b, 10);
  return b;
}
function open(i) {
  const s = net.connect(port, '127.0.0.1', () => {
    const key = crypto.randomBytes(16).toString('base64');
    s.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n`
      + `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
  let upgraded = false;
  s.on('data', (d) => {
    if (!upgraded && d.toString('latin1').startsWith('HTTP/1.1 101')) {
      upgraded = true;
      s.write(header());
      if (++held === count) console.log(`HELD ${held}`);
      else if (i + 1 < count) open(i + 1);
    }
  });
  s.on('error', (e) => console.log(`ERROR ${i} ${e.message}`));
  s.on('close', () => { if (upgraded) console.log(`CLOSED ${i}`); });
  sockets.push(s);
}
open(0);
const stop = () => { sockets.forEach((s) => s.destroy()); process.exit(0); };
process.on('SIGTERM', stop);
process.stdin.on('end', stop).resume();
