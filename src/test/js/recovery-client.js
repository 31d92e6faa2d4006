// A socket.io-client 4 page that loses its connection and comes back, for connection state recovery tests.
//   node recovery-client.js <url> <user key>
// Prints "CONNECTED <sid> <recovered>" on every connect and "EVENT <name> <first arg as JSON>" for every event.
// Commands on stdin: "DROP" breaks the connection (as a network failure would; no reconnect until told),
// "RECONNECT <url>" comes back, to the same or another server.
'use strict';
const readline = require('readline');
const { io } = require('socket.io-client');

const [url, user] = process.argv.slice(2);
const socket = io(url, { transports: ['websocket'], reconnection: false });
socket.on('connect', () => {
  console.log(`CONNECTED ${socket.id} ${socket.recovered}`);
  if (!socket.recovered) socket.emit('register', { userid: user }, (answer) => console.log('REGISTERED ' + JSON.stringify(answer)));
});
socket.on('connect_error', (e) => console.log('CONNECT_ERROR ' + e.message));
socket.on('disconnect', (reason) => console.log('DISCONNECTED ' + reason));
socket.onAny((event, ...args) => console.log(`EVENT ${event} ${JSON.stringify(args[0])}`));

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, arg] = line.trim().split(' ');
  if (command === 'DROP') socket.io.engine.close();
  else if (command === 'RECONNECT') {
    socket.io.uri = arg;
    socket.connect();
  }
});
