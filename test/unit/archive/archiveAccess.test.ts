import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { lockArchive } from '../../../main/archive/archiveLock';
import { BACKUPS_DIR_NAME, listBackups, takeDailyBackupIfDue } from '../../../main/archive/backups';
import { closedCleanlySince } from '../../../main/archive/cleanClose';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../../main/archive/migrations';
import {
  ArchiveNeedsRepairError,
  type OpenedArchive,
  type OpenOptions,
  openArchiveWithBackups,
} from '../../../main/archive/openWithBackups';
import { catalogText } from '../support/catalogText';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { damageRootPage } from './support/damage';

afterEach(cleanUpTemp);
const opened: OpenedArchive[] = [];
afterEach(() => {
  for (const archive of opened.splice(0).reverse()) archive.close();
});

async function open(dataDir: string, options: OpenOptions = {}): Promise<OpenedArchive> {
  const archive = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME, options);
  opened.push(archive);
  return archive;
}

/** An archive with a daily backup beside it, closed. */
async function archiveWithBackup(dataDir: string): Promise<string> {
  const archive = await open(dataDir);
  archive.db.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'in the backup')").run();
  await takeDailyBackupIfDue(archive.db, join(dataDir, BACKUPS_DIR_NAME), new Date('2026-11-20T09:00:00.000Z'));
  archive.close();
  return join(dataDir, ARCHIVE_FILE_NAME);
}

const damage = (file: string) => damageRootPage(file, 'settings');

/** Everything in the data dir but the lock files: names and contents. */
function snapshot(dataDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dataDir, { recursive: true }) as string[]) {
    const path = join(dataDir, name);
    if (name.startsWith('locks') || statSync(path).isDirectory()) continue;
    files[name] = readFileSync(path).toString('base64');
  }
  return files;
}

describe('allowRepair: false (read-only commands)', () => {
  it('reports a damaged archive and changes nothing', async () => {
    const dataDir = tempDir();
    damage(await archiveWithBackup(dataDir));
    const before = snapshot(dataDir);
    const failure = open(dataDir, { allowRepair: false });
    await expect(failure).rejects.toThrow(ArchiveNeedsRepairError);
    await expect(failure).rejects.toThrow(/could not be read .*never repairs or upgrades it.*Nothing was changed\.$/);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('reports a missing or empty archive that has backups, and creates nothing', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    writeFileSync(file, '');
    const before = snapshot(dataDir);
    await expect(open(dataDir, { allowRepair: false })).rejects.toThrow(/is missing or empty, and there are backups/);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('reports an archive that needs migrating, and leaves it at its version', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    const old = new Database(file);
    migrate(old, MIGRATIONS[MIGRATIONS.length - 2]!.version);
    old.close();
    const before = snapshot(dataDir);
    await expect(open(dataDir, { allowRepair: false })).rejects.toThrow(/needs upgrading from schema version/);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('opens a healthy archive, and creates a new one on first use', async () => {
    const dataDir = tempDir();
    const archive = await open(dataDir, { allowRepair: false });
    expect(archive.notice).toBeNull();
    archive.close();
    expect((await open(dataDir, { allowRepair: false })).notice).toBeNull();
  });
});

describe('while another process has the archive open', () => {
  it('a damaged archive is neither moved nor restored, even with allowRepair', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    const first = await open(dataDir);
    expect(first.alone).toBe(true);
    damage(file);
    const before = snapshot(dataDir);
    await expect(open(dataDir)).rejects.toThrow(/another Précis process has it open/);
    expect(snapshot(dataDir)).toEqual(before);
    first.close();
    // Alone now: the repair goes ahead.
    const repaired = await open(dataDir);
    expect(repaired.notice).toMatch(/could not be read .* was restored/);
    expect(repaired.db.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({
      value: 'in the backup',
    });
  });

  it('a healthy archive opens, shared (WAL), and neither process is alone', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const second = await open(dataDir);
    expect([first.alone, second.alone]).toEqual([true, false]);
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('from', 'first')").run();
    expect(second.db.prepare("SELECT value FROM settings WHERE key = 'from'").get()).toEqual({ value: 'first' });
  });

  it('an older archive is not migrated until the other process closes it', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, ARCHIVE_FILE_NAME);
    const previous = MIGRATIONS[MIGRATIONS.length - 2]!.version;
    const old = new Database(file);
    migrate(old, previous);
    old.close();
    // Another process (an older Précis, say) has the data dir open.
    const other = await lockArchive(dataDir);
    other.openGate();
    await expect(open(dataDir)).rejects.toThrow(/needs upgrading .*another Précis process has it open/);
    const raw = new Database(file, { readonly: true });
    expect(schemaVersion(raw)).toBe(previous);
    raw.close();
    other.release();
    const migrated = await open(dataDir);
    expect(schemaVersion(migrated.db)).toBe(LATEST_VERSION);
    expect(listBackups(join(dataDir, BACKUPS_DIR_NAME)).map((b) => b.kind)).toEqual(['pre-migration']);
  });
});

describe('a missing or empty archive with backups beside it', () => {
  it('is restored from the newest good backup, with a notice (missing)', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    rmSync(file);
    const archive = await open(dataDir);
    expect(archive.notice).toMatch(/missing or empty; the backup of 2026-11-20T09:00:00.000Z was restored/);
    expect(catalogText('en', archive.noticeText!)).toBe(archive.notice);
    expect(catalogText('fr', archive.noticeText!)).toMatch(
      /^L’archive était absente ou vide; la sauvegarde du 2026-11-20T09/,
    );
    expect(archive.db.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({
      value: 'in the backup',
    });
  });

  it('is restored from the newest good backup, with a notice (0 bytes)', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    writeFileSync(file, '');
    const archive = await open(dataDir);
    expect(archive.notice).toMatch(/missing or empty; the backup of .* was restored/);
    expect(archive.db.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({
      value: 'in the backup',
    });
  });
});

describe('the start check', () => {
  it('a read-only open trusts a clean close only while the file is untouched since', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    expect(closedCleanlySince(dataDir, file)).toBe(true);
    expect(statSync(file).mtimeMs).toBeLessThan(Date.now() - 1000);
    // Read and closed again: still as left.
    (await open(dataDir, { allowRepair: false })).close();
    expect(closedCleanlySince(dataDir, file)).toBe(true);
    // Any write, even at once, breaks the match.
    const raw = new Database(file);
    raw.prepare("INSERT INTO settings (key, value) VALUES ('by', 'someone else')").run();
    raw.close();
    expect(closedCleanlySince(dataDir, file)).toBe(false);
  });

  it('finds damage done right after a clean close, read-only or not', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    damage(file);
    expect(closedCleanlySince(dataDir, file)).toBe(false);
    await expect(open(dataDir, { allowRepair: false })).rejects.toThrow(/could not be read/);
    expect((await open(dataDir)).notice).toMatch(/could not be read/);
  });

  it('counts a process that never closed as an unclean shutdown', async () => {
    const dataDir = tempDir();
    const crashed = await lockArchive(dataDir);
    crashed.openGate();
    // As if killed: the OS drops its locks, its marker stays.
    const markers = readdirSync(join(dataDir, 'locks')).filter((name) => name.startsWith('open-'));
    crashed.release();
    writeFileSync(join(dataDir, 'locks', markers[0]!), `${process.pid}\n`);
    const next = await lockArchive(dataDir);
    expect([next.alone, next.uncleanShutdown]).toEqual([true, true]);
    next.release();
    const after = await lockArchive(dataDir);
    expect(after.uncleanShutdown).toBe(false);
    after.release();
  });
});
