import type { ClientBase } from 'pg';
import { sql as sources } from './0010-sources';
import { sql as clearances } from './0020-clearances';
import { sql as searchSpeed } from './0030-search-speed';
import { sql as searchParity } from './0040-searchParity';
import { sql as referenceDetails } from './0050-referenceDetails';
import { sql as bulkLoad } from './0060-bulkLoad';
import { sql as searchCpu } from './0070-searchCpu';
import { sql as titleImpacts } from './0080-titleImpacts';
import { sql as prefixImpacts } from './0090-prefixImpacts';

/**
 * The team archive's schema changes, numbered like the local ones (main/archive/migrations) and
 * recorded in precis_schema. Each runs in one transaction with its record, under an advisory
 * lock, so two `team init` at once apply each migration once.
 */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 10, name: 'sources', sql: sources },
  { version: 20, name: 'clearances', sql: clearances },
  { version: 30, name: 'search speed', sql: searchSpeed },
  { version: 40, name: 'search parity', sql: searchParity },
  { version: 50, name: 'reference details', sql: referenceDetails },
  { version: 60, name: 'bulk load', sql: bulkLoad },
  { version: 70, name: 'search cpu', sql: searchCpu },
  { version: 80, name: 'title impacts', sql: titleImpacts },
  { version: 90, name: 'prefix impacts', sql: prefixImpacts },
];

export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;
/** pg_advisory_xact_lock key of schema changes ('PRCS' as an integer, like the local application_id). */
const MIGRATION_LOCK = 0x50524353;

export async function pgSchemaVersion(client: ClientBase): Promise<number> {
  const exists = await client.query("SELECT to_regclass('public.precis_schema') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) return 0;
  const { rows } = await client.query('SELECT coalesce(max(version), 0) AS version FROM precis_schema');
  return Number(rows[0]?.version ?? 0);
}

/** Brings the schema to the latest version; returns the versions applied. */
export async function migrateTeamArchive(client: ClientBase): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS precis_schema (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    await client.query('REVOKE ALL ON precis_schema FROM PUBLIC');
    const current = await pgSchemaVersion(client);
    if (current > PG_LATEST_VERSION) {
      throw new Error(
        `This team archive was set up by a newer Précis (schema version ${current}; this version understands up to ${PG_LATEST_VERSION}).`,
      );
    }
    for (const migration of PG_MIGRATIONS) {
      if (migration.version <= current) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO precis_schema (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return applied;
}
