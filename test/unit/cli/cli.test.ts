import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSource } from '../../../main/archive/sources';
import { createBrief, saveBrief } from '../../../main/briefs/briefs';
import { COMMANDS } from '../../../main/cli/commandList';
import { openCore } from '../../../main/core';
import { dispatch } from '../../../main/dispatch';
import type { SerializedBriefState } from '../../../shared/briefDocument';
import { formatCitation } from '../../../shared/citation';
import type { Handlers } from '../../../shared/contract';
import { anchorFor, EXCERPT_NODE_TYPE } from '../../../shared/excerpt';
import { docxParts } from '../../support/docxReaders';

const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'bin', 'precis.cjs');

function precis(args: string[], dataDir: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [LAUNCHER, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
}

describe('npx precis', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'precis-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints usage and exits 2 on a wrong command or option, without a stack trace', () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['search', '--bogus'],
      ['search', 'x', '--limit', 'many'],
      ['export', 'abc', '-o', 'x.docx'],
    ]) {
      const run = precis(args, dataDir);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: precis');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("refuses what the contract refuses, with the contract's own message, exit 2", async () => {
    const contractSays = await dispatch({} as Handlers, 'search', { query: 'x', limit: 1000 });
    expect(contractSays.ok).toBe(false);
    const run = precis(['search', 'x', '--limit', '1000'], dataDir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`precis: ${(contractSays as { error: { message: string } }).error.message}`);
    expect(run.stderr).toContain('Usage: precis');
    const misplaced = precis(['sources', '--limit', '5'], dataDir);
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toMatch(/^precis: sources does not take --limit\./);
  });

  it('prints the usage on --help, from the one list of commands', () => {
    const run = spawnSync(process.execPath, [LAUNCHER, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command.name} ${command.synopsis}\n`);
  });

  it('stops quietly when the reader of its output goes away (precis … | head)', async () => {
    // The reader closes its end before precis writes: the write fails with EPIPE.
    const child = spawn(process.execPath, [LAUNCHER, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', (status) => resolve(status)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('imports files and folders through the contract, with progress on stderr and failures reported', () => {
    const folder = mkdtempSync(join(tmpdir(), 'precis-cli-import-'));
    try {
      writeFileSync(join(folder, 'a-note.md'), '# Arctic patrols\n\nThe Arctic patrol season opens in June this year.');
      writeFileSync(join(folder, 'b-slides.pptx'), 'not a format Précis reads');
      const run = precis(['import', folder], dataDir);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`[1/2] ${join(folder, 'a-note.md')}`);
      expect(run.stderr).toContain(`[2/2] ${join(folder, 'b-slides.pptx')}`);
      expect(run.stdout).toMatch(/imported {2}#\d+ {2}Arctic patrols/);
      expect(run.stdout).toContain('unsupported format .pptx');
      expect(run.stdout).toContain('1 imported, 0 duplicates, 1 failed');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('seeds the archive on first use and lists the sources as JSON', () => {
    const run = precis(['sources', '--json'], dataDir);
    expect(run.status).toBe(0);
    const sources = JSON.parse(run.stdout) as { id: number; title: string }[];
    expect(sources.length).toBeGreaterThanOrEqual(5);
  });

  it('searches with highlighted snippets as one JSON document', () => {
    const run = precis(['search', 'Five Eyes', '--json', '--limit', '2'], dataDir);
    expect(run.status).toBe(0);
    const response = JSON.parse(run.stdout) as { total: number; results: { snippet: string; score: number }[] };
    // Three seeds mention Five Eyes; two of them are one story (a cluster, listed once).
    expect(response.total).toBeGreaterThanOrEqual(2);
    expect(response.results).toHaveLength(2);
    expect(response.results[0]!.snippet).toMatch(/\*\*(Five|Eyes)\*\*/);
    expect(response.results[0]!.score).toBeGreaterThanOrEqual(response.results[1]!.score);
  });

  it('shows a result’s year when its source has no day, as the interface does', () => {
    const library = join(dataDir, 'housing.bib');
    writeFileSync(
      library,
      '@techreport{housing, title = {Housing Economic Account}, institution = {Statistics Canada}, year = {2024}}\n',
    );
    expect(precis(['import', library], dataDir).status).toBe(0);
    const run = precis(['search', 'housing economic account', '--limit', '1'], dataDir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Housing Economic Account\n\s+.*2024/);
  });

  it('exports a brief to a .docx whose footnote reads back, and explains a missing brief', async () => {
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    const source = getSource(core.db, 1)!;
    const brief = createBrief(core.db, { template: 'blank', title: 'Five Eyes note' });
    const anchor = anchorFor(source.body, 0, 40);
    const content: SerializedBriefState = {
      root: {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'As reported, ', format: 0 },
              { type: EXCERPT_NODE_TYPE, version: 1, sourceId: source.id, quote: anchor.exact, anchor, source },
            ],
          },
        ],
      },
    };
    saveBrief(core.db, { id: brief.id, baseRevision: brief.revision, title: brief.title, content });
    core.close();

    const out = join(dataDir, 'note.docx');
    const run = precis(['export', String(brief.id), '-o', out], dataDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const parts = docxParts(readFileSync(out));
    expect(parts['word/document.xml']).toMatch(/<w:footnoteReference w:id="\d+"\/>/);
    // The footnote is the brief's citation (Chicago, the default), whatever runs carry it.
    const noteText = [...parts['word/footnotes.xml']!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)]
      .map((match) => match[1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))))
      .join('');
    expect(noteText).toBe(` ${formatCitation(source)}`);

    const missing = precis(['export', '999', '-o', out], dataDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^precis: Brief 999 does not exist/);
  });

  it('serves browser mode on a free port until SIGTERM', async () => {
    const child = spawn(process.execPath, [LAUNCHER, 'serve', '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/.exec(output);
        if (match) resolve(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    // The page holds no secret: it reads the token from its own address (renderer/api/client.ts).
    expect(await page.text()).not.toContain(new URL(url).searchParams.get('token'));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
