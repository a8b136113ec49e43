// `npm start`: build what is stale, then run the desktop app; where no Electron runtime can be had
// (offline machines), say so in one line and start browser mode instead. `-- --browser` forces it.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStale } from './build.mjs';
import { findElectron } from './electronRuntime.mjs';
import { rebuildSqliteForElectron } from './rebuildForElectron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const passThrough = args.filter((arg) => arg !== '--browser');

await buildStale();

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

let fallbackReason = null;
if (!forceBrowser) {
  const electron = findElectron(root);
  if (electron.path) {
    const sqlite = rebuildSqliteForElectron();
    if (sqlite.binary) {
      run(electron.path, [root, ...passThrough]);
    } else {
      fallbackReason = sqlite.error;
    }
  } else {
    fallbackReason = electron.reason;
  }
}
if (forceBrowser || fallbackReason) {
  if (fallbackReason)
    console.error(`Précis: cannot start the desktop app (${fallbackReason}); starting browser mode instead.`);
  run(process.execPath, [join(root, 'dist', 'main', 'cli.cjs'), 'serve', ...passThrough]);
}
