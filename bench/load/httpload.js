// An HTTP emit flooder (forked by bench.js for S4): `concurrency` keep-alive requests in flight, each
// `GET /emit?id=u<k>&message=h&…` to one of the connected clients (keys rotate). Counts OK answers.
//   {cmd:'start', url, concurrency, keys, pad} ; {cmd:'snap'} -> {type:'snap', ok, bad} ; {cmd:'stop'} -> exits
'use strict';
const http = require('http');

let running = false, ok = 0, bad = 0, k = 0;

process.on('message', (msg) => {
  if (msg.cmd === 'start') {
    const target = new URL(msg.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: msg.concurrency });
    running = true;
    const one = () => {
      if (!running) return;
      const key = 'u' + (k++ % msg.keys);
      const req = http.get({ agent, host: target.hostname, port: target.port,
        path: `/emit?id=${key}&message=h&pad=${msg.pad}` }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { body += c; });
        res.on('end', () => { if (res.statusCode === 200 && body === 'OK') ok++; else bad++; one(); });
      });
      req.on('error', () => { bad++; setTimeout(one, 10); });
    };
    for (let i = 0; i < msg.concurrency; i++) one();
  } else if (msg.cmd === 'snap') {
    process.send({ type: 'snap', ok, bad });
  } else if (msg.cmd === 'stop') {
    running = false;
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
