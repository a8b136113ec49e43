import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The checkout (or packaged app) root. Code runs bundled from dist/<target>/, so the root is two
 * levels up from the bundle; walking up to the package.json keeps this right if that changes.
 */
export function appRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(__dirname, '..', '..');
}

export const seedsDir = (): string => join(appRoot(), 'seeds');
export const rendererDir = (): string => join(appRoot(), 'dist', 'renderer');

export function appVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}
