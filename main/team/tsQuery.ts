import type { ParsedQuery } from '../search/queryParser';

/**
 * Our parsed query (main/search/queryParser.ts) as PostgreSQL full-text conditions. The parser
 * already turned what the analyst typed into an FTS5 expression of our own making: string
 * literals ("…" with "" inside, a trailing * for a prefix) in a column ({title body}, outlet,
 * author, language), joined by AND, OR and NOT with parentheses. That small grammar is read back
 * here, so the two engines share every rule of the query language (OR binding, exclusions, caps,
 * notices). User text never becomes SQL or tsquery syntax: each literal's words are a bound
 * parameter of phraseto_tsquery, and a prefix's last word a quoted tsquery lexeme.
 */

type Column = 'text' | 'outlet' | 'author' | 'language';
type Node =
  | { kind: 'leaf'; column: Column; words: string; prefix: boolean }
  | { kind: 'and' | 'or' | 'not'; left: Node; right: Node };

export interface TsCondition {
  /** A boolean SQL expression over `s` (the sources row). */
  where: string;
  /**
   * Builds the positive text terms OR'ed, for ts_rank, binding its words then (an unused
   * parameter has no type PostgreSQL can infer); null when there are none.
   */
  rank: ((params: SqlParams) => string) | null;
}

/** Builds SQL with numbered parameters, appending to `params`. */
export class SqlParams {
  constructor(readonly values: unknown[] = []) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const COLUMNS: Record<string, Column> = {
  '{title body}': 'text',
  outlet: 'outlet',
  author: 'author',
  language: 'language',
};
const VECTOR: Record<Column, string> = {
  text: 's.text_vector',
  // Stored and indexed by PG migration 30.
  outlet: 's.outlet_vector',
  author: 's.author_vector',
  language: "to_tsvector('precis', coalesce(s.language, ''))",
};

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.or();
    this.space();
    if (this.at !== this.text.length) throw new Error(`Unexpected query text at ${this.at}.`);
    return node;
  }

  private or(): Node {
    let node = this.and();
    while (this.keyword('OR')) node = { kind: 'or', left: node, right: this.and() };
    return node;
  }

  private and(): Node {
    let node = this.not();
    while (this.keyword('AND')) node = { kind: 'and', left: node, right: this.not() };
    return node;
  }

  private not(): Node {
    let node = this.primary();
    while (this.keyword('NOT')) node = { kind: 'not', left: node, right: this.primary() };
    return node;
  }

  private primary(): Node {
    this.space();
    if (this.text[this.at] === '(') {
      this.at++;
      const node = this.or();
      this.space();
      if (this.text[this.at] !== ')') throw new Error('Unbalanced parenthesis in the parsed query.');
      this.at++;
      return node;
    }
    const column = Object.keys(COLUMNS).find((name) => this.text.startsWith(`${name} : "`, this.at));
    if (!column) throw new Error(`Unexpected query text at ${this.at}.`);
    this.at += column.length + 4;
    let words = '';
    for (;;) {
      const quote = this.text.indexOf('"', this.at);
      if (quote < 0) throw new Error('Unterminated literal in the parsed query.');
      words += this.text.slice(this.at, quote);
      this.at = quote + 1;
      if (this.text[this.at] !== '"') break;
      words += '"';
      this.at++;
    }
    const prefix = this.text[this.at] === '*';
    if (prefix) this.at++;
    return { kind: 'leaf', column: COLUMNS[column]!, words, prefix };
  }

  private keyword(word: string): boolean {
    this.space();
    if (this.text.startsWith(`${word} `, this.at) || this.text.startsWith(`${word}(`, this.at)) {
      this.at += word.length;
      return true;
    }
    return false;
  }

  private space(): void {
    while (this.text[this.at] === ' ') this.at++;
  }
}

/** A tsquery lexeme literal: quotes doubled, backslashes escaped. */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsquery text of a prefix's word, as to_tsquery('precis', …) reads it: `'nucl':*`. */
export function prefixText(word: string): string {
  return `${lexeme(word)}:*`;
}

function leafQuery(leaf: Extract<Node, { kind: 'leaf' }>, params: SqlParams): string {
  const words = leaf.words.split(/\s+/).filter(Boolean);
  if (!leaf.prefix) return `phraseto_tsquery('precis', ${params.add(words.join(' '))}::text)`;
  const last = `to_tsquery('precis', ${params.add(prefixText(words[words.length - 1] ?? ''))}::text)`;
  if (words.length === 1) return last;
  return `tsquery_phrase(phraseto_tsquery('precis', ${params.add(words.slice(0, -1).join(' '))}::text), ${last})`;
}

function columnOf(node: Node): Column | null {
  if (node.kind === 'leaf') return node.column;
  const left = columnOf(node.left);
  return left !== null && left === columnOf(node.right) ? left : null;
}

function tsquery(node: Node, params: SqlParams): string {
  if (node.kind === 'leaf') return leafQuery(node, params);
  const left = tsquery(node.left, params);
  const right = tsquery(node.right, params);
  if (node.kind === 'and') return `(${left} && ${right})`;
  if (node.kind === 'or') return `(${left} || ${right})`;
  return `(${left} && !!${right})`;
}

function condition(node: Node, params: SqlParams): string {
  const column = columnOf(node);
  if (column !== null) return `${VECTOR[column]} @@ ${tsquery(node, params)}`;
  if (node.kind === 'leaf') throw new Error('unreachable');
  const left = condition(node.left, params);
  const right = condition(node.right, params);
  if (node.kind === 'and') return `(${left} AND ${right})`;
  if (node.kind === 'or') return `(${left} OR ${right})`;
  return `(${left} AND NOT ${right})`;
}

function positiveTextLeaves(node: Node): Extract<Node, { kind: 'leaf' }>[] {
  if (node.kind === 'leaf') return node.column === 'text' ? [node] : [];
  if (node.kind === 'not') return positiveTextLeaves(node.left);
  return [...positiveTextLeaves(node.left), ...positiveTextLeaves(node.right)];
}

/** The match condition and rank query of a parsed query's FTS expression. */
export function toTsCondition(fts: string, params: SqlParams): TsCondition {
  const node = new Reader(fts).parse();
  const where = condition(node, params);
  const leaves = positiveTextLeaves(node);
  const rank =
    leaves.length === 0 ? null : (into: SqlParams) => `(${leaves.map((leaf) => leafQuery(leaf, into)).join(' || ')})`;
  return { where, rank };
}

/** The rank query alone (for snippets, bound in their own statement), or null. */
export function rankQuery(parsed: ParsedQuery, params: SqlParams): string | null {
  if (parsed.fts === null) return null;
  return toTsCondition(parsed.fts, new SqlParams()).rank?.(params) ?? null;
}

/** What a parsed query asks of the sources table, besides the filters (main/team/teamFilters.ts). */
export function matchCondition(parsed: ParsedQuery, params: SqlParams): TsCondition | null {
  if (parsed.fts !== null) return toTsCondition(parsed.fts, params);
  if (parsed.excludeFts !== null)
    return { where: `NOT (${toTsCondition(parsed.excludeFts, params).where})`, rank: null };
  return null;
}

/**
 * The positive text terms as a condition on the title alone (`s.title_vector`, PG migration 30),
 * or null when there are none: the title matches a ranked page's candidates start from.
 */
export function titleCondition(parsed: ParsedQuery, params: SqlParams): string | null {
  const rank = parsed.fts === null ? null : toTsCondition(parsed.fts, new SqlParams()).rank;
  return rank ? `s.title_vector @@ ${rank(params)}` : null;
}

/**
 * An upper bound of how many sources the query matches, as SQL from did-you-mean's word counts
 * (search_terms, PG migration 40, cut by row-level security to what the session may see), or null
 * when nothing bounds it (no text term, or an outlet:, author: or lang: term alone). A phrase
 * matches no more sources than its rarest word, a prefix no more than the words it begins,
 * `a AND b` no more than the rarer, `a OR b` no more than both. Bound only: the plan
 * (teamSearchPlan.ts) uses it to skip its probe for a query that cannot be common, never to count.
 */
export function matchBound(fts: string, params: SqlParams): string | null {
  const bound = (node: Node): string | null => {
    if (node.kind === 'leaf') return node.column === 'text' ? leafBound(node, params) : null;
    const left = bound(node.left);
    if (node.kind === 'not') return left;
    const right = bound(node.right);
    if (node.kind === 'and') return left && right ? `least(${left}, ${right})` : (left ?? right);
    return left && right ? `(${left} + ${right})` : null;
  };
  return bound(new Reader(fts).parse());
}

/** Whether every term of the expression is a text term (no outlet:, author: or lang:), which matchBound bounds. */
export function textOnly(fts: string): boolean {
  const text = (node: Node): boolean =>
    node.kind === 'leaf' ? node.column === 'text' : text(node.left) && text(node.right);
  return text(new Reader(fts).parse());
}

/** Documents per word of the session's clearance, the words as the index folds them. */
const DOCS = 'SELECT coalesce(sum(t.docs), 0) FROM search_terms t WHERE';

function leafBound(leaf: Extract<Node, { kind: 'leaf' }>, params: SqlParams): string {
  const words = leaf.words.split(/\s+/).filter(Boolean);
  const whole = leaf.prefix ? words.slice(0, -1) : words;
  const bounds: string[] = [];
  if (whole.length > 0) {
    // Each word of the phrase as the index has it (a word the index splits counts as its parts).
    bounds.push(`(SELECT min((${DOCS} t.term = w))
      FROM unnest(tsvector_to_array(to_tsvector('precis', ${params.add(whole.join(' '))}::text))) w)`);
  }
  if (leaf.prefix) {
    const last = `(SELECT min(w) FROM unnest(tsvector_to_array(to_tsvector('precis', ${params.add(words.at(-1) ?? '')}::text))) w)`;
    bounds.push(`(${DOCS} t.term COLLATE "C" >= ${last} AND t.term COLLATE "C" < ${last} || chr(1114111))`);
  }
  return bounds.length === 1 ? bounds[0]! : `least(${bounds.join(', ')})`;
}

/** The one word or prefix a ranking is made of, and whether it is the whole query. */
export interface RankLeaf {
  word: string;
  /** `nucl*`: a word with a trailing star, not a phrase. */
  prefix: boolean;
  alone: boolean;
}

/**
 * The one word or one prefix the rank query is made of (a query whose positive text is a single
 * word or prefix, not a phrase; exclusions and other fields may stand beside it), and whether it
 * is the whole query; or null. A word's ranking is what PG migration 80's title impacts store, a
 * 3- or 4-letter prefix's what migration 90's prefix impacts store (main/team/teamSearchImpacts.ts).
 */
export function singleRankLeaf(parsed: ParsedQuery): RankLeaf | null {
  if (parsed.fts === null) return null;
  const root = new Reader(parsed.fts).parse();
  const leaves = positiveTextLeaves(root);
  const leaf = leaves.length === 1 ? leaves[0]! : null;
  if (!leaf) return null;
  const words = leaf.words.split(/\s+/).filter(Boolean);
  return words.length === 1 ? { word: words[0]!, prefix: leaf.prefix, alone: root === leaf } : null;
}
