// Publishes into a Herald cluster with socket.io's own Redis emitter, as a Node.js backend would.
//   node redis-emitter.js <redis url> <key> <command> [args...]
// Commands: emit-to <room> <event> <text> | emit-all <event> <text> | join <room> <newRoom>
// Prints "DONE" once the messages are published.
'use strict';
const { createClient } = require('redis');
const { Emitter } = require('@socket.io/redis-emitter');

async function main() {
  const [url, key, command, ...args] = process.argv.slice(2);
  const client = createClient({ url });
  client.on('error', (e) => console.log('REDIS_ERROR ' + e.message));
  await client.connect();
  const emitter = new Emitter(client, { key });
  if (command === 'emit-to') emitter.to(args[0]).emit(args[1], { text: args[2], from: 'npm-emitter' });
  else if (command === 'emit-all') emitter.emit(args[0], { text: args[1], from: 'npm-emitter' });
  else if (command === 'join') emitter.in(args[0]).socketsJoin(args[1]);
  else throw new Error('unknown command ' + command);
  await new Promise((r) => setTimeout(r, 100)); // the emitter publishes without waiting: let it flush
  await client.quit();
  console.log('DONE');
}
main().catch((e) => { console.log('FAILED ' + e.stack); process.exit(1); });
