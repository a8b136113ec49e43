import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { METADATA_FIELDS, SourceSummary } from '../../../shared/source';

const LAUNCHER = join(__dirname, '..', '..', '..', 'bin', 'precis.cjs');
const dataDir = mkdtempSync(join(tmpdir(), 'precis-cli-provenance-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npx precis sources --json', () => {
  it('gives each source needsReview and, per field, where its value came from', () => {
    const run = spawnSync(process.execPath, [LAUNCHER, 'sources', '--json', '--data-dir', dataDir], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const sources = (JSON.parse(run.stdout) as unknown[]).map((source) => SourceSummary.parse(source));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(Object.keys(source.provenance).sort()).toEqual([...METADATA_FIELDS].sort());
      expect(typeof source.needsReview).toBe('boolean');
    }
    // The samples carry no dates but one: they are listed for review.
    const cp = sources.find((source) => source.outlet === 'The Canadian Press')!;
    expect(cp.provenance).toMatchObject({
      outlet: { from: 'byline', strength: 'strong' },
      publishedAt: { from: 'none' },
    });
    expect(cp.needsReview).toBe(true);
  });
});
