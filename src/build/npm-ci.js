// `npm ci` in an npm package folder, skipped when its node_modules already holds what package-lock.json asks for.
//   node src/build/npm-ci.js <folder> [npm command]
// The build runs this on every `mvn` call (src/main/js and src/test/js). After a successful install it writes
// node_modules/.herald-npm-ci: the SHA-256 of package.json and package-lock.json. The next build skips the
// install when that stamp matches and every locked package is still on disk. Deleting node_modules forces a
// fresh install.
'use strict';
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const dir = path.resolve(process.argv[2] || '.');
const npm = process.argv[3] || 'npm';
const stamp = path.join(dir, 'node_modules', '.herald-npm-ci');
const read = (name) => fs.readFileSync(path.join(dir, name));

const lockText = read('package-lock.json');
const digest = crypto.createHash('sha256').update(read('package.json')).update('\0').update(lockText).digest('hex');
const lock = JSON.parse(lockText);
const installed = () => Object.keys(lock.packages || {})
  .filter((key) => key.startsWith('node_modules/'))
  .every((key) => fs.existsSync(path.join(dir, key, 'package.json')));

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === digest && installed()) {
  console.log(`npm ci: ${path.relative(process.cwd(), dir) || '.'}/node_modules is up to date`);
  process.exit(0);
}
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: dir,
  stdio: 'inherit',
  shell: process.platform === 'win32', // npm is npm.cmd there
  env: { ...process.env, npm_config_update_notifier: 'false' },
});
if (result.error) {
  console.error(`npm ci: could not run '${npm}': ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
fs.writeFileSync(stamp, digest + '\n');
