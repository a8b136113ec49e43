import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockArchive } from '../../../main/archive/archiveLock';
import { checkInBackground } from '../../../main/archive/backgroundCheck';
import { BACKUPS_DIR_NAME, listBackups, takeDailyBackupIfDue } from '../../../main/archive/backups';
import { closedCleanlySince, damageFound, recordCleanClose } from '../../../main/archive/cleanClose';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { openArchiveWithBackups } from '../../../main/archive/openWithBackups';
import { type Core, type CoreOptions, openCore } from '../../../main/core';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { damageRootPage } from './support/damage';

/*
 * Issue 13: integrity checks and backups are off the start path. An opening after a clean close
 * runs only the cheap check; the full check runs on a worker thread after start, and what it finds
 * is reported and repaired by the next opening that may repair, never under another process.
 */

afterEach(cleanUpTemp);
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0).reverse()) core.close();
});

async function core(dataDir: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  const opened = await openCore({
    dataDir,
    seedsDir: null,
    mode: 'browser',
    version: 'test',
    allowRepair: true,
    maintenanceDelayMs: 0,
    ...options,
  });
  cores.push(opened);
  return opened;
}

/** An archive with a brief and a daily backup, closed cleanly. */
async function archiveWithBackup(dataDir: string): Promise<string> {
  const first = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME);
  first.db.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'in the backup')").run();
  await takeDailyBackupIfDue(first.db, join(dataDir, BACKUPS_DIR_NAME), new Date('2026-11-20T09:00:00.000Z'));
  first.close();
  return join(dataDir, ARCHIVE_FILE_NAME);
}

/** Damage the stamp cannot see: done during a session that then closed cleanly. */
function damageUnseen(dataDir: string, file: string): void {
  damageRootPage(file, 'settings');
  // The read-only look damageRootPage takes leaves an empty -wal and -shm, which a close removes.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix) && statSync(file + suffix).size <= (suffix === '-wal' ? 0 : 32768))
      rmSync(file + suffix);
  }
  recordCleanClose(dataDir, file);
  expect(closedCleanlySince(dataDir, file)).toBe(true);
}

const listing = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => !name.startsWith('locks'))
    .sort()
    .map((name) => [name, statSync(join(dir, name)).isFile() ? readFileSync(join(dir, name)).length : 'dir']);

describe('the opening', () => {
  it('skips quick_check after a clean close, and runs it after an unclean shutdown', async () => {
    const dataDir = tempDir();
    await archiveWithBackup(dataDir);
    const trusted = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME);
    expect(trusted.checked).toBe(false);
    // Killed: its marker stays and its -wal is not checkpointed away.
    const crashed = await lockArchive(dataDir);
    crashed.openGate();
    const marker = readdirSync(join(dataDir, 'locks')).find((name) => name.startsWith('open-'))!;
    const markerText = readFileSync(join(dataDir, 'locks', marker));
    trusted.close();
    crashed.release();
    writeFileSync(join(dataDir, 'locks', marker), markerText);
    const afterCrash = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME);
    expect(afterCrash.checked).toBe(true);
    afterCrash.close();
  });

  it('takes no backup before answering when the archive already has one; the timer takes it after', async () => {
    const dataDir = tempDir();
    await archiveWithBackup(dataDir);
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    const nextDay = new Date('2026-11-21T10:00:00.000Z');
    await core(dataDir, { clock: () => nextDay, maintenanceDelayMs: 60_000 });
    expect(listBackups(backupsDir)).toHaveLength(1);
    for (const opened of cores.splice(0)) opened.close();
    await core(dataDir, { clock: () => nextDay, maintenanceDelayMs: 0, backupCheckMs: 5 });
    await expect
      .poll(() => listBackups(backupsDir).map((b) => b.takenAt), { timeout: 10_000 })
      .toContain(nextDay.getTime());
  });

  it('a read-only command beside a running app trusts it and skips the full check; a repairing one does not', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    // The app: writes since its opening, so the file is no longer as any clean close left it.
    const app = await core(dataDir, { maintenanceDelayMs: 60_000 });
    app.db.prepare("INSERT INTO settings (key, value) VALUES ('typed', 'while the app is open')").run();
    expect(closedCleanlySince(dataDir, file)).toBe(false);

    const reader = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME, { allowRepair: false });
    expect(reader.alone).toBe(false);
    expect(reader.checked).toBe(false);
    expect(reader.db.prepare("SELECT value FROM settings WHERE key = 'typed'").pluck().get()).toBe(
      'while the app is open',
    );
    reader.close();
    // `serve` may repair: beside another process it still checks in full before anything else.
    const secondServe = await openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME);
    expect(secondServe.checked).toBe(true);
    secondServe.close();
  });

  it('a read-only command beside a running app checks in full once damage has been recorded', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    damageUnseen(dataDir, file);
    const app = await core(dataDir, { maintenanceDelayMs: 0 });
    await expect.poll(() => damageFound(dataDir), { timeout: 10_000 }).toBe(true);
    // The damage is in the settings table: the full check finds it, and nothing is moved.
    await expect(openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME, { allowRepair: false })).rejects.toThrow(
      /never repairs/,
    );
    expect(existsSync(file)).toBe(true);
    expect(app.notice).toMatch(/The archive is damaged/);
  });
});

describe('the background check', () => {
  it('passes a healthy archive', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    expect(await checkInBackground(file).outcome).toEqual({ kind: 'ok' });
  });

  it('finds damage done after the last full check, reports it, and the next start repairs it', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    damageUnseen(dataDir, file);
    const notices: string[] = [];
    const running = await core(dataDir, { onNotice: (notice) => notices.push(notice.message) });
    // The start itself trusted the clean close: no check, no notice, and the analyst is in.
    await expect.poll(() => running.notice, { timeout: 10_000 }).toMatch(/The archive is damaged .*quick_check/);
    expect(notices).toHaveLength(1);
    expect(running.handlers.appInfo({})).toMatchObject({ notice: running.notice });
    expect(damageFound(dataDir)).toBe(true);
    expect(readdirSync(dataDir).filter((name) => name.includes('corrupt'))).toEqual([]);
    running.close();
    cores.length = 0;

    // Closed cleanly, yet the next opening checks in full and repairs.
    const next = await core(dataDir);
    expect(next.notice).toMatch(/could not be read .* was restored/);
    expect(next.db.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({
      value: 'in the backup',
    });
    expect(damageFound(dataDir)).toBe(false);
  });

  it('never moves an archive another process holds, and takes no backup of a damaged one', async () => {
    const dataDir = tempDir();
    const file = await archiveWithBackup(dataDir);
    damageUnseen(dataDir, file);
    const backupsDir = join(dataDir, BACKUPS_DIR_NAME);
    const running = await core(dataDir, { clock: () => new Date('2026-11-25T09:00:00.000Z'), backupCheckMs: 5 });
    // Another process comes in (the CLI, a second serve) while the check runs.
    const other = await lockArchive(dataDir);
    other.openGate();
    const before = listing(dataDir);
    await expect.poll(() => running.notice, { timeout: 10_000 }).toMatch(/The archive is damaged/);
    // The backup was due, but none is taken before the check, nor of an archive it found damaged.
    expect(listing(dataDir)).toEqual(before);
    expect(listBackups(backupsDir)).toHaveLength(1);
    // A repairing opening beside the other process checks in full, and refuses, moving nothing.
    await expect(openArchiveWithBackups(dataDir, ARCHIVE_FILE_NAME, { gateWaitMs: 5000 })).rejects.toThrow(
      /another Précis process has it open/,
    );
    expect(listing(dataDir)).toEqual(before);
    other.release();
    running.close();
    cores.length = 0;
    expect(existsSync(file)).toBe(true);
    const repaired = await core(dataDir);
    expect(repaired.notice).toMatch(/could not be read .* was restored/);
  });
});
