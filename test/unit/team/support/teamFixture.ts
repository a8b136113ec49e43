import { afterAll, beforeAll, expect } from 'vitest';
import type { ArchiveEngine, SourceArchive } from '../../../../main/archive/sourceArchive';
import { sqliteArchive } from '../../../../main/archive/sqliteArchive';
import { openPostgresArchive } from '../../../../main/team/postgresArchive';
import { initTeamArchive, upsertTeamUser } from '../../../../main/team/teamAdmin';
import type { Classification } from '../../../../shared/source';
import { IN_CI } from '../../../support/ci';
import { type PostgresCluster, postgresInstalled, startPostgresCluster } from '../../../support/postgresCluster';
import { tempArchive } from '../../support/tempArchive';

/**
 * One throw-away PostgreSQL cluster per test file (started in beforeAll, stopped in afterAll), and
 * a fresh team archive database per test, owned by its own role and set up by `team init`.
 * Without PostgreSQL installed the file fails under CI=true and is skipped elsewhere.
 */
export const POSTGRES_PRESENT = postgresInstalled();
if (IN_CI && !POSTGRES_PRESENT) {
  throw new Error('PostgreSQL is not installed: apt-get install postgresql (tooling/systemPackages.mjs).');
}

let cluster: PostgresCluster | null = null;
let databases = 0;
const opened: SourceArchive[] = [];

export function postgresClusterPerFile(): () => PostgresCluster {
  beforeAll(async () => {
    if (POSTGRES_PRESENT) cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(async () => {
    for (const archive of opened.splice(0)) await archive.close().catch(() => {});
    cluster?.stop();
    cluster = null;
  });
  return () => {
    expect(cluster, 'the PostgreSQL cluster is running').not.toBeNull();
    return cluster!;
  };
}

export const OWNER_PASSWORD = 'owner-secret';
export const ANALYST_PASSWORD = 'analyst-secret';

export interface TeamDatabase {
  ownerUrl: string;
  database: string;
  /** The archive URL as a named analyst logs in (password in the URL, as tests may). */
  urlFor(role: string): string;
  /** Creates (or updates) an analyst and opens the archive as them. */
  analyst(role: string, clearance: Classification): Promise<SourceArchive>;
  owner(): SourceArchive;
}

/** A new database and owner role in the cluster, with the schema from `team init`. */
export async function newTeamDatabase(cluster: PostgresCluster): Promise<TeamDatabase> {
  const n = ++databases;
  const ownerUrl = cluster.createOwnedDatabase(`team${n}`, `owner${n}`, OWNER_PASSWORD);
  await initTeamArchive(ownerUrl);
  const urlFor = (role: string) => `postgres://${role}:${ANALYST_PASSWORD}@127.0.0.1:${cluster.port}/team${n}`;
  const track = (archive: SourceArchive) => {
    opened.push(archive);
    return archive;
  };
  return {
    ownerUrl,
    database: `team${n}`,
    urlFor,
    async analyst(role, clearance) {
      await upsertTeamUser(ownerUrl, undefined, { name: role, password: ANALYST_PASSWORD, clearance });
      return track(openPostgresArchive({ url: urlFor(role), max: 4 }));
    },
    owner: () => track(openPostgresArchive({ url: ownerUrl, max: 4 })),
  };
}

/** The engines every shared archive test runs against. */
export const ENGINES: readonly ArchiveEngine[] = POSTGRES_PRESENT ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, empty archive of the engine, cleared to see everything. */
export async function freshArchive(engine: ArchiveEngine, cluster: () => PostgresCluster): Promise<SourceArchive> {
  if (engine === 'sqlite') return sqliteArchive(tempArchive().db);
  const team = await newTeamDatabase(cluster());
  return team.analyst('analyst_all', 'TOP SECRET');
}
