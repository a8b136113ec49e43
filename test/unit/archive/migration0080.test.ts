import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME, openArchive } from '../../../main/archive/database';
import {
  LATEST_VERSION,
  MIGRATIONS,
  migrate,
  PRECIS_APPLICATION_ID,
  schemaVersion,
} from '../../../main/archive/migrations';
import { openArchiveWithBackups } from '../../../main/archive/openWithBackups';
import { cleanUpTemp, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const PREVIOUS = Math.max(...MIGRATIONS.map((m) => m.version).filter((version) => version < 80));
const applicationId = (db: Database.Database) => db.pragma('application_id', { simple: true });

describe('migration 80: application_id', () => {
  it("is ASCII 'PRCS'", () => {
    expect(Buffer.from(PRECIS_APPLICATION_ID.toString(16), 'hex').toString('latin1')).toBe('PRCS');
  });

  it('marks an archive from the release before, keeping its data', () => {
    const file = join(tempDir(), ARCHIVE_FILE_NAME);
    const old = new Database(file);
    migrate(old, PREVIOUS);
    old.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'kept')").run();
    expect(applicationId(old)).toBe(0);
    migrate(old, 80);
    expect(schemaVersion(old)).toBe(80);
    expect(applicationId(old)).toBe(PRECIS_APPLICATION_ID);
    expect(old.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: 'kept' });
    old.close();
    // In the header itself (offset 68, big-endian), where file(1) and other tools look.
    expect(readFileSync(file).readUInt32BE(68)).toBe(PRECIS_APPLICATION_ID);
  });

  it('is on a new archive, including one made from an empty file', () => {
    const db = openArchive(join(tempDir(), ARCHIVE_FILE_NAME));
    expect(applicationId(db)).toBe(PRECIS_APPLICATION_ID);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });
});

describe('only our archives are opened', () => {
  /** Another program's database: its own table and user_version. */
  function othersDatabase(userVersion: number, withOurTables = false): { file: string; bytes: Buffer } {
    const dir = tempDir();
    const file = join(dir, ARCHIVE_FILE_NAME);
    const other = new Database(file);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann')");
    if (withOurTables) other.exec('CREATE TABLE sources (id INTEGER); CREATE TABLE settings (key TEXT)');
    other.pragma(`user_version = ${userVersion}`);
    other.close();
    return { file, bytes: readFileSync(file) };
  }

  it("refuses another program's SQLite file with user_version 5, and leaves it byte for byte", async () => {
    const { file, bytes } = othersDatabase(5);
    expect(() => openArchive(file)).toThrow(/SQLite database but not a Précis archive/);
    await expect(openArchiveWithBackups(join(file, '..'), ARCHIVE_FILE_NAME)).rejects.toThrow(
      /not a Précis archive; it was left untouched/,
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses one whose user_version is one of ours but which lacks our tables, or has another application_id', () => {
    const { file, bytes } = othersDatabase(PREVIOUS);
    expect(() => openArchive(file)).toThrow(/not a Précis archive/);
    expect(readFileSync(file).equals(bytes)).toBe(true);

    const marked = othersDatabase(PREVIOUS, true);
    const db = new Database(marked.file);
    db.pragma('application_id = 1234');
    db.close();
    const markedBytes = readFileSync(marked.file);
    expect(() => openArchive(marked.file)).toThrow(/not a Précis archive/);
    expect(readFileSync(marked.file).equals(markedBytes)).toBe(true);
  });

  it('refuses a user_version beyond ours without our application_id as not ours (not as newer)', () => {
    const { file, bytes } = othersDatabase(LATEST_VERSION + 10, true);
    expect(() => openArchive(file)).toThrow(/not a Précis archive/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
