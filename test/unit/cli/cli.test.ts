import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSource } from '../../../main/archive/sources';
import { createBrief, saveBrief } from '../../../main/briefs/briefs';
import { openCore } from '../../../main/core';
import type { SerializedBriefState } from '../../../shared/briefDocument';
import { anchorFor, EXCERPT_NODE_TYPE } from '../../../shared/excerpt';
import { docxParts } from '../../support/docxReaders';

const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'main', 'bin', 'precis.cjs');

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

  it('seeds the archive on first use and lists the sources as JSON', () => {
    const run = precis(['sources', '--json'], dataDir);
    expect(run.status).toBe(0);
    const sources = JSON.parse(run.stdout) as { id: number; title: string }[];
    expect(sources).toHaveLength(5);
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

  it('exports a brief to a .docx whose footnote reads back, and explains a missing brief', async () => {
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test' });
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
    saveBrief(core.db, { id: brief.id, title: brief.title, content });
    core.close();

    const out = join(dataDir, 'note.docx');
    const run = precis(['export', String(brief.id), '-o', out], dataDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const parts = docxParts(readFileSync(out));
    expect(parts['word/document.xml']).toMatch(/<w:footnoteReference w:id="\d+"\/>/);
    expect(parts['word/footnotes.xml']).toContain(source.title.slice(0, 20));

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
    expect(await page.text()).toContain('precis-token');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
