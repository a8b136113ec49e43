// Builds better-sqlite3 for Electron's ABI into dist/electron-native/, leaving node_modules (the
// Node build used by the CLI, browser mode and tests) untouched. Needs network for Electron's
// headers, so it runs only on the Electron path (desktop start, packaging), never in postinstall.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function rebuildSqliteForElectron() {
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const outDir = join(root, 'dist', 'electron-native');
  const binary = join(outDir, 'better_sqlite3.node');
  const stamp = join(outDir, 'electron-version');
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return { binary };

  // A throwaway app folder holding a copy of better-sqlite3, so @electron/rebuild works on the copy.
  const work = join(outDir, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), join(work, 'node_modules', 'better-sqlite3'), {
    recursive: true,
  });
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: 'sqlite-for-electron', dependencies: { 'better-sqlite3': '*' } }),
  );
  const rebuild = join(
    root,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-rebuild.cmd' : 'electron-rebuild',
  );
  const result = spawnSync(
    rebuild,
    ['--version', electronVersion, '--module-dir', work, '--only', 'better-sqlite3', '--force'],
    {
      stdio: 'inherit',
      timeout: 600_000,
    },
  );
  const built = join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !existsSync(built)) return { error: 'could not rebuild better-sqlite3 for Electron' };
  cpSync(built, binary);
  writeFileSync(stamp, electronVersion);
  rmSync(work, { recursive: true, force: true });
  return { binary };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = rebuildSqliteForElectron();
  if (outcome.error) {
    console.error(outcome.error);
    process.exit(1);
  }
  console.log(`better-sqlite3 for Electron: ${outcome.binary}`);
}
