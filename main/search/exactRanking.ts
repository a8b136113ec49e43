import { type Db, prepareCached } from '../archive/database';
import { BM25_SQL, docLengths, idf, indexStats, saturation, weightedFrequency } from './bm25';
import {
  countsOf,
  driverKeys,
  nothingRead,
  type ReadSoFar,
  textsNeeded,
  titleCeiling,
  titlesNeeded,
} from './candidateCounts';
import { phraseGroups, type RankingPhrase, rankingPhrases } from './matchPhrases';
import { rankingBasis } from './rankingIndex';
import { EXTENDED } from './rankingIndexBuild';

/**
 * The exact first page of a common query without ranking every match (docs/search.md).
 *
 * Each phrase of the query that ranks (a positive {title body} phrase; exclusions and the
 * outlet:/author:/lang: columns weigh nothing) is "driven" by one of its words that has an
 * impact list: no source outside that list, and not waiting in search_unranked, has a
 * saturation for the word above the list's threshold θ (at the basis avgdl; at today's avgdl A,
 * θ·max(1, A/A0)). A phrase occurs in a column at most as often as each of its words, and
 * saturation grows with the count, so the phrase's contribution there is at most idf·θ too.
 * The candidates (the lists, plus the unranked sources) that match the query are scored here
 * with FTS5's formula; if the k-th best score is at least Σ idf·θ, no other source can be in
 * the top k, and the page is exact. Otherwise (or for a prefix alone, or before the lists are
 * built) this returns null and the caller ranks every match with FTS5.
 */

/** Beyond this many sources waiting to be counted in, checking each one costs more than it saves. */
const MAX_UNRANKED = 500;
/** Candidates must clear the bound by this relative margin, covering rounding in both formulas. */
const MARGIN = 1e-9;

interface Driver {
  /** The word or prefix (`gov*`) whose counts bound the phrase's. */
  key: string;
  /** Its list in search_impacts: the short one, or the long one (EXTENDED) when tried. */
  term: string;
  bound: number;
}

/**
 * Tries each key's short list first (its sources of highest saturation, few rows to read) and,
 * when that cannot prove the page, the long one (the body-only list and the title hits above it,
 * whose lower threshold proves phrases of common words).
 */
export function rankedTopPage(
  db: Db,
  fts: string,
  condition: string,
  params: unknown[],
  k: number,
  totalEstimate: number,
  pairLimit = pairCap(totalEstimate),
): { id: number; score: number }[] | null {
  // One check for both tries: a listing of the matches, once made, serves the second as well.
  const check = ftsCheck(db, condition, params, totalEstimate);
  const read = nothingRead();
  return (
    topPageFromLists(db, fts, condition, check, read, k, totalEstimate, pairLimit, false) ??
    topPageFromLists(db, fts, condition, check, read, k, totalEstimate, pairLimit, true)
  );
}

function topPageFromLists(
  db: Db,
  fts: string,
  condition: string,
  check: (ids: number[]) => number[],
  read: ReadSoFar,
  k: number,
  totalEstimate: number,
  pairLimit: number,
  extended: boolean,
): { id: number; score: number }[] | null {
  const phrases = rankingPhrases(fts);
  const basis = rankingBasis(db);
  if (phrases.length === 0 || basis === null) return null;
  const stats = indexStats(db);
  const drift = Math.max(1, stats.avgdl / basis.avgdl);

  const threshold = prepareCached(db, 'SELECT threshold FROM search_impact_terms WHERE term = ?').pluck();
  const drivers: Driver[] = [];
  for (const phrase of phrases) {
    let best: Driver | null = null;
    for (const key of driverKeys(phrase)) {
      const long = extended ? (threshold.get(key + EXTENDED) as number | undefined) : undefined;
      const term = long === undefined ? key : key + EXTENDED;
      const value = long ?? (threshold.get(key) as number | undefined);
      if (value !== undefined && (best === null || value * drift < best.bound)) {
        best = { key, term, bound: value * drift };
      }
    }
    if (best === null) return null;
    drivers.push(best);
  }
  // The long lists were asked for but none exists: the short ones already said no.
  if (extended && drivers.every((driver) => driver.term === driver.key)) return null;

  const unranked = prepareCached(
    db,
    `SELECT source_id AS id, uncountable FROM search_unranked LIMIT ${MAX_UNRANKED + 1}`,
  )
    .raw()
    .all() as [number, number][];
  if (unranked.length > MAX_UNRANKED) return null;

  const stored = new Map<string, Map<number, [number, number]>>();
  const candidates = new Set<number>();
  const knownLengths = new Map<number, number>();
  for (const { key, term } of drivers) {
    if (stored.has(key)) continue;
    const rows = prepareCached(
      db,
      'SELECT source_id, title_count, body_count, doc_length FROM search_impacts WHERE term = ?',
    )
      .raw()
      .all(term) as [number, number, number, number][];
    stored.set(key, new Map(rows.map(([id, title, body]) => [id, [title, body]])));
    for (const [id, , , length] of rows) {
      candidates.add(id);
      knownLengths.set(id, length);
    }
  }
  // A source whose words cannot be counted here cannot be scored here: if one matches, FTS5 ranks.
  if (check(unranked.filter(([, uncountable]) => uncountable).map(([id]) => id)).length > 0) return null;
  for (const [id, uncountable] of unranked) if (!uncountable) candidates.add(id);

  const weights = phraseWeights(db, phrases, stats.rows, totalEstimate);
  // Sources with two or more of the phrases, when few, are all candidates: then a source
  // outside the candidates has one phrase at most, and the bound is the largest single one.
  // A query of {title body} phrases alone is decided by the counts themselves; anything else
  // (exclusions, column filters, SQL filters) by FTS5.
  const groups = condition === 'sources_fts MATCH ?' ? phraseGroups(fts, phrases.length) : null;
  const pairs = sourcesWithPairs(db, phrases, groups !== null && phrases.length === 2, pairLimit, k);
  for (const id of pairs?.ids ?? []) candidates.add(id);
  const bound = drivers.reduce(
    (most, driver, i) =>
      pairs === null ? most + weights[i]! * driver.bound : Math.max(most, weights[i]! * driver.bound),
    0,
  );
  // Lengths: stored with the lists; looked up for the others, except sources FTS5 scored.
  const lengths = docLengths(
    db,
    [...candidates].filter((id) => !knownLengths.has(id) && !pairs?.scores?.has(id)),
  );
  for (const [id, length] of knownLengths) lengths.set(id, length);
  const ceiling = ceilings(candidates, unranked, drivers, stored, weights, lengths, stats.avgdl, pairs?.ids ?? null);
  for (const [id, score] of pairs?.scores ?? []) ceiling.set(id, score);
  const order = [...candidates].sort((a, b) => ceiling.get(b)! - ceiling.get(a)!);
  // Even the best possible candidates cannot clear the bound: no proof is possible.
  if (order.length < k || ceiling.get(order[k - 1]!)! < bound * (1 + MARGIN)) return null;

  const scored: { id: number; score: number }[] = [];
  // A quarter of a small candidate set at a time, so that even there the later batches benefit
  // from the k-th score found so far.
  const batch = Math.max(2 * k, Math.min(50, Math.ceil(order.length / 4)));
  for (let from = 0; from < order.length; from += batch) {
    // Candidates are taken best ceiling first; once the k-th exact score reaches the next
    // ceiling, no candidate left can enter the top k.
    if (scored.length >= k && scored[k - 1]!.score >= ceiling.get(order[from]!)!) break;
    // Every candidate left scores below the bound, and the k-th so far does too: no proof.
    if (ceiling.get(order[from]!)! < bound * (1 + MARGIN) && (scored[k - 1]?.score ?? 0) < bound * (1 + MARGIN)) {
      return null;
    }
    let ids = order.slice(from, from + batch);
    if (groups === null) ids = check(ids);
    const known = pairs?.scores;
    if (known) {
      for (const id of ids) if (known.has(id)) scored.push({ id, score: known.get(id)! });
      ids = ids.filter((id) => !known.has(id));
    }
    if (scored.length >= k) {
      // Titles first: a candidate whose title lacks the phrase can score no more than its body
      // allows, and most of a common word's title hits lack the phrase; their bodies stay unread.
      const kth = scored[k - 1]!.score;
      const titles = titlesNeeded(db, ids, phrases, stored, read);
      ids = ids.filter((id) => {
        const title = titles.get(id);
        if (title === undefined) return true;
        const most = titleCeiling(title, id, phrases, drivers, stored, weights, lengths.get(id) ?? 0, stats.avgdl);
        return most === null || most * (1 + MARGIN) >= kth;
      });
    }
    const texts = textsNeeded(db, ids, phrases, stored, read);
    for (const id of ids) {
      const found = phrases.map((phrase) => countsOf(phrase, id, stored, texts));
      if (groups !== null && !groups.every((group) => group.some((i) => found[i]![0] + found[i]![1] > 0))) continue;
      const length = lengths.get(id) ?? 0;
      let score = 0;
      for (let i = 0; i < phrases.length; i++) {
        score += weights[i]! * saturation(weightedFrequency(found[i]![0], found[i]![1]), length, stats.avgdl);
      }
      scored.push({ id, score });
    }
    scored.sort((a, b) => b.score - a.score || a.id - b.id);
    // Only the k best matter: a long scan must not sort every candidate scored so far again.
    if (scored.length > k) scored.length = k;
  }
  if (scored.length < k || scored[k - 1]!.score < bound * (1 + MARGIN)) return null;
  return scored.slice(0, k);
}

/**
 * The most each candidate can score. A listed source's saturation for the driving word is
 * known, and bounds the phrase's (a phrase occurs no more often than each of its words); one
 * outside a phrase's list is held to the list's bound. Unranked sources are not bounded.
 */
function ceilings(
  candidates: Set<number>,
  unranked: [number, number][],
  drivers: Driver[],
  stored: Map<string, Map<number, [number, number]>>,
  weights: number[],
  lengths: Map<number, number>,
  avgdl: number,
  pairs: Set<number> | null,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const id of candidates) {
    const length = lengths.get(id) ?? 0;
    // Outside `pairs` a source has one phrase at most, or (when FTS5 scored the pairs and kept
    // the k best) is a pair that cannot displace them: its ceiling is the largest single one.
    const single = pairs !== null && !pairs.has(id);
    let most = 0;
    drivers.forEach((driver, i) => {
      const counts = stored.get(driver.key)?.get(id);
      const part =
        weights[i]! * (counts ? saturation(weightedFrequency(counts[0], counts[1]), length, avgdl) : driver.bound);
      most = single ? Math.max(most, part) : most + part;
    });
    out.set(id, most);
  }
  for (const [id] of unranked) out.set(id, Number.POSITIVE_INFINITY);
  return out;
}

/**
 * Pairs are listed up to a tenth of the query's (estimated) matches, within these bounds; past
 * it, the bound adds up every phrase's. Scoring a pair with FTS5 costs 6–14 µs, ranking a match
 * of the whole query 1–2 µs, so more pairs than that would cost as much as ranking every match.
 */
const PAIR_CAP_LEAST = 2000;
const PAIR_CAP_MOST = 10000;

export function pairCap(totalEstimate: number): number {
  return Math.min(PAIR_CAP_MOST, Math.max(PAIR_CAP_LEAST, Math.floor(totalEstimate / 10)));
}

/**
 * Every source with at least two of the (distinct) phrases, or null when there is one phrase,
 * more than four, or a pair is too common to list (counted first, which costs a fraction of
 * listing or scoring them).
 *
 * With `score` (a query of exactly two phrases), FTS5 scores them: bm25 of "a AND b" is a
 * source's score for "a OR b" as well, with the same two phrases and idfs. Then only the k best
 * pairs are kept (SQLite's sorter keeps them; listing all 8,272 pairs of `church OR religion`
 * into JavaScript, then a Set, a Map and a ceiling each, was most of that query at 1M): every
 * other pair scores at most the k-th best pair, so it cannot displace the page, whether or not
 * it is a candidate (docs/search.md, "Why the page is exact", step 3). The cap is applied in the
 * same statement (at most cap + 1 pairs are scored), saving the count on the way to a page.
 */
function sourcesWithPairs(
  db: Db,
  phrases: RankingPhrase[],
  score: boolean,
  cap: number,
  k: number,
): { ids: Set<number>; scores: Map<number, number> | null } | null {
  const literals = [...new Set(phrases.map((p) => p.literal))];
  if (literals.length < 2 || literals.length > 4) return null;
  const pairQueries: string[] = [];
  for (let i = 0; i < literals.length; i++) {
    for (let j = i + 1; j < literals.length; j++) pairQueries.push(`${literals[i]} AND ${literals[j]}`);
  }
  if (score && literals.length === 2) {
    const rows = prepareCached(
      db,
      `WITH pairs AS MATERIALIZED (
         SELECT rowid AS id, -${BM25_SQL} AS score FROM sources_fts WHERE sources_fts MATCH ? LIMIT ?
       )
       SELECT id, score, (SELECT count(*) FROM pairs) FROM pairs ORDER BY score DESC, id LIMIT ?`,
    )
      .raw()
      .all(pairQueries[0], cap + 1, k) as [number, number, number][];
    if (rows.length > 0 && rows[0]![2] > cap) return null;
    return { ids: new Set(rows.map(([id]) => id)), scores: new Map(rows.map(([id, value]) => [id, value])) };
  }
  const count = prepareCached(
    db,
    'SELECT count(*) FROM (SELECT 1 FROM sources_fts WHERE sources_fts MATCH ? LIMIT ?)',
  ).pluck();
  if (pairQueries.some((pair) => (count.get(pair, cap + 1) as number) > cap)) return null;
  const list = prepareCached(db, 'SELECT rowid FROM sources_fts WHERE sources_fts MATCH ?').pluck();
  const ids = new Set<number>();
  for (const pair of pairQueries) for (const id of list.all(pair) as number[]) ids.add(id);
  return { ids, scores: null };
}

/**
 * Which of `ids` match the query, by FTS5. Listing the query's matches costs about 0.15 µs per
 * match; looking each candidate up costs 25–100 µs (a seek in every segment of every phrase), so
 * lookups only win for queries that match most sources. A listing walks every match whatever
 * the candidates, so it is made once per page and kept: a filtered query (`author:x word`,
 * 5,000 matches at 1M) checked its candidates in 19 batches, each listing the same matches.
 */
function ftsCheck(db: Db, condition: string, params: unknown[], totalEstimate: number) {
  let matches: Set<number> | null = null;
  return (ids: number[]): number[] => {
    if (ids.length === 0) return [];
    if (matches === null && totalEstimate >= ids.length * 300) {
      const one = prepareCached(
        db,
        `SELECT 1 FROM sources_fts WHERE ${condition} AND sources_fts.rowid = CAST(? AS INTEGER)`,
      ).pluck();
      return ids.filter((id) => one.get(...params, id) !== undefined);
    }
    matches ??= new Set(
      prepareCached(db, `SELECT rowid FROM sources_fts WHERE ${condition}`)
        .pluck()
        .all(...params) as number[],
    );
    const listed = matches;
    return ids.filter((id) => listed.has(id));
  };
}

/**
 * Each phrase's idf. With one distinct phrase, idf scales every score alike, so the ranking
 * needs none and the shown score uses the total; with several, each phrase's matches are
 * counted, as FTS5 does.
 */
function phraseWeights(db: Db, phrases: RankingPhrase[], rows: number, totalEstimate: number): number[] {
  const distinct = new Set(phrases.map((p) => p.literal));
  if (distinct.size === 1) return phrases.map(() => idf(rows, totalEstimate));
  const count = prepareCached(db, 'SELECT count(*) FROM sources_fts WHERE sources_fts MATCH ?').pluck();
  const byLiteral = new Map([...distinct].map((literal) => [literal, idf(rows, count.get(literal) as number)]));
  return phrases.map((p) => byLiteral.get(p.literal)!);
}
