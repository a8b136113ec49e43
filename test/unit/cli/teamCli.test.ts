import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAuditLog } from '../../../main/team/teamAdmin';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { POSTGRES_PRESENT, postgresClusterPerFile } from '../team/support/teamFixture';

const cluster = postgresClusterPerFile();
afterEach(cleanUpTemp);

const LAUNCHER = join(__dirname, '..', '..', '..', 'bin', 'precis.cjs');

function precis(args: string[], dataDir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [LAUNCHER, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe.skipIf(!POSTGRES_PRESENT)('precis team and --archive', () => {
  it('sets up a team archive, adds analysts with clearances, imports marked sources and searches as each analyst', () => {
    const c = cluster();
    const ownerUrl = c.createOwnedDatabase('clitest', 'cli_owner', 'owner-pass');
    const dataDir = tempDir();
    const at = (role: string) => `postgres://${role}@127.0.0.1:${c.port}/clitest`;

    const init = precis(['team', 'init', '--archive', ownerUrl], dataDir);
    // The owner is no superuser: init says which statement a DBA must run for indexed searches.
    expect(init.stderr).toMatch(/^Warning: .* ALTER FUNCTION ts_match_vq\(tsvector, tsquery\) LEAKPROOF;/);
    expect(init.stdout).toMatch(/applied migrations 10, 20/);
    expect(init.status).toBe(0);
    c.superuserSql('ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF', 'clitest');
    const again = precis(['team', 'init', '--archive', ownerUrl], dataDir);
    expect(again.stdout).toMatch(/already up to date/);
    expect(again.stderr).toBe('');

    const ownerEnv = { PGPASSWORD: 'owner-pass' };
    const bob = precis(['team', 'user', 'bob', '--clearance', 'protected b', '--archive', at('cli_owner')], dataDir, {
      ...ownerEnv,
      PRECIS_TEAM_PASSWORD: 'bob-pass',
    });
    expect(bob.stdout, bob.stderr).toMatch(/Created bob, cleared PROTECTED B/);
    const eve = precis(['team', 'user', 'eve', '--clearance', 'UNCLASSIFIED', '--archive', at('cli_owner')], dataDir, {
      ...ownerEnv,
      PRECIS_TEAM_PASSWORD: 'eve-pass',
    });
    expect(eve.status, eve.stderr).toBe(0);
    const wrong = precis(['team', 'user', 'eve', '--clearance', 'VERY SECRET', '--archive', at('cli_owner')], dataDir);
    expect(wrong.status).toBe(2);

    const files = tempDir();
    writeFileSync(
      join(files, 'memo.txt'),
      'Frigate memo\n\nThe frigate programme memo names the shipyard and the costs.\n',
    );
    writeFileSync(
      join(files, 'news.txt'),
      'Frigate news\n\nA public article on the frigate programme and its schedule.\n',
    );
    const asBob = { PRECIS_TEAM_PASSWORD: 'bob-pass' };
    const marked = precis(
      ['import', join(files, 'memo.txt'), '--classification', 'PROTECTED B', '--json', '--archive', at('bob')],
      dataDir,
      asBob,
    );
    expect(marked.status, marked.stdout + marked.stderr).toBe(0);
    expect(JSON.parse(marked.stdout).imported).toHaveLength(1);
    expect(precis(['import', join(files, 'news.txt'), '--archive', at('bob')], dataDir, asBob).status).toBe(0);

    const search = (role: string, password: string) => {
      const run = precis(['search', 'frigate', '--json', '--archive', at(role)], dataDir, {
        PRECIS_TEAM_PASSWORD: password,
      });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { total: number; results: { title: string; snippet: string }[] };
    };
    expect(search('bob', 'bob-pass').total).toBe(2);
    const eveSees = search('eve', 'eve-pass');
    expect(eveSees.results.map((hit) => hit.title)).toEqual(['Frigate news']);
    expect(eveSees.results[0]!.snippet).toContain('**frigate**');
    const listed = precis(['sources', '--json', '--archive', at('eve')], dataDir, { PRECIS_TEAM_PASSWORD: 'eve-pass' });
    expect((JSON.parse(listed.stdout) as unknown[]).length).toBe(1);
    // The local archive was not touched by any of it.
    const local = precis(['sources', '--json'], dataDir);
    expect((JSON.parse(local.stdout) as { title: string }[]).map((s) => s.title)).not.toContain('Frigate memo');
    const exported = precis(['sources', '--format', 'ris', '--archive', at('bob')], dataDir, asBob);
    expect(exported.stdout).toContain('Frigate memo');
    return readAuditLog(ownerUrl).then((audit) => {
      expect(
        audit.some((row) => row.role === 'bob' && row.action === 'export' && row.classification === 'PROTECTED B'),
      ).toBe(true);
    });
  }, 300_000);
});
