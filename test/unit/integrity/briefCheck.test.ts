import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBrief, getBrief, saveBrief } from '../../../main/briefs/briefs';
import { openCore } from '../../../main/core';
import { exportBrief } from '../../../main/export/exportBrief';
import { checkSavedBrief } from '../../../main/integrity/briefCheck';
import { importReferences } from '../../../main/interchange/importReferences';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { noteOf, seedsBrief } from './integrityKit';

const LAUNCHER = join(__dirname, '..', '..', '..', 'bin', 'precis.cjs');
afterEach(cleanUpTemp);

describe('the brief check', () => {
  it('finds on a brief built from the seeds each kind of finding, with its severity and place', async () => {
    const { db } = tempArchive();
    const { id, seed } = await seedsBrief(db);
    const check = checkSavedBrief(db, id);
    expect(check.requiredClassification).toBe('PROTECTED B');
    const byKind = (kind: string) => check.findings.filter((f) => f.kind === kind);
    expect(byKind('altered-quotation')).toMatchObject([{ severity: 'blocking', footnote: 1, path: [5] }]);
    expect(byKind('classification')).toMatchObject([{ severity: 'blocking', sourceIds: [seed('003')], path: [7] }]);
    expect(byKind('classification')[0]!.message).toContain('must be marked at least PROTECTED B');
    const weak = byKind('weak-support');
    expect(weak.map((f) => [f.path, f.sourceIds])).toEqual([
      [[7], [seed('003')]],
      [[9], [seed('000'), seed('001')]],
    ]);
    expect(weak[1]!.message).toMatch(/^Recommendation\(s\): .* rests on a single origin/);
    expect(byKind('uncited-paragraph')).toMatchObject([{ severity: 'warning', path: [3] }]);
    expect(byKind('incomplete-citation').length).toBeGreaterThan(0);
    expect(byKind('metadata-review').length).toBeGreaterThan(0);
    const [names] = byKind('name-variant');
    expect(names!.message).toMatch(
      /“Joly” \(minister Mélanie Joly\) is also spelled “Jolly”, “Jolie”|“Jolie”, “Jolly”/,
    );
    expect(names!.path).toEqual([5]);
    // Most severe first.
    const order = check.findings.map((f) => f.severity);
    expect(order).toEqual([...order].sort((a, b) => rank(a) - rank(b)));
  });

  it('counts a year or a month as a date: only a source with none is listed as undated', async () => {
    const { db } = tempArchive();
    const library = [
      {
        id: 'a',
        type: 'report',
        title: 'Dated by its year',
        author: [{ literal: 'Statistics Canada' }],
        issued: { 'date-parts': [[2024]] },
      },
      {
        id: 'b',
        type: 'report',
        title: 'Dated by its month',
        author: [{ literal: 'Statistics Canada' }],
        issued: { 'date-parts': [[2024, 3]] },
      },
      { id: 'c', type: 'report', title: 'Not dated at all', author: [{ literal: 'Statistics Canada' }] },
    ];
    await importReferences(db, 'zotero.json', new TextEncoder().encode(JSON.stringify(library)));
    const idOf = (title: string) =>
      Number((db.prepare('SELECT id FROM sources WHERE title = ?').get(title) as { id: number }).id);
    const brief = createBrief(db, { template: 'briefing-note-en' });
    const content = noteOf(db, [
      [
        'Background',
        [
          [
            'Prices rose.',
            { cite: idOf('Dated by its year') },
            { cite: idOf('Dated by its month') },
            { cite: idOf('Not dated at all') },
          ],
        ],
      ],
    ]);
    saveBrief(db, {
      id: brief.id,
      baseRevision: brief.revision,
      title: 'Dates',
      classification: 'UNCLASSIFIED',
      content,
    });
    const undated = checkSavedBrief(db, brief.id).findings.filter(
      (f) => f.kind === 'incomplete-citation' && /no date/.test(f.message),
    );
    expect(undated.map((f) => f.sourceIds)).toEqual([[idOf('Not dated at all')]]);
  });

  it('is clean on a brief that cites nothing and states no fact', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'briefing-note-en' });
    expect(checkSavedBrief(db, brief.id).findings).toEqual([]);
  });
});

const rank = (severity: string) => ['blocking', 'warning', 'notice'].indexOf(severity);

describe('export below the roll-up', () => {
  it('is refused before any file is chosen or written, naming the sources and the marking', async () => {
    const { db, dir } = tempArchive();
    const { id, seed } = await seedsBrief(db);
    const path = join(dir, 'refused.docx');
    let asked = false;
    const refused = exportBrief(
      db,
      { id, includeGrades: false, includeSourceList: false },
      {
        kind: 'file',
        choosePath: () => {
          asked = true;
          return path;
        },
      },
    );
    await expect(refused).rejects.toMatchObject({ code: 'below-marking', details: { required: 'PROTECTED B' } });
    await expect(refused).rejects.toThrow(`#${seed('003')}`);
    expect(asked).toBe(false);
    expect(existsSync(path)).toBe(false);
    const brief = getBrief(db, id)!;
    saveBrief(db, { id, baseRevision: brief.revision, classification: 'PROTECTED B', content: brief.content });
    await exportBrief(
      db,
      { id, includeGrades: false, includeSourceList: false },
      { kind: 'file', choosePath: () => path },
    );
    expect(existsSync(path)).toBe(true);
  });
});

describe('npx precis check and export', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'precis-check-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const precis = (...args: string[]) =>
    spawnSync(process.execPath, [LAUNCHER, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 });

  it('check exits 1 with one line per finding (or --json), export exits 1 with one line and writes nothing', async () => {
    const core = await openCore({ dataDir, seedsDir: null, mode: 'browser', version: 'test', allowRepair: true });
    const { id, seed } = await seedsBrief(core.db);
    const clean = createBrief(core.db, { template: 'blank', title: 'Empty' });
    const marked = seed('003');
    core.close();

    const check = precis('check', String(id));
    if (process.env.SHOW_CHECK) console.log(check.stdout);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/^blocking\t.*must be marked at least PROTECTED B\.$/m);
    expect(check.stdout).toMatch(/^warning\tRecommendation\(s\): .*single origin/m);
    const json = JSON.parse(precis('check', String(id), '--json').stdout) as { findings: unknown[] };
    expect(json.findings.length).toBe(check.stdout.trim().split('\n').length - 1);
    const nothing = precis('check', String(clean.id));
    expect([nothing.status, nothing.stdout.trim()]).toEqual([0, `Brief ${clean.id}: nothing to report.`]);

    const file = join(dataDir, 'out.docx');
    const refused = precis('export', String(id), '-o', file);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`#${marked}`);
    expect(refused.stderr).toContain('PROTECTED B');
    expect(existsSync(file)).toBe(false);
  });
});
