import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAuditLog } from '../../../main/team/teamAdmin';
import type { PostgresCluster } from '../../support/postgresCluster';
import { parsedSource } from './support/parsedSource';
import { ANALYST_PASSWORD, newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();

/** Plain SQL as a role, with psql over TCP and the role's password: no Précis code in the way. */
function psqlAs(
  c: PostgresCluster,
  database: string,
  role: string,
  sql: string,
): { out: string; error: string | null } {
  const psql = join(
    execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).trim(),
    'psql',
  );
  try {
    const out = execFileSync(
      psql,
      ['-h', '127.0.0.1', '-p', String(c.port), '-U', role, '-d', database, '-v', 'ON_ERROR_STOP=1', '-Atc', sql],
      {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: ANALYST_PASSWORD },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return { out: out.trim(), error: null };
  } catch (error) {
    return { out: '', error: String((error as { stderr?: string }).stderr ?? error) };
  }
}

describe.skipIf(!POSTGRES_PRESENT)('access by clearance, enforced by PostgreSQL', () => {
  it('a role cleared UNCLASSIFIED cannot see, search, count or export a PROTECTED B source, by the app or plain SQL; reads are audited', async () => {
    const team = await newTeamDatabase(cluster());
    const database = new URL(team.ownerUrl).pathname.slice(1);
    const cleared = await team.analyst('cleared_b', 'PROTECTED B');
    const reader = await team.analyst('reader_u', 'UNCLASSIFIED');

    const secret = await cleared.importParsed(
      parsedSource('The procurement memo on the frigate programme names the shipyard.', { title: 'Frigate memo' }),
      'memo.txt',
      { classification: 'PROTECTED B' },
    );
    const open = await cleared.importParsed(
      parsedSource('A public article on the frigate programme.', { title: 'Frigate news' }),
      'news.txt',
    );
    expect(secret.kind).toBe('imported');
    expect(open.kind).toBe('imported');
    if (secret.kind !== 'imported' || open.kind !== 'imported') return;

    // Through the app: the cleared role sees both; the unclassified one, only the public article.
    expect(await cleared.count()).toBe(2);
    expect(await reader.count()).toBe(1);
    expect((await reader.listSources()).map((s) => s.id)).toEqual([open.id]);
    expect((await reader.search({ query: 'frigate', limit: 20, offset: 0 })).results.map((h) => h.id)).toEqual([
      open.id,
    ]);
    expect((await reader.search({ query: 'shipyard', limit: 20, offset: 0 })).total).toBe(0);
    expect(await reader.getSource(secret.id)).toBeNull();
    expect(await reader.exportSources([secret.id, open.id])).toHaveLength(1);
    expect(await reader.updateMetadata(secret.id, { title: 'Declassified?' }, 1)).toEqual({ kind: 'not-found' });
    // Importing the same text again tells nothing of what it is.
    const copy = await reader.importParsed(
      parsedSource('The procurement memo on the frigate programme names the shipyard.'),
      'x.txt',
    );
    expect(copy.kind).toBe('failed');
    // Nor can an analyst mark a source above their own clearance.
    await expect(
      reader.importParsed(parsedSource('Another memo entirely.'), 'y.txt', { classification: 'SECRET' }),
    ).rejects.toThrow(/clearance/);

    // Through plain SQL as that role.
    expect(psqlAs(cluster(), database, 'reader_u', 'SELECT count(*) FROM sources').out).toBe('1');
    expect(psqlAs(cluster(), database, 'reader_u', `SELECT count(*) FROM sources WHERE id = ${secret.id}`).out).toBe(
      '0',
    );
    expect(
      psqlAs(
        cluster(),
        database,
        'reader_u',
        "SELECT count(*) FROM sources WHERE text_vector @@ to_tsquery('precis', 'shipyard')",
      ).out,
    ).toBe('0');
    expect(
      psqlAs(
        cluster(),
        database,
        'reader_u',
        `SELECT count(*) FROM precis_read_sources(ARRAY[${secret.id}]::bigint[], 'export')`,
      ).out,
    ).toBe('0');
    expect(psqlAs(cluster(), database, 'reader_u', 'SELECT body FROM sources').error).toMatch(/permission denied/);
    expect(psqlAs(cluster(), database, 'reader_u', 'SELECT count(*) FROM audit_log').error).toMatch(
      /permission denied/,
    );
    expect(
      psqlAs(
        cluster(),
        database,
        'reader_u',
        "INSERT INTO audit_log (action, source_id, classification) VALUES ('read', 1, 'SECRET')",
      ).error,
    ).toMatch(/permission denied/);
    expect(
      psqlAs(cluster(), database, 'reader_u', "UPDATE clearances SET classification = 'TOP SECRET'").error,
    ).toMatch(/permission denied/);
    expect(psqlAs(cluster(), database, 'cleared_b', 'SELECT count(*) FROM sources').out).toBe('2');

    // The database recorded the cleared analyst's read and export of the classified source, and nothing of the public one.
    await cleared.getSource(secret.id);
    await cleared.getSource(open.id);
    await cleared.exportSources([secret.id, open.id]);
    const audit = await readAuditLog(team.ownerUrl);
    const mine = audit.filter((row) => row.role === 'cleared_b' && row.action !== 'compare');
    expect(mine.map((row) => [row.action, row.sourceId, row.classification]).sort()).toEqual([
      ['export', secret.id, 'PROTECTED B'],
      ['read', secret.id, 'PROTECTED B'],
    ]);
    expect(audit.some((row) => row.role === 'reader_u')).toBe(false);
  });
});
