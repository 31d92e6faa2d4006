// Proves the npm test clients resolve: prints one line per client package,
//   "<package> <version> protocol <Socket.IO protocol> eio <Engine.IO protocol>"
// taken from the parser and the engine that package itself loads (4.x: 5 and 4; the 2.x and 1.x aliases: 4 and 3).
//   node versions.js [package...]     (default: socket.io-client socket.io-client-v2 socket.io-client-v1)
'use strict';
const path = require('path');
const names = process.argv.length > 2 ? process.argv.slice(2) : ['socket.io-client', 'socket.io-client-v2', 'socket.io-client-v1'];
for (const name of names) {
  const home = path.dirname(require.resolve(`${name}/package.json`));
  const own = (dependency) => require(require.resolve(dependency, { paths: [home] }));
  const { version } = require(`${name}/package.json`);
  require(name); // the client itself must load
  console.log(`${name} ${version} protocol ${own('socket.io-parser').protocol} eio ${own('engine.io-client').protocol}`);
}
