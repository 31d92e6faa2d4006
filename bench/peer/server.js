// The Node socket.io 4.8.x peer: the same role as Herald in the benchmark, written the way a doit-socket-style
// proxy would be. Clients emit `register` with {userid} and join the room of that key (registering twice joins
// two rooms); `GET /emit?id=&message=&k=v…` and `POST /emit` (form: id or id[], message, data as JSON) emit to
// the rooms of those keys and answer OK / ERROR like the doit-socket proxy (and Herald's /emit).
// Bench-only extra: `GET /__mem` runs a full GC (node --expose-gc) and answers process.memoryUsage() as JSON.
//
// usage: node --expose-gc peer/server.js [port]      (listens on 127.0.0.1 only)
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || process.env.PORT || 3500);

const httpServer = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/emit') {
    if (req.method === 'GET') return answer(res, emitGet(url.searchParams));
    if (req.method === 'POST') {
      const chunks = [];
      let size = 0;
      req.on('data', (c) => { size += c.length; if (size <= 1_000_000) chunks.push(c); });
      req.on('end', () => answer(res, size <= 1_000_000 && emitPost(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))));
      return;
    }
    res.writeHead(405).end();
    return;
  }
  if (url.pathname === '/__mem') {
    if (global.gc) global.gc();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.memoryUsage()));
    return;
  }
  res.writeHead(404).end();
});

function answer(res, ok) {
  const body = ok ? 'OK' : 'ERROR';
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
}

// GET: the other parameters as an object, or _type=string&_data= as a string; OK when id and message are given.
function emitGet(params) {
  const id = params.get('id');
  const message = params.get('message');
  if (!id || !message) return false;
  let data;
  if (params.get('_type') === 'string') {
    data = params.get('_data') || '';
  } else {
    data = {};
    for (const [k, v] of params) if (k !== 'id' && k !== 'message') data[k] = v;
  }
  io.to(String(id)).emit(message, data);
  return true;
}

// POST: id or id[] (several keys), message, data (a JSON string); OK when a socket of one of the keys got it.
function emitPost(params) {
  const ids = [...params.getAll('id'), ...params.getAll('id[]')].filter((k) => k);
  const message = params.get('message');
  if (!ids.length || !message) return false;
  let data = {};
  const json = params.get('data');
  if (json) {
    try { data = JSON.parse(json); } catch (e) { return false; }
  }
  const reached = ids.some((k) => (io.sockets.adapter.rooms.get(k)?.size || 0) > 0);
  io.to(ids).emit(message, data);
  return reached;
}

const io = new Server(httpServer, { transports: ['websocket', 'polling'], serveClient: false });
io.on('connection', (socket) => {
  socket.on('register', (payload, ack) => {
    const key = payload && typeof payload === 'object' ? payload.userid : payload;
    if (key === undefined || key === null || key === '') {
      if (typeof ack === 'function') ack({ ok: false, error: { code: 400, message: 'register needs {userid: <key>}' } });
      return;
    }
    socket.join(String(key));
    if (typeof ack === 'function') ack({ ok: true, userid: String(key) });
  });
});

httpServer.keepAliveTimeout = 60_000;
httpServer.listen(port, '127.0.0.1', () => console.log(`peer socket.io ${require('socket.io/package.json').version} on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
