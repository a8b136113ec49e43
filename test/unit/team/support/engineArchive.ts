import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect } from 'vitest';
import type { Db } from '../../../../main/archive/database';
import { sourceOriginal } from '../../../../main/archive/packedOriginal';
import type { ArchiveEngine, SourceArchive } from '../../../../main/archive/sourceArchive';
import { sqliteArchive } from '../../../../main/archive/sqliteArchive';
import { archiveSourceHandlers } from '../../../../main/handlers/teamSourceHandlers';
import type { ParsedFile } from '../../../../main/importers/article';
import { importBuffer } from '../../../../main/importers/importBuffer';
import { type ImportProgress, type ImportReport, importPaths } from '../../../../main/importers/importPaths';
import type { ImportItemOutcome } from '../../../../shared/contract';
import type { PostgresCluster } from '../../../support/postgresCluster';
import { SEEDS_DIR, tempArchive } from '../../support/tempArchive';
import { parsedSource } from './parsedSource';
import { newTeamDatabase, postgresClusterPerFile } from './teamFixture';

/**
 * An archive of either engine for the shared archive tests (test/unit/archive, search, importers
 * run through `describe.each(ENGINES)`). Everything a test does goes through the SourceArchive
 * interface; the few set-up writes the interface has no method for (joining a cluster by hand,
 * deleting a source) go through `admin`, which runs as the database's administrator: the SQLite
 * connection itself, or PostgreSQL's superuser over the cluster's socket (row-level security does
 * not apply to it). `db` is there only for the SQLite engine, for tests that look inside it.
 */
export interface EngineArchive {
  engine: ArchiveEngine;
  archive: SourceArchive;
  db: Db | null;
  /** One statement, `?` placeholders on SQLite and `$n` on PostgreSQL, parameters bound. */
  admin(sql: { sqlite: string; postgres: string }, params?: readonly unknown[]): Promise<void>;
  /** One query as the administrator (text and originals included, row-level security aside): its rows. */
  rows<T = Record<string, unknown>>(
    sql: { sqlite: string; postgres: string },
    params?: readonly unknown[],
  ): Promise<T[]>;
  /** A source's original as the engine keeps it (SQLite packs it: main/archive/packedOriginal.ts). */
  original(id: number): Promise<string | null>;
}

const admins: pg.Client[] = [];

/** A fresh, empty archive of the engine, as an analyst cleared to see everything. */
export async function engineArchive(engine: ArchiveEngine, cluster: () => PostgresCluster): Promise<EngineArchive> {
  if (engine === 'sqlite') {
    const { db } = tempArchive();
    return {
      engine,
      archive: sqliteArchive(db),
      db,
      admin: async (sql, params = []) => {
        db.prepare(sql.sqlite).run(...params);
      },
      rows: async <T>(sql: { sqlite: string }, params: readonly unknown[] = []) =>
        db.prepare(sql.sqlite).all(...params) as T[],
      original: async (id) => sourceOriginal(db, id),
    };
  }
  if (!team) team = await teamArchive(cluster());
  // One database per file, emptied for each test: a new database and `team init` take seconds.
  await team.query(
    'TRUNCATE sources, source_tags, source_lsh_buckets, search_terms, audit_log RESTART IDENTITY CASCADE',
  );
  const shared = team;
  return {
    engine,
    archive: shared.archive,
    db: null,
    admin: async (sql, params) => {
      await shared.query(sql.postgres, params);
    },
    rows: async <T>(sql: { postgres: string }, params?: readonly unknown[]) =>
      (await shared.query(sql.postgres, params)) as T[],
    original: async (id) =>
      ((await shared.query('SELECT original FROM sources WHERE id = $1', [id])) as { original: string }[])[0]
        ?.original ?? null,
  };
}

interface SharedTeamArchive {
  archive: SourceArchive;
  query(sql: string, params?: readonly unknown[]): Promise<unknown[]>;
}

let team: SharedTeamArchive | null = null;

async function teamArchive(running: PostgresCluster): Promise<SharedTeamArchive> {
  const database = await newTeamDatabase(running);
  const archive = await database.analyst('analyst_all', 'TOP SECRET');
  // The superuser logs in through the socket only (test/support/postgresCluster.ts).
  const client = new pg.Client({
    host: running.dir,
    port: running.port,
    user: 'postgres',
    database: database.database,
  });
  // The cluster stops at the end of the file; a dropped connection is then no failure.
  client.on('error', () => {});
  await client.connect();
  admins.push(client);
  return {
    archive,
    query: async (sql, params = []) => (await client.query(sql, [...params])).rows,
  };
}

/**
 * For a test file of shared archive tests: one throw-away PostgreSQL cluster for the file (when
 * PostgreSQL is installed; ENGINES then lists it) and a function that makes a fresh archive.
 */
export function archiveEnginesPerFile(): (engine: ArchiveEngine) => Promise<EngineArchive> {
  const cluster = postgresClusterPerFile();
  afterAll(async () => {
    team = null;
    for (const client of admins.splice(0)) await client.end().catch(() => {});
  });
  return (engine) => engineArchive(engine, cluster);
}

/** Imports and expects a new source; returns its id. */
export async function importedId(archive: SourceArchive, parsed: ParsedFile, fileName = 'a.txt'): Promise<number> {
  const outcome = await archive.importParsed(parsed, fileName);
  expect(outcome.kind, parsed.title).toBe('imported');
  return outcome.kind === 'imported' ? outcome.id : -1;
}

/** Stores texts one after another, as insertSources would; ids in order (-1 for a duplicate). */
export async function importAll(
  archive: SourceArchive,
  specs: readonly (Partial<ParsedFile> & { title: string; body: string })[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const spec of specs) {
    const outcome = await archive.importParsed(parsedSource(spec.body, spec), 'a.txt');
    ids.push(outcome.kind === 'imported' ? outcome.id : -1);
  }
  return ids;
}

/**
 * Imports a file given as bytes: on SQLite through importBuffer, the local import path; on
 * PostgreSQL as `import --archive` does, through the contract's importFile over the team archive.
 */
export async function importBytes(
  target: EngineArchive,
  name: string,
  bytes: Uint8Array | string,
): Promise<ImportItemOutcome> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  if (target.db) return importBuffer(target.db, name, data);
  return await archiveSourceHandlers(target.archive).importFile({ name, base64: Buffer.from(data).toString('base64') });
}

/**
 * importPaths into the engine's archive: on SQLite as `precis import` does; on PostgreSQL as
 * `precis import --archive` does, each file read here and sent through the contract's importFile
 * (the local archive beside it is an empty one, as the CLI's own is).
 */
export function importPathsInto(
  target: EngineArchive,
  paths: string[],
  onProgress?: ImportProgress,
): Promise<ImportReport> {
  if (target.db) return importPaths(target.db, paths, onProgress);
  const handlers = archiveSourceHandlers(target.archive);
  return importPaths(tempArchive().db, paths, onProgress, async (name, bytes) =>
    handlers.importFile({ name, base64: Buffer.from(bytes).toString('base64') }),
  );
}

/** importBytes, expecting a new source; returns its id. */
export async function importedBytes(target: EngineArchive, name: string, bytes: Uint8Array | string): Promise<number> {
  const outcome = await importBytes(target, name, bytes);
  if (outcome.kind !== 'imported') throw new Error(`${name}: ${JSON.stringify(outcome)}`);
  return outcome.id;
}

/**
 * The seed articles, imported in file order (importPaths on SQLite, file by file through the
 * interface on PostgreSQL); `id("004")` is the seed whose file name starts with 004_.
 */
export async function importSeeds(target: EngineArchive): Promise<(prefix: string) => number> {
  const files = readdirSync(SEEDS_DIR).sort();
  const ids = new Map<string, number>();
  for (const file of files) ids.set(file, await importedBytes(target, file, readFileSync(join(SEEDS_DIR, file))));
  return (prefix) => {
    const file = files.find((name) => name.startsWith(`${prefix}_`));
    expect(file, `seed ${prefix}`).toBeDefined();
    return ids.get(file!)!;
  };
}
