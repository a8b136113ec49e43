// Finds the Electron runtime for `npm start` without loading the electron package, which would try to
// download it and throw. Returns { path } or { reason } in one line a user can act on.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function findElectron(root, { tryDownload = true } = {}) {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { reason: 'the electron package is not installed' };
  const located = () => {
    const pathFile = join(pkg, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  const present = located();
  if (present) return { path: present };
  if (!tryDownload) return { reason: 'the Electron runtime has not been downloaded' };
  const attempt = spawnSync(process.execPath, [join(pkg, 'install.js')], { encoding: 'utf8', timeout: 120_000 });
  const downloaded = attempt.status === 0 ? located() : null;
  if (downloaded) return { path: downloaded };
  const why = attempt.error?.code === 'ETIMEDOUT' ? 'the download timed out' : 'it could not be downloaded (offline?)';
  return { reason: `the Electron runtime is not installed and ${why}` };
}
