import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../../main/archive/backups';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { openCore } from '../../../main/core';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { damageRootPage } from './support/damage';
import { killServed, precis, serve } from './support/precisProcess';

afterEach(killServed);
afterEach(cleanUpTemp);

function briefTitles(file: string): string[] {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare('SELECT title FROM briefs ORDER BY id').all() as { title: string }[]).map((r) => r.title);
  } finally {
    raw.close();
  }
}

const listing = (dir: string) => readdirSync(dir).sort();

describe('one archive, several processes', () => {
  it('a read-only command never moves the archive `serve` has open, and serve keeps saving into it', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    // First use: created, seeded, backed up and closed, so the sources are in the main file.
    expect(precis(['sources', '--json'], dataDir).status).toBe(0);
    const served = await serve(dataDir);
    expect((await served.call('createBrief', { title: 'Before the damage' })).ok).toBe(true);

    const undo = damageRootPage(file, 'sources');
    const before = listing(dataDir);
    const inode = statSync(file).ino;

    // Beside serve, a read-only command trusts serve's checks and opens without reading the whole
    // file; the damaged page fails it when it reads it, with one line, and it moves nothing.
    const listed = precis(['sources'], dataDir);
    expect(listed.status).toBe(1);
    expect(listed.stderr.trim().split('\n')).toHaveLength(1);
    expect(listed.stderr).toMatch(/malformed/);
    // A command that may repair does not either, while serve has the archive open.
    const importing = precis(['import', join(__dirname, '..', '..', '..', 'seeds')], dataDir);
    expect(importing.status).toBe(1);
    expect(importing.stderr).toMatch(/another Précis process has it open/);

    expect(listing(dataDir)).toEqual(before);
    expect(statSync(file).ino).toBe(inode);
    expect((await served.call('createBrief', { title: 'After the search' })).ok).toBe(true);
    expect(briefTitles(file)).toEqual(['Before the damage', 'After the search']);
    expect(await served.stop()).toBe(0);

    // After the restart, serve's saves are in the archive (the damaged page put back first).
    undo();
    const briefs = precis(['briefs', '--json'], dataDir);
    expect(briefs.status, briefs.stderr).toBe(0);
    expect((JSON.parse(briefs.stdout) as { title: string }[]).map((b) => b.title).sort()).toEqual([
      'After the search',
      'Before the damage',
    ]);
    expect(listing(dataDir).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('a second serve on the same data dir is safe: both see and keep each other’s saves', async () => {
    const dataDir = tempDir();
    const first = await serve(dataDir);
    const second = await serve(dataDir);
    expect((await first.call('createBrief', { title: 'From the first' })).ok).toBe(true);
    expect((await second.call('createBrief', { title: 'From the second' })).ok).toBe(true);
    for (const served of [first, second]) {
      const listed = await served.call('listBriefs', {});
      expect((listed.value as { title: string }[]).map((b) => b.title).sort()).toEqual([
        'From the first',
        'From the second',
      ]);
    }
    expect(await first.stop()).toBe(0);
    expect((await second.call('createBrief', { title: 'After the first stopped' })).ok).toBe(true);
    expect(await second.stop()).toBe(0);
    expect(briefTitles(join(dataDir, ARCHIVE_FILE_NAME))).toHaveLength(3);
    expect(first.stderr() + second.stderr()).toBe('');
  });

  it('two processes asked for the first brief at the same instant make one, and both open it', async () => {
    const dataDir = tempDir();
    const [first, second] = await Promise.all([serve(dataDir), serve(dataDir)]);
    const opened = await Promise.all([first.call('openFirstBrief', {}), second.call('openFirstBrief', {})]);
    const ids = opened.map((result) => (result.value as { id: number } | undefined)?.id);
    expect(ids[0]).toBeTypeOf('number');
    expect(ids[1]).toBe(ids[0]);
    expect(await first.stop()).toBe(0);
    expect(await second.stop()).toBe(0);
    expect(briefTitles(join(dataDir, ARCHIVE_FILE_NAME))).toEqual(['Untitled brief']);
  });

  it('a killed process holds nothing: the next start repairs, after a full check', async () => {
    const dataDir = tempDir();
    expect(precis(['sources', '--json'], dataDir).status).toBe(0);
    const served = await serve(dataDir);
    expect((await served.call('createBrief', { title: 'Only in the WAL' })).ok).toBe(true);
    await served.kill();
    expect(listing(join(dataDir, 'locks')).filter((name) => name.startsWith('open-'))).toHaveLength(1);
    damageRootPage(join(dataDir, ARCHIVE_FILE_NAME), 'sources');

    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    try {
      expect(core.notice).toMatch(/could not be read .* was restored/);
      expect(listBackups(join(dataDir, 'backups')).length).toBeGreaterThan(0);
    } finally {
      core.close();
    }
    expect(listing(dataDir).filter((name) => name.startsWith('archive.corrupt-'))).not.toEqual([]);
    expect(listing(join(dataDir, 'locks')).filter((name) => name.startsWith('open-'))).toEqual([]);
    expect(readFileSync(join(dataDir, 'locks', 'gate.lock')).length).toBe(0);
  });
});
