// Drives one real Socket.IO client through the doit-socket flow and prints what happens, one line each:
//   node client-scenario.js <url> <v4|v2|v1> <websocket|polling|default> <userKey>
// Lines: "connected <transport>", "registered <answer>", "event <name> <json>", "asked <json>",
// "echo <json>", "transport <name>", "done". The Java test emits through the registry and reads the lines.
'use strict';
const [url, version, transport, userKey] = process.argv.slice(2);
const packages = { v4: 'socket.io-client', v2: 'socket.io-client-v2', v1: 'socket.io-client-v1' };
if (!packages[version]) { console.error(`unknown client version ${version}`); process.exit(64); }
const io = require(packages[version]);

const options = { forceNew: true, reconnection: false };
if (transport === 'websocket') options.transports = ['websocket'];
if (transport === 'polling') options.transports = ['polling'];
const socket = io(url, options);
const print = (...parts) => console.log(parts.join(' '));
const show = (value) => JSON.stringify(value, (k, v) => {
  if (v && (v.type === 'Buffer' || v instanceof ArrayBuffer)) return { binary: Buffer.from(v.data || v).toString('hex') };
  return v;
});

setTimeout(() => { print('timeout'); process.exit(2); }, 20000);

socket.on('connect', () => {
  print('connected', socket.io.engine.transport.name);
  socket.emit('register', { userid: userKey }, (answer) => print('registered', JSON.stringify(answer)));
});
socket.on('connect_error', (err) => { print('connect_error', err.message); process.exit(1); });

// Server → client acks: answer with a fixed word and the argument.
socket.on('ask', (arg, ack) => { print('asked', show(arg)); ack('answer', arg); });
// Client → server acks, then binary, on the server's cue.
socket.on('cue', () => {
  socket.emit('echo', 'ping', 7, (...args) => {
    print('echo', show(args));
    socket.emit('record', 'label', Buffer.from([1, 2, 3, 255]));
  });
});
socket.on('done', () => {
  print('transport', socket.io.engine.transport.name);
  print('done');
  socket.close();
  setTimeout(() => process.exit(0), 300); // let a polling close request leave before exiting
});
['unicast', 'room', 'broadcast', 'file'].forEach((name) => socket.on(name, (arg) => print('event', name, show(arg))));
