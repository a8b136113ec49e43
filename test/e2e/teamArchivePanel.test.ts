import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../main/archive/database';
import { IN_CI } from '../support/ci';
import { docxParts } from '../support/docxReaders';
import { type PostgresCluster, postgresInstalled, startPostgresCluster } from '../support/postgresCluster';
import { ROOT, useBrowserMode } from './support/browserMode';

/**
 * The "Team archive" settings panel, end to end: a real throw-away PostgreSQL cluster set up with
 * the CLI as a team would (`team init`, `team user`, `import --archive`), then an analyst cleared
 * UNCLASSIFIED connects from browser mode, finds and cites the team source (never the PROTECTED B
 * one), and the brief still opens and exports with the server stopped (the local cache).
 */
const POSTGRES_PRESENT = postgresInstalled();
if (IN_CI && !POSTGRES_PRESENT) {
  throw new Error('PostgreSQL is not installed: apt-get install postgresql (tooling/systemPackages.mjs).');
}

const OWNER_PASSWORD = 'owner-secret';
const IMPORTER_PASSWORD = 'importer-secret';
// Distinctive, so a copy of it anywhere in the data dir or the page's storage is found.
const READER_PASSWORD = 'Rdr-only-for-this-session-7f3q';

const execFileAsync = promisify(execFile);

async function cli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [join(ROOT, 'dist', 'main', 'cli.cjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return stdout;
}

function article(title: string, outlet: string, published: string, body: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title>
<meta property="og:site_name" content="${outlet}"><meta property="article:published_time" content="${published}">
</head><body><article><h1>${title}</h1>${body
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;
}

/** Every byte of every file under `dir`, as text (to look for a secret that must not be there). */
function allFilesText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

describe.skipIf(!POSTGRES_PRESENT)('the Team archive panel (browser mode, real PostgreSQL)', () => {
  let cluster: PostgresCluster | null = null;
  let serverUrl = '';
  const work = mkdtempSync(join(tmpdir(), 'precis-team-e2e-'));

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const ownerUrl = cluster.createOwnedDatabase('team', 'team_owner', OWNER_PASSWORD);
    serverUrl = `postgres://127.0.0.1:${cluster.port}/team`;
    await cli(['team', 'init', '--archive', ownerUrl]);
    await Promise.all([
      cli(['team', 'user', 'importer', '--clearance', 'PROTECTED B', '--archive', ownerUrl], {
        PRECIS_TEAM_PASSWORD: IMPORTER_PASSWORD,
      }),
      cli(['team', 'user', 'reader', '--clearance', 'UNCLASSIFIED', '--archive', ownerUrl], {
        PRECIS_TEAM_PASSWORD: READER_PASSWORD,
      }),
    ]);
    const open = join(work, 'open.html');
    const secret = join(work, 'secret.html');
    writeFileSync(
      open,
      article(
        'Halifax frigate refit slips to autumn',
        'Harbour Gazette',
        '2024-04-02',
        'The frigate refit at the Halifax yard will not finish before the autumn, officials said on Tuesday.\n' +
          'Shipyard managers blamed late deliveries of radar parts and a shortage of welders.',
      ),
    );
    writeFileSync(
      secret,
      article(
        'Frigate radar assessment (internal)',
        'Departmental Assessments',
        '2024-04-03',
        'This internal assessment of the frigate radar programme finds the schedule at risk.\n' +
          'It recommends a second supplier for the radar arrays before the refit resumes.',
      ),
    );
    // A reference manager's entry dated to its month only (issue 16: the team archive kept no such date).
    const library = join(work, 'library.ris');
    writeFileSync(
      library,
      'TY  - NEWS\nTI  - Shipyard welder shortage deepens\nT2  - Coastal Times\nDA  - 2023/11\nER  - \n',
    );
    const importer = `postgres://importer@127.0.0.1:${cluster.port}/team`;
    const env = { PRECIS_TEAM_PASSWORD: IMPORTER_PASSWORD };
    const importDir = join(work, 'importer-data');
    // One import per file and data dir, both at once (the team archive serialises them itself).
    await Promise.all([
      cli(
        ['import', open, '--classification', 'UNCLASSIFIED', '--archive', importer, '--data-dir', `${importDir}1`],
        env,
      ),
      cli(
        ['import', secret, '--classification', 'PROTECTED B', '--archive', importer, '--data-dir', `${importDir}2`],
        env,
      ),
      cli(['import', library, '--archive', importer, '--data-dir', `${importDir}3`], env),
    ]);
    // Both are there for an analyst cleared PROTECTED B, so the reader not seeing one is the clearance.
    const both = await cli(
      ['search', 'frigate radar', '--json', '--archive', importer, '--data-dir', `${importDir}1`],
      env,
    );
    const found = JSON.parse(both) as { results: { title: string }[] };
    expect(found.results.map((r) => r.title).sort()).toEqual([
      'Frigate radar assessment (internal)',
      'Halifax frigate refit slips to autumn',
    ]);
  }, 120_000);

  afterAll(() => {
    cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const app = useBrowserMode();

  it('connects with a session-only password, finds and cites only what the analyst may see', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Team archive' }).click();
    const panel = page.getByRole('form', { name: 'Team archive settings' });
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/Not connected/);
    await panel.getByRole('textbox', { name: 'Server URL' }).fill(serverUrl);
    await panel.getByRole('textbox', { name: 'User' }).fill('reader');
    await panel.getByLabel('Password (this session only)').fill(READER_PASSWORD);
    await panel.getByRole('button', { name: 'Connect' }).click();
    // RLS: the reader sees one of the two team sources.
    await expect
      .poll(() => panel.getByRole('status').textContent())
      .toBe('Connected as reader: 2 sources you may see.');
    expect(await panel.getByLabel('Password (this session only)').inputValue()).toBe('');

    // The URL is remembered (without the password); the password is nowhere on disk or in the page's storage.
    const db = new Database(join(app.dataDir, ARCHIVE_FILE_NAME), { readonly: true });
    try {
      const settings = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
      expect(settings.find((row) => row.key === 'teamArchiveUrl')?.value).toBe(
        `postgres://reader@127.0.0.1:${cluster!.port}/team`,
      );
      expect(JSON.stringify(settings)).not.toContain(READER_PASSWORD);
    } finally {
      db.close();
    }
    expect(allFilesText(app.dataDir)).not.toContain(READER_PASSWORD);
    // A string, evaluated in the page (the node typings know no localStorage).
    const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(storage).toMatch(/^\{/);
    expect(storage).not.toContain(READER_PASSWORD);

    // A new brief, then search the team archive: the UNCLASSIFIED source, never the PROTECTED B one.
    await page.getByRole('button', { name: 'New brief' }).click();
    await page.getByRole('button', { name: 'Briefing note (English)' }).click();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor.getByRole('textbox', { name: 'Subject' }).fill('Frigate refit');
    await editor.locator('h2:has-text("Purpose") + p').click();
    await page.keyboard.type('The refit is late. ');

    await page.getByRole('searchbox', { name: 'Search sources' }).fill('frigate radar');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    expect(await results.textContent()).toMatch(/Halifax frigate refit/i);
    expect(await results.textContent()).not.toMatch(/assessment|internal/i);

    await results.getByRole('button', { name: /Halifax frigate refit/i }).click();
    const reader = page.getByRole('region', { name: 'Source' });
    await expect.poll(() => reader.getByRole('heading').first().textContent()).toMatch(/Halifax frigate refit/i);
    await expect.poll(() => reader.textContent()).toContain('Harbour Gazette');
    await reader.getByRole('button', { name: 'Cite source' }).click();
    const footnotes = page.getByRole('list', { name: 'Footnotes' });
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(1);
    await expect.poll(() => footnotes.getByRole('listitem').first().textContent()).toContain('Harbour Gazette');

    // A team source dated to its month: the month in the results, and in the footnote, never a made-up day.
    await editor.locator('h2:has-text("Purpose") + p').click();
    await page.keyboard.press('End');
    await page.keyboard.type('Welders are short. ');
    await page.getByRole('searchbox', { name: 'Search sources' }).fill('welder shortage');
    await expect
      .poll(() => results.textContent())
      .toMatch(/Shipyard welder shortage deepens.*Coastal Times · November 2023/);
    await results.getByRole('button', { name: /Shipyard welder shortage/i }).click();
    await expect.poll(() => reader.getByRole('heading').first().textContent()).toMatch(/Shipyard welder shortage/i);
    await reader.getByRole('button', { name: 'Cite source' }).click();
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => footnotes.textContent()).toMatch(/Coastal Times, November 2023/);
    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: /^Saved$/ })
          .count(),
      )
      .toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens the brief and exports it with its citation once the team server is stopped', async () => {
    const { page } = app;
    cluster!.stop();
    await page.reload();
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await expect.poll(() => editor.textContent()).toContain('The refit is late.');
    const footnotes = page.getByRole('list', { name: 'Footnotes' });
    await expect.poll(() => footnotes.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => footnotes.getByRole('listitem').first().textContent()).toContain('Harbour Gazette');
    expect(await footnotes.textContent()).toMatch(/Coastal Times, November 2023/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export to Word' }).click(),
    ]);
    const file = join(app.dataDir, 'team.docx');
    await download.saveAs(file);
    const parts = docxParts(readFileSync(file));
    expect(parts['word/document.xml']?.match(/<w:footnoteReference\b/g)).toHaveLength(2);
    expect(parts['word/footnotes.xml']).toContain('Harbour Gazette');
    expect(parts['word/footnotes.xml']).toMatch(/Coastal Times<\/w:t>.*November 2023/s);
    expect(parts['word/footnotes.xml']).toMatch(/Halifax Frigate Refit/i);

    // The panel says the session is still the team's, and that the server cannot be reached: not
    // "Not connected: searching the archive on this computer", which is not what searches do.
    await page.getByRole('button', { name: 'Team archive' }).click();
    const panel = page.getByRole('form', { name: 'Team archive settings' });
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Connected as reader.*cannot be reached/);
    expect(await panel.getByRole('textbox', { name: 'User' }).inputValue()).toBe('reader');
    expect(app.pageErrors).toEqual([]);
  });
});
