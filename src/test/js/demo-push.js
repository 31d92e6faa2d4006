// Two real clients on a running Herald with the demo on: alice sends a note to bob through the server.
//   node demo-push.js <url> <websocket|polling|default>
// Prints "bob got <note json> via <transport>" and exits 0, or exits 1.
'use strict';
const io = require('socket.io-client');
const [url, transport] = process.argv.slice(2);
const options = { forceNew: true, reconnection: false };
if (transport !== 'default') options.transports = [transport];
const alice = io(url, options);
const bob = io(url, options);
let registered = 0;
let pending = 2; // the ack to alice and the note to bob
const finish = () => {
  if (--pending > 0) return;
  alice.close();
  bob.close();
  setTimeout(() => process.exit(0), 300); // let a polling close request leave
};
const ready = () => {
  if (++registered < 2) return;
  alice.emit('demo:push', { to: 'bob', text: 'hello from alice' }, (answer) => {
    console.log('ack', JSON.stringify(answer));
    finish();
  });
};
alice.on('connect', () => alice.emit('register', { userid: 'alice' }, ready));
bob.on('connect', () => bob.emit('register', { userid: 'bob' }, ready));
bob.on('demo:note', (note) => {
  console.log('bob got', JSON.stringify({ from: note.from, text: note.text }), 'via', bob.io.engine.transport.name);
  finish();
});
[alice, bob].forEach((s) => s.on('connect_error', (e) => { console.log('connect_error', e.message); process.exit(1); }));
setTimeout(() => { console.log('timeout'); process.exit(1); }, 10000);
