import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceSummary } from '../../../shared/source';

const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'bin', 'precis.cjs');
const SCAN = join(ROOT, 'test', 'fixtures', 'scanned', 'scanned-fr.pdf');
const dataDir = mkdtempSync(join(tmpdir(), 'precis-cli-ocr-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const precis = (...args: string[]) =>
  spawnSync(process.execPath, [LAUNCHER, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 });

describe('npx precis import of a scanned PDF', () => {
  it('reports OCR progress on stderr, and sources --json lists the pages read by OCR', () => {
    const imported = precis('import', SCAN);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('OCR page 1 of 2');
    expect(imported.stderr).toContain('OCR page 2 of 2');
    const listed = precis('sources', '--json');
    expect(listed.status, listed.stderr).toBe(0);
    const sources = (JSON.parse(listed.stdout) as unknown[]).map((source) => SourceSummary.parse(source));
    const scan = sources.find((source) => source.format === 'pdf' && source.language === 'fr');
    expect(scan?.ocrPages).toEqual([1, 2]);
    // The seeds have no scanned pages.
    expect(sources.filter((source) => source !== scan).every((source) => source.ocrPages === null)).toBe(true);
  }, 180_000);
});
