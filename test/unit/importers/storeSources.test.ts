import { afterEach, describe, expect, it } from 'vitest';
import { generateSources } from '../../../bench/corpus';
import type { Db } from '../../../main/archive/database';
import {
  chooseClusters,
  FEATURE_CACHE_SIZE,
  features,
  rememberedFeatures,
  rememberFeatures,
} from '../../../main/archive/nearDuplicates';
import type { ParsedFile } from '../../../main/importers/article';
import { prepareFile, storeParsedFiles } from '../../../main/importers/storeSources';
import type { ImportItemOutcome } from '../../../shared/contract';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';
import { archiveEnginesPerFile } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);

const freshArchive = archiveEnginesPerFile();

/**
 * Generated texts with near-duplicates (a paragraph dropped: same story, other edition) and exact
 * duplicates (the same text re-wrapped) of earlier ones, some of them earlier in the same batch,
 * some chained (a near-duplicate of a near-duplicate).
 */
function corpus(): ParsedFile[] {
  const files: ParsedFile[] = [...generateSources(60, { seed: 7 })].map((s) => ({
    title: s.title,
    outlet: s.outlet,
    author: s.author,
    publishedAt: s.publishedAt,
    url: null,
    language: s.language,
    body: s.body,
    original: s.original,
    format: 'txt',
    pageStarts: null,
  }));
  const edition = (of: ParsedFile, drop: number): ParsedFile => {
    const paragraphs = of.body.split('\n\n');
    paragraphs.splice(drop % paragraphs.length, 1);
    return { ...of, title: `${of.title} (update)`, body: paragraphs.join('\n\n') };
  };
  const rewrapped = (of: ParsedFile): ParsedFile => ({ ...of, body: of.body.replace(/\. /g, '.  ') });
  for (const [of, drop] of [
    [3, 1],
    [25, 0],
    [40, 2],
    [41, 1],
    [55, 3],
  ] as const) {
    files.push(edition(files[of]!, drop));
  }
  files.push(edition(files[files.length - 1]!, 1)); // a chain: edition of an edition in this batch
  files.push(rewrapped(files[5]!), rewrapped(files[30]!), rewrapped(files[61]!));
  return files;
}

function clusters(db: Db): unknown[] {
  return db.prepare('SELECT id, cluster_id, content_hash FROM sources ORDER BY id').all();
}
function fingerprints(db: Db): unknown[] {
  return db.prepare('SELECT source_id, bucket FROM source_lsh_buckets ORDER BY source_id, bucket').all();
}

describe('storeParsedFiles', () => {
  it('stores a batch exactly as storing its files one after another would', () => {
    const files = corpus().map((parsed, i) => prepareFile(parsed, `f${i}.txt`));
    const one = tempArchive().db;
    const oneByOne: ImportItemOutcome[] = files.map((file) => storeParsedFiles(one, [file])[0]!);
    const batched = tempArchive().db;
    // The first 20 are already stored: the rest find near-duplicates both there and in the batch.
    const outcomes = [...storeParsedFiles(batched, files.slice(0, 20)), ...storeParsedFiles(batched, files.slice(20))];
    expect(outcomes).toEqual(oneByOne);
    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(3);
    expect(clusters(batched)).toEqual(clusters(one));
    expect(fingerprints(batched)).toEqual(fingerprints(one));
    // The editions did cluster, the chain with its original's head.
    const members = batched.prepare('SELECT count(*) FROM sources WHERE cluster_id IS NOT NULL').pluck().get();
    expect(members).toBeGreaterThanOrEqual(5);
    const chain = outcomes[65] as { kind: 'imported'; id: number };
    const head = batched.prepare('SELECT cluster_id FROM sources WHERE id = ?').pluck().get(chain.id);
    expect(head).toBe((outcomes[55] as { id: number }).id);
  });

  it('fails only the file the archive refuses, and stores the rest of its batch', () => {
    const files = corpus().slice(0, 5);
    // Only a reference (no file) may have no text: the archive's trigger refuses this one.
    files.splice(2, 0, { ...files[0]!, title: 'Empty', body: '', original: 'x' });
    const { db } = tempArchive();
    const outcomes = storeParsedFiles(
      db,
      files.map((parsed, i) => prepareFile(parsed, `f${i}.txt`)),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['imported', 'imported', 'failed', 'imported', 'imported', 'imported']);
    expect(db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(5);
  });

  it('remembers the features of what it stored, as they would be read back from the archive', () => {
    // Later files are compared with these: the remembered features must be what reading the
    // stored text would give, so that clusters do not depend on what is remembered.
    const files = corpus().slice(0, 8);
    files.splice(2, 0, { ...files[0]!, title: 'Empty', body: '', original: 'x' });
    files.push({ ...files[3]!, body: files[3]!.body.replace(/\. /g, '.  ') }); // a duplicate
    const { db } = tempArchive();
    const outcomes = storeParsedFiles(
      db,
      files.map((parsed, i) => prepareFile(parsed, `f${i}.txt`)),
    );
    expect(outcomes.map((o) => o.kind)).toEqual([
      ...['imported', 'imported', 'failed', 'imported', 'imported', 'imported', 'imported', 'imported', 'imported'],
      'duplicate',
    ]);
    const stored = db.prepare('SELECT id, body, content_hash AS hash FROM sources').all() as {
      id: number;
      body: string;
      hash: string;
    }[];
    expect(stored).toHaveLength(8);
    for (const { id, body, hash } of stored) {
      expect(rememberedFeatures(db, id)).toEqual({ hash, features: features(body) });
    }
  });

  it('keeps a stored text compared again among the remembered, dropping the least recently used', () => {
    const [first, later] = corpus()
      .slice(0, 2)
      .map((parsed, i) => prepareFile(parsed, `f${i}.txt`));
    const { db } = tempArchive();
    const [stored] = storeParsedFiles(db, [first!]) as { id: number }[];
    // Others remembered after it, up to the limit: it is now the oldest.
    const others = Array.from({ length: FEATURE_CACHE_SIZE - 1 }, (_, i) => ({
      id: stored!.id + 1 + i,
      hash: `other ${i}`,
      features: later!.features,
    }));
    rememberFeatures(db, others);
    // A text like it (its own features) is compared with it: used again, so kept…
    expect(chooseClusters(db, [first!])).toEqual([{ head: stored!.id }]);
    rememberFeatures(db, [{ id: stored!.id + FEATURE_CACHE_SIZE, hash: 'one more', features: later!.features }]);
    expect(rememberedFeatures(db, stored!.id)).toBeDefined();
    // …and the least recently used goes in its place.
    expect(rememberedFeatures(db, others[0]!.id)).toBeUndefined();
    expect(rememberedFeatures(db, others[1]!.id)).toBeDefined();
  });
});

/** Outcomes and clusters named by file position, so that two archives' ids compare. */
function byPosition(outcomes: readonly ImportItemOutcome[], clusterOf: (id: number) => number): unknown[] {
  const position = new Map(outcomes.flatMap((o, i) => (o.kind === 'imported' ? [[o.id, i] as const] : [])));
  return outcomes.map((o) =>
    o.kind === 'imported'
      ? { kind: o.kind, head: position.get(clusterOf(o.id)) }
      : o.kind === 'duplicate'
        ? { kind: o.kind, of: position.get(o.duplicateOf) }
        : { kind: o.kind },
  );
}

// The same corpus into either engine, every file called at once as a folder's import does: the
// archive stores them in call order, with the duplicates and clusters of the local batch store.
describe.each(ENGINES)('storing parsed files (%s)', (engine) => {
  it('finds the same duplicates and forms the same clusters as the local batch store', async () => {
    const files = corpus();
    const local = tempArchive().db;
    const batched = storeParsedFiles(
      local,
      files.map((parsed, i) => prepareFile(parsed, `f${i}.txt`)),
    );
    const localHead = (id: number) =>
      local.prepare('SELECT coalesce(cluster_id, id) FROM sources WHERE id = ?').pluck().get(id) as number;
    const expected = byPosition(batched, localHead);

    const { archive } = await freshArchive(engine);
    const outcomes = await Promise.all(files.map((parsed, i) => archive.importParsed(parsed, `f${i}.txt`)));
    const heads = new Map((await archive.listSources()).map((s) => [s.id, s.clusterId]));
    expect(byPosition(outcomes, (id) => heads.get(id)!)).toEqual(expected);
  });

  it('refuses a file with no text that is not a reference, alone, and stores the rest', async () => {
    const files = corpus().slice(0, 5);
    files.splice(2, 0, { ...files[0]!, title: 'Empty', body: '', original: 'x' });
    const { archive } = await freshArchive(engine);
    const settled = await Promise.allSettled(files.map((parsed, i) => archive.importParsed(parsed, `f${i}.txt`)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.kind : 'refused'))).toEqual([
      'imported',
      'imported',
      'refused',
      'imported',
      'imported',
      'imported',
    ]);
    expect(await archive.count()).toBe(5);
  });
});
