import pg from 'pg';
import type { Classification } from '../../shared/source';
import { UserError } from '../errors';
import { migrateTeamArchive } from './migrations';
import { withPassword } from './postgresArchive';

/**
 * Administering a team archive as its owner (the role that owns the database, with CREATEROLE):
 * `team init` creates or migrates the schema; `team user` creates or updates an analyst's login
 * role and clearance. Role names and passwords reach DDL (which takes no bound parameters) only
 * through the server's own format('%I', '%L') quoting.
 */

/** A role name we accept: lower case, as PostgreSQL folds unquoted names. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function withOwner<T>(
  url: string,
  password: string | undefined,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: withPassword(url, password) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface InitOutcome {
  applied: number[];
  owner: string;
  /**
   * Whether analysts' searches can use the text indexes: row-level security lets the planner use an
   * index only for leakproof operators, and `@@` is not marked so until a superuser says it is
   * (docs/team-archive.md). Without it every analyst search reads the whole table.
   */
  textIndexUsable: boolean;
}

/** The one statement that lets an analyst's text search use its GIN index under row-level security. */
export const LEAKPROOF_STEP = 'ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF';

export async function initTeamArchive(url: string, password?: string): Promise<InitOutcome> {
  return withOwner(url, password, async (client) => {
    const applied = await migrateTeamArchive(client);
    // The owner grants clearances, so it holds the highest one (it is bound by RLS like everyone).
    const { rows } = await client.query<{ owner: string }>(
      `INSERT INTO clearances (role_name, classification) VALUES (session_user, 'TOP SECRET')
       ON CONFLICT (role_name) DO UPDATE SET classification = excluded.classification RETURNING role_name AS owner`,
    );
    const { rows: state } = await client.query<{ leakproof: boolean; superuser: boolean }>(
      `SELECT p.proleakproof AS leakproof, r.rolsuper AS superuser FROM pg_proc p, pg_roles r
       WHERE p.oid = 'ts_match_vq(tsvector,tsquery)'::regprocedure AND r.rolname = session_user`,
    );
    let textIndexUsable = state[0]?.leakproof === true;
    // Run by a superuser (a DBA initialising the archive), init takes the step itself.
    if (!textIndexUsable && state[0]?.superuser === true) {
      await client.query(LEAKPROOF_STEP);
      textIndexUsable = true;
    }
    return { applied, owner: rows[0]!.owner, textIndexUsable };
  });
}

export interface UserOutcome {
  role: string;
  created: boolean;
  clearance: Classification;
}

export async function upsertTeamUser(
  url: string,
  ownerPassword: string | undefined,
  user: { name: string; password: string | null; clearance: Classification },
): Promise<UserOutcome> {
  if (!ROLE_NAME.test(user.name)) {
    throw new UserError(
      'invalid-input',
      'A user name is lower-case letters, digits and _ (up to 63), starting with a letter or _.',
    );
  }
  return withOwner(url, ownerPassword, async (client) => {
    await client.query('BEGIN');
    try {
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user.name])).rowCount! > 0;
      if (!exists && user.password === null) throw new UserError('invalid-input', `A new user needs a password.`);
      const verb = exists ? 'ALTER' : 'CREATE';
      if (user.password !== null) {
        const { rows } = await client.query<{ ddl: string }>(
          `SELECT format('${verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS ddl`,
          [user.name, user.password],
        );
        await client.query(rows[0]!.ddl);
      }
      const grant = await client.query<{ ddl: string }>(
        "SELECT format('GRANT precis_analyst TO %I', $1::text) AS ddl",
        [user.name],
      );
      await client.query(grant.rows[0]!.ddl);
      await client.query(
        `INSERT INTO clearances (role_name, classification) VALUES ($1, $2)
         ON CONFLICT (role_name) DO UPDATE SET classification = excluded.classification, granted_at = now(), granted_by = session_user`,
        [user.name, user.clearance],
      );
      await client.query('COMMIT');
      return { role: user.name, created: !exists, clearance: user.clearance };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

/** The audit log, newest first (the owner's view; analysts cannot read it). */
export async function readAuditLog(
  url: string,
  password?: string,
): Promise<{ at: Date; role: string; action: string; sourceId: number; classification: string }[]> {
  return withOwner(url, password, async (client) => {
    const { rows } = await client.query(
      'SELECT at, role_name, action, source_id, classification FROM audit_log ORDER BY id DESC',
    );
    return rows.map((row) => ({
      at: row.at,
      role: row.role_name,
      action: row.action,
      sourceId: Number(row.source_id),
      classification: row.classification,
    }));
  });
}
