import { type Db, prepareCached } from '../archive/database';
import { docLengths, idf, indexStats, saturation, weightedFrequency } from './bm25';
import { ftsTokens } from './ftsTokens';
import { rankingBasis } from './rankingIndex';

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

export interface RankingPhrase {
  /** The phrase as FTS5 reads it, with its column filter, to count its matches. */
  literal: string;
  words: string[];
  prefix: boolean;
}

const PHRASE = /\{title body\} : "((?:[^"]|"")*)"(\*?)/g;

/** The phrases bm25 gives weight to, in the order FTS5 numbers them. */
export function rankingPhrases(fts: string): RankingPhrase[] {
  // Exclusions come last, after a top-level NOT; quoted text cannot contain one once masked.
  const masked = fts.replace(/"(?:[^"]|"")*"/g, (quoted) => 'x'.repeat(quoted.length));
  const not = masked.indexOf(') NOT (');
  const positive = not < 0 ? fts : fts.slice(0, not);
  const out: RankingPhrase[] = [];
  for (const match of positive.matchAll(PHRASE)) {
    const words = ftsTokens(match[1]!.replace(/""/g, '"'));
    if (words.length > 0) out.push({ literal: match[0], words, prefix: match[2] === '*' });
  }
  return out;
}

/** How often `phrase` occurs in `tokens` (a prefix phrase's last word matches any continuation). */
export function occurrences(tokens: readonly string[], phrase: RankingPhrase): number {
  const { words, prefix } = phrase;
  const last = words.length - 1;
  let count = 0;
  for (let at = 0; at + last < tokens.length; at++) {
    let all = true;
    for (let j = 0; j <= last; j++) {
      const token = tokens[at + j]!;
      if (j === last && prefix ? !token.startsWith(words[j]!) : token !== words[j]) {
        all = false;
        break;
      }
    }
    if (all) count++;
  }
  return count;
}

interface Driver {
  term: string;
  bound: number;
}

export function rankedTopPage(
  db: Db,
  fts: string,
  condition: string,
  params: unknown[],
  k: number,
  totalEstimate: number,
): { id: number; score: number }[] | null {
  const phrases = rankingPhrases(fts);
  const basis = rankingBasis(db);
  if (phrases.length === 0 || basis === null) return null;
  const stats = indexStats(db);
  const drift = Math.max(1, stats.avgdl / basis.avgdl);

  const threshold = prepareCached(db, 'SELECT threshold FROM search_impact_terms WHERE term = ?').pluck();
  const drivers: Driver[] = [];
  for (const phrase of phrases) {
    const fixed = phrase.prefix ? phrase.words.slice(0, -1) : phrase.words;
    let best: Driver | null = null;
    for (const term of new Set(fixed)) {
      const value = threshold.get(term) as number | undefined;
      if (value !== undefined && (best === null || value * drift < best.bound)) best = { term, bound: value * drift };
    }
    if (best === null) return null;
    drivers.push(best);
  }

  const unranked = prepareCached(db, `SELECT source_id AS id, uncountable FROM search_unranked LIMIT ${MAX_UNRANKED + 1}`)
    .raw()
    .all() as [number, number][];
  if (unranked.length > MAX_UNRANKED) return null;

  const stored = new Map<string, Map<number, [number, number]>>();
  const candidates = new Set<number>();
  for (const { term } of drivers) {
    if (stored.has(term)) continue;
    const rows = prepareCached(db, 'SELECT source_id, title_count, body_count FROM search_impacts WHERE term = ?')
      .raw()
      .all(term) as [number, number, number][];
    stored.set(term, new Map(rows.map(([id, title, body]) => [id, [title, body]])));
    for (const [id] of rows) candidates.add(id);
  }
  const matches = prepareCached(
    db,
    `SELECT 1 FROM sources_fts WHERE ${condition} AND sources_fts.rowid = CAST(? AS INTEGER)`,
  ).pluck();
  for (const [id, uncountable] of unranked) {
    if (uncountable && matches.get(...params, id) !== undefined) return null;
    candidates.add(id);
  }
  const matched = [...candidates].filter((id) => matches.get(...params, id) !== undefined);
  if (matched.length < k) return null;

  const weights = phraseWeights(db, phrases, stats.rows, totalEstimate);
  const lengths = docLengths(db, matched);
  const texts = textsNeeded(db, matched, phrases, stored);
  const scored = matched.map((id) => {
    const length = lengths.get(id) ?? 0;
    let score = 0;
    phrases.forEach((phrase, i) => {
      const counts = countsOf(phrase, id, stored, texts);
      score += weights[i]! * saturation(weightedFrequency(counts[0], counts[1]), length, stats.avgdl);
    });
    return { id, score };
  });
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  const bound = drivers.reduce((sum, driver, i) => sum + weights[i]! * driver.bound, 0);
  if (scored[k - 1]!.score < bound * (1 + MARGIN)) return null;
  return scored.slice(0, k);
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

type Texts = Map<number, { title: string[]; body: string[] }>;

function storedCounts(
  phrase: RankingPhrase,
  id: number,
  stored: Map<string, Map<number, [number, number]>>,
): [number, number] | undefined {
  if (phrase.prefix || phrase.words.length !== 1) return undefined;
  return stored.get(phrase.words[0]!)?.get(id);
}

/** The title and body words of the candidates whose counts the lists do not hold. */
function textsNeeded(
  db: Db,
  ids: number[],
  phrases: RankingPhrase[],
  stored: Map<string, Map<number, [number, number]>>,
): Texts {
  const needed = ids.filter((id) => phrases.some((phrase) => storedCounts(phrase, id, stored) === undefined));
  const texts: Texts = new Map();
  if (needed.length === 0) return texts;
  const rows = prepareCached(db, 'SELECT id, title, body FROM sources WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(needed)) as [number, string, string][];
  for (const [id, title, body] of rows) texts.set(id, { title: ftsTokens(title), body: ftsTokens(body) });
  return texts;
}

function countsOf(
  phrase: RankingPhrase,
  id: number,
  stored: Map<string, Map<number, [number, number]>>,
  texts: Texts,
): [number, number] {
  const known = storedCounts(phrase, id, stored);
  if (known) return known;
  const text = texts.get(id);
  return text ? [occurrences(text.title, phrase), occurrences(text.body, phrase)] : [0, 0];
}
