import { foldForComparison } from '../../shared/text';
import { type Db, prepareCached } from './database';

/**
 * Groups near-duplicates at import: syndicated copies with different chrome, lightly edited
 * rewrites, and translations of one article into the same language. Exact copies never get here
 * (the content hash catches them).
 *
 * Two measures over content words (folded, stop words dropped, lightly stemmed):
 * - phrase overlap: Jaccard similarity of adjacent word pairs. Copies and rewrites share most of
 *   their phrasing; different stories on the same topic share almost none (< 0.1).
 * - vocabulary overlap: Jaccard similarity of the words themselves. Two translations of one
 *   article word it differently but use the same names, numbers and terms (> 0.5); another story
 *   on the same topic shares its topic words only (about 0.2).
 * Finding candidates must not mean comparing with the whole archive, so each source gets a
 * MinHash signature of its content words, cut into bands (locality-sensitive hashing): sources
 * that share a band's bucket are likely similar, and only those are compared exactly. Words, not
 * word pairs, are hashed because translations share words far more than phrasing.
 */

/** Bump when features or hashing change: older fingerprints are then made again. */
export const FINGERPRINT_SCHEME = 1;
// 32 bands of 2 hashes: a pair whose vocabularies overlap 0.4 becomes a candidate 99.6% of the
// time, 0.3 95%; unrelated texts (0.1) 28%, and those are then rejected by the exact check.
const BANDS = 32;
const ROWS = 2;
/** Below this many distinct content words (a note, a headline), a source is never clustered. */
const MIN_CONTENT_WORDS = 20;
/** The candidates sharing most buckets are checked; the rest are almost never near-duplicates. */
const MAX_CANDIDATES = 20;

export const THRESHOLDS = {
  /** Phrase overlap that alone makes a near-duplicate (copies, rewrites). */
  phrases: 0.3,
  /** Vocabulary overlap that, with some shared phrasing, makes one (translations). */
  vocabulary: 0.4,
  phrasesWithVocabulary: 0.1,
  /** A shortened copy: most of the shorter text's phrases are in the longer one... */
  containment: 0.8,
  /** ...and it is not a short passage quoted inside a much longer text. */
  minLengthRatio: 0.2,
};

/**
 * A text's distinct content words and adjacent word pairs, each as a 53-bit key (wordKey), in
 * ascending order: a few kilobytes a text where sets of strings took tens, compared by one merge.
 */
export interface Features {
  words: Float64Array;
  pairs: Float64Array;
}

export interface Fingerprint {
  contentWords: number;
  /** One bucket per band; empty when the text is too short to cluster. */
  buckets: number[];
}

export interface Similarity {
  phrases: number;
  vocabulary: number;
  containment: number;
  lengthRatio: number;
}

// English and French function words, and words every news story uses: they say nothing about
// which story a text tells.
const STOP_WORDS = new Set(
  `a an the and or but nor of to in on at by for with from as is are was were be been being it its this that these
   those there here he she they we you i me him her his hers their theirs our ours your them us who whom whose which
   what when where why how not no yes so if than then also would will can could should may might must do does did
   done has have had having into about after before over under between during while such other more most some any
   all each both only own same very just said says say says told according mr mrs ms mme dr one two new last first
   le la les l de des du d et est une un dans pour que qui quoi sur avec par au aux pas ce cet cette ces sont ete etre
   il elle ils elles on ont ne se sa son ses leur leurs nous vous mais ou ou en y a plus comme aussi selon dont tres
   lui meme deux entre sans sous apres avant fait faire`
    .split(/\s+/)
    .filter(Boolean),
);

/** Content words in order: folded, stop words and single letters dropped, endings trimmed. */
function contentWords(text: string): string[] {
  const words = foldForComparison(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => word.length > 1 && !STOP_WORDS.has(word)).map(stem);
}

// Plural and common inflections, English and French, so "sanctions"/"sanction" and
// "militaires"/"militaire" match across two translations.
function stem(word: string): string {
  if (word.length <= 4 || /^\d+$/.test(word)) return word;
  return word.replace(/(?:ies|ing|ed|es|s|ly|e|x)$/, '');
}

export function features(body: string): Features {
  const words = contentWords(body);
  const pairs: number[] = [];
  for (let i = 1; i < words.length; i++) pairs.push(wordKey(`${words[i - 1]} ${words[i]}`));
  return { words: distinctSorted(words.map(wordKey)), pairs: distinctSorted(pairs) };
}

function distinctSorted(keys: number[]): Float64Array {
  const sorted = Float64Array.from(keys).sort();
  let size = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[size - 1]) sorted[size++] = sorted[i]!;
  return sorted.slice(0, size);
}

/** Keys both sorted lists hold. */
function overlap(x: Float64Array, y: Float64Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return shared;
}

export function similarity(a: Features, b: Features): Similarity {
  const jaccard = (x: Float64Array, y: Float64Array, shared: number) =>
    shared === 0 ? 0 : shared / (x.length + y.length - shared);
  const sharedPairs = overlap(a.pairs, b.pairs);
  const smaller = Math.min(a.pairs.length, b.pairs.length);
  return {
    phrases: jaccard(a.pairs, b.pairs, sharedPairs),
    vocabulary: jaccard(a.words, b.words, overlap(a.words, b.words)),
    containment: smaller === 0 ? 0 : sharedPairs / smaller,
    lengthRatio: smaller / Math.max(1, a.pairs.length, b.pairs.length),
  };
}

/** The decision, kept apart from the measures so tests and tuning can see both. */
export function isNearDuplicate(a: Features, b: Features): boolean {
  if (a.words.length < MIN_CONTENT_WORDS || b.words.length < MIN_CONTENT_WORDS) return false;
  const s = similarity(a, b);
  return (
    s.phrases >= THRESHOLDS.phrases ||
    (s.vocabulary >= THRESHOLDS.vocabulary && s.phrases >= THRESHOLDS.phrasesWithVocabulary) ||
    (s.containment >= THRESHOLDS.containment && s.lengthRatio >= THRESHOLDS.minLengthRatio)
  );
}

export function fingerprint(f: Features): Fingerprint {
  if (f.words.length < MIN_CONTENT_WORDS) return { contentWords: f.words.length, buckets: [] };
  const minima = new Uint32Array(BANDS * ROWS).fill(0xffffffff);
  const add = (key: number) => {
    // The key's low 32 bits are the word's FNV-1a hash, what scheme 1 has always hashed.
    const base = key % 2 ** 32;
    for (let i = 0; i < minima.length; i++) {
      const value = mix32(base ^ SEEDS[i]!);
      if (value < minima[i]!) minima[i] = value;
    }
  };
  for (const word of f.words) add(word);
  const buckets: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let hash = mix32(band + 1);
    for (let row = 0; row < ROWS; row++) hash = mix32(hash ^ minima[band * ROWS + row]!);
    // The band goes in the high bits, so one integer names the bucket (exact below 2^53).
    buckets.push(band * 2 ** 32 + hash);
  }
  return { contentWords: f.words.length, buckets };
}

/** A text about to be stored: its features and fingerprint, made before the write transaction. */
export interface Fingerprinted {
  features: Features;
  print: Fingerprint;
}

/**
 * Where each text of a batch belongs, in order, as if they were stored one after another: the
 * head of an existing cluster (`{ head }`), an earlier text of the same batch (`{ batchIndex }`,
 * whose own cluster the caller resolves once it has ids), or nowhere (null). Candidates are the
 * sources sharing most LSH buckets (stored ones by id, then the batch's earlier texts, as their ids
 * will follow); the closest that passes `isNearDuplicate` wins. Read in one query for the batch.
 */
export type ClusterChoice = { head: number } | { batchIndex: number } | null;

export function chooseClusters(db: Db, items: readonly Fingerprinted[]): ClusterChoice[] {
  const wanted = new Set<number>();
  for (const item of items) for (const bucket of item.print.buckets) wanted.add(bucket);
  const stored = new Map<number, number[]>();
  if (wanted.size > 0) {
    const rows = prepareCached(
      db,
      'SELECT bucket, source_id AS id FROM source_lsh_buckets WHERE bucket IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify([...wanted])) as { bucket: number; id: number }[];
    for (const { bucket, id } of rows) {
      const list = stored.get(bucket);
      if (list) list.push(id);
      else stored.set(bucket, [id]);
    }
  }
  const inBatch = new Map<number, number[]>();
  return items.map((item, index): ClusterChoice => {
    if (item.print.buckets.length === 0) return null;
    const shared = new Map<number, number>();
    const earlier = new Map<number, number>();
    for (const bucket of item.print.buckets) {
      for (const id of stored.get(bucket) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
      for (const other of inBatch.get(bucket) ?? []) earlier.set(other, (earlier.get(other) ?? 0) + 1);
      const list = inBatch.get(bucket);
      if (list) list.push(index);
      else inBatch.set(bucket, [index]);
    }
    const candidates = [
      ...[...shared].map(([id, count]) => ({ id, batchIndex: -1, count, order: id })),
      ...[...earlier].map(([at, count]) => ({
        id: -1,
        batchIndex: at,
        count,
        order: Number.MAX_SAFE_INTEGER / 2 + at,
      })),
    ]
      .sort((a, b) => b.count - a.count || a.order - b.order)
      .slice(0, MAX_CANDIDATES);
    let best: { choice: ClusterChoice; score: number } | null = null;
    for (const candidate of candidates) {
      let other: Features;
      let choice: ClusterChoice;
      if (candidate.batchIndex >= 0) {
        other = items[candidate.batchIndex]!.features;
        choice = { batchIndex: candidate.batchIndex };
      } else {
        const found = storedFeatures(db, candidate.id);
        if (!found) continue;
        other = found.features;
        choice = { head: found.head };
      }
      if (!isNearDuplicate(item.features, other)) continue;
      const s = similarity(item.features, other);
      const score = Math.max(s.phrases, s.vocabulary);
      if (!best || score > best.score) best = { choice, score };
    }
    return best?.choice ?? null;
  });
}

/** The head of the cluster a new text belongs to, or null: chooseClusters for one text. */
export function findClusterHead(db: Db, f: Features, print: Fingerprint): number | null {
  const choice = chooseClusters(db, [{ features: f, print }])[0];
  return choice && 'head' in choice ? choice.head : null;
}

/**
 * Features of recently compared or stored sources, least recently used dropped first: a folder of
 * versions compares with the same few again and again, and a text that shares passages with many
 * (wire copy, quoted speeches) is a candidate for each of them. ~5 KB each. Simulated on the
 * import benchmark's 10,000 pages (20 candidates a page): 7.4 reads a page, oldest-first, at 2,048;
 * 6.7 least-recently-used at 2,048; 2.8 at 4,096; each read ~0.3 ms of the writer's CPU. 8,192
 * (0.2 reads) took a 10,000-page import to a 324 MB peak in one of three runs (docs/search.md, Import).
 */
export const FEATURE_CACHE_SIZE = 4096;
const featureCache = new WeakMap<Db, FeatureCache>();

function storedFeatures(db: Db, id: number): { features: Features; head: number } | null {
  const row = prepareCached(db, 'SELECT content_hash AS hash, cluster_id FROM sources WHERE id = ?').get(id) as
    | { hash: string; cluster_id: number | null }
    | undefined;
  if (!row) return null;
  const cache = featureCacheOf(db);
  let cached = cache.get(id);
  // Compared by text (its hash): an id freed by a deletion may be taken again by another source.
  if (cached?.hash !== row.hash) {
    const { body } = prepareCached(db, 'SELECT body FROM sources WHERE id = ?').get(id) as { body: string };
    cached = { hash: row.hash, features: features(body) };
  }
  keepFeatures(cache, id, cached);
  return { features: cached.features, head: row.cluster_id ?? id };
}

type FeatureCache = Map<number, { hash: string; features: Features }>;

function featureCacheOf(db: Db): FeatureCache {
  let cache = featureCache.get(db);
  if (!cache) {
    cache = new Map();
    featureCache.set(db, cache);
  }
  return cache;
}

/** Keeps an entry as the most recently used: the Map's first entry is always the least recently used. */
function keepFeatures(cache: FeatureCache, id: number, entry: { hash: string; features: Features }): void {
  cache.delete(id);
  if (cache.size >= FEATURE_CACHE_SIZE) cache.delete(cache.keys().next().value as number);
  cache.set(id, entry);
}

/**
 * Remembers the features of sources just stored (after their transaction committed), as
 * storedFeatures would compute them from the stored body: the importer made them before the
 * write, and a folder's later files are compared with its earlier ones, whose text would
 * otherwise be read back and split into words again.
 */
export function rememberFeatures(db: Db, items: readonly { id: number; hash: string; features: Features }[]): void {
  const cache = featureCacheOf(db);
  for (const { id, hash, features } of items) keepFeatures(cache, id, { hash, features });
}

/** The features storedFeatures holds for a source without reading it, if any (for tests). */
export function rememberedFeatures(db: Db, id: number): { hash: string; features: Features } | undefined {
  return featureCache.get(db)?.get(id);
}

/** Stores a source's fingerprint (inside the caller's transaction). */
export function recordFingerprint(db: Db, sourceId: number, print: Fingerprint): void {
  recordFingerprints(db, [{ sourceId, print }]);
}

/** Stores many fingerprints in three statements (inside the caller's transaction). */
export function recordFingerprints(db: Db, items: readonly { sourceId: number; print: Fingerprint }[]): void {
  if (items.length === 0) return;
  const ids = JSON.stringify(items.map((item) => item.sourceId));
  prepareCached(
    db,
    `INSERT OR REPLACE INTO source_fingerprints (source_id, scheme, content_words)
     SELECT value ->> 0, ${FINGERPRINT_SCHEME}, value ->> 1 FROM json_each(?)`,
  ).run(JSON.stringify(items.map((item) => [item.sourceId, item.print.contentWords])));
  prepareCached(db, 'DELETE FROM source_lsh_buckets WHERE source_id IN (SELECT value FROM json_each(?))').run(ids);
  // In key order: a source's buckets are random, so each insert would land far from the last in
  // the table's B-tree; sorted, beside it (~15% less CPU for these rows, docs/search.md, Import).
  const rows = items.flatMap((item) => item.print.buckets.map((bucket) => [bucket, item.sourceId] as const));
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  prepareCached(
    db,
    `INSERT OR IGNORE INTO source_lsh_buckets (bucket, source_id)
     SELECT value ->> 0, value ->> 1 FROM json_each(?)`,
  ).run(JSON.stringify(rows));
}

const checkedUpTo = new WeakMap<Db, number>();
/** Sources fingerprinted per transaction: bounds memory and how long the write lock is held. */
const BACKFILL_BATCH = 200;

/**
 * Fingerprints sources that have none yet (imported before migration 50, inserted some other
 * way, or made by an older scheme), oldest first, clustering each with the ones before it. In
 * transactions of its own, so a file that fails to import does not undo it. Only ids above the
 * last check are looked at again, so once caught up this costs one indexed lookup.
 */
export function fingerprintMissing(db: Db): void {
  let from = checkedUpTo.get(db) ?? 0;
  const top = (prepareCached(db, 'SELECT coalesce(max(id), 0) AS id FROM sources').get() as { id: number }).id;
  const batch = db.transaction((after: number): number => {
    const missing = prepareCached(
      db,
      `SELECT s.id, s.body, s.cluster_id,
              EXISTS (SELECT 1 FROM sources m WHERE m.cluster_id = s.id) AS has_members
       FROM sources s LEFT JOIN source_fingerprints f ON f.source_id = s.id
       WHERE s.id > ? AND (f.source_id IS NULL OR f.scheme <> ?) ORDER BY s.id LIMIT ${BACKFILL_BATCH}`,
    ).all(after, FINGERPRINT_SCHEME) as { id: number; body: string; cluster_id: number | null; has_members: number }[];
    for (const row of missing) {
      const f = features(row.body);
      const print = fingerprint(f);
      if (row.cluster_id === null && !row.has_members) {
        const head = findClusterHead(db, f, print);
        if (head !== null && head !== row.id) {
          prepareCached(db, 'UPDATE sources SET cluster_id = ? WHERE id = ?').run(head, row.id);
        }
      }
      recordFingerprint(db, row.id, print);
    }
    return missing.length === BACKFILL_BATCH ? missing[missing.length - 1]!.id : top;
  });
  while (from < top) from = batch.immediate(from);
  checkedUpTo.set(db, Math.max(from, top));
}

/**
 * A word's (or pair's) key: its FNV-1a hash in the low 32 bits and 21 bits of a second hash above,
 * so two different words share a key about once in 2^53 comparisons, not once in 2^32.
 */
function wordKey(text: string): number {
  let hash = 0x811c9dc5;
  let second = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    hash = Math.imul(hash ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
    second ^= second >>> 15;
  }
  return (mix32(second) >>> 11) * 2 ** 32 + (hash >>> 0);
}

/** MurmurHash3's finaliser: a bijective 32-bit mix, so each seed gives an independent ordering. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => mix32(0x9e3779b9 * (i + 1)));
