import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/browserSession';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

/*
 * The check bin/precis.cjs runs before every command (is the CLI bundle older than its sources?).
 * Made cheaper for issue 13 (it stops at the first newer file, and stats each entry once); it must
 * still see any change below a folder: a file edited deep down, and a file deleted.
 */
const { changedSince } = createRequire(import.meta.url)(join(ROOT, 'tooling', 'staleness.cjs')) as {
  changedSince(path: string, built: number): boolean;
};

const past = new Date('2026-01-01T00:00:00Z');
const builtAt = new Date('2026-06-01T00:00:00Z').getTime();
const later = new Date('2026-07-01T00:00:00Z');

/** A source tree whose every file and folder is older than the build. */
function sources(): string {
  const dir = join(tempDir(), 'main');
  mkdirSync(join(dir, 'archive', 'migrations'), { recursive: true });
  for (const file of ['core.ts', join('archive', 'database.ts'), join('archive', 'migrations', 'm0010.ts')]) {
    writeFileSync(join(dir, file), 'export {};\n');
    utimesSync(join(dir, file), past, past);
  }
  for (const folder of [join('archive', 'migrations'), 'archive', '.']) utimesSync(join(dir, folder), past, past);
  return dir;
}

describe('whether the CLI bundle is stale', () => {
  it('is not, while every source is older than the build; a missing input changes nothing', () => {
    const dir = sources();
    expect(changedSince(dir, builtAt)).toBe(false);
    expect(changedSince(join(dir, 'no-such-file.json'), builtAt)).toBe(false);
  });

  it('is, when a file deep down was edited after the build', () => {
    const dir = sources();
    const file = join(dir, 'archive', 'migrations', 'm0010.ts');
    utimesSync(file, later, later);
    expect(statSync(join(dir, 'archive')).mtimeMs).toBeLessThan(builtAt);
    expect(changedSince(dir, builtAt)).toBe(true);
  });

  it('is, when a file was deleted after the build (its folder changed)', () => {
    const dir = sources();
    rmSync(join(dir, 'archive', 'database.ts'));
    utimesSync(join(dir, 'archive'), later, later);
    expect(changedSince(dir, builtAt)).toBe(true);
  });
});
