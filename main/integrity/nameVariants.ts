import type { NameVariant } from '../../shared/integrity/integritySchemas';
import { closeSpellings, type PersonInText, peopleInText, samePerson } from '../../shared/integrity/personNames';
import { foldForComparison } from '../../shared/text';
import { type Db, prepareCached } from '../archive/database';

/**
 * Name variants: the archive's other spellings of a person's surname ("Joly": "Jolly", "Jolie").
 *
 * The rule (docs/integrity.md): a spelling is offered only when the archive uses it for the same
 * person as the spelling looked up. People are read from the texts that contain the spelling or a
 * close one (shared/integrity/personNames.ts: a surname is a person's when a role or honorific
 * introduces it, or when, in the same text, it is a near spelling of someone so introduced); across
 * texts, people are one when their surnames are close and their given names and roles do not
 * differ where both are known. So "Pierre Jolly, a coach" is never offered for "Mélanie Joly".
 *
 * Bounded work at any archive size: close words come from the search vocabulary (the same first
 * letter), at most MAX_TERMS of them, and at most MAX_SOURCES_PER_TERM texts are read for each.
 */

const MAX_TERMS = 12;
const MAX_SOURCES_PER_TERM = 40;

/** A person across the archive: every spelling the archive gives them, and where. */
interface Identity extends PersonInText {
  sourceIds: Set<number>;
}

/** The archive's words close to `word` (folded), the word itself included when indexed. */
function closeTerms(db: Db, word: string): string[] {
  const folded = foldForComparison(word);
  const initial = folded.charAt(0);
  if (!/^\p{L}{3,40}$/u.test(folded)) return [];
  const range = [initial, String.fromCodePoint(initial.codePointAt(0)! + 1)];
  // search_terms is the refreshed copy of the vocabulary (main/search/suggestions.ts); reading the
  // fts5vocab table itself is the fallback when the copy is empty. Neither is written to here.
  const copy = prepareCached(
    db,
    'SELECT term FROM search_terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?',
  );
  const vocab = prepareCached(db, 'SELECT term FROM sources_vocab WHERE term >= ? AND term < ?');
  const bounds = [folded.length - 2, folded.length + 2];
  let terms = (copy.all(...range, ...bounds) as { term: string }[]).map((row) => row.term);
  if (terms.length === 0) terms = (vocab.all(...range) as { term: string }[]).map((row) => row.term);
  return terms.filter((term) => closeSpellings(term, folded)).slice(0, MAX_TERMS);
}

function sourcesWith(db: Db, term: string): { id: number; body: string }[] {
  return prepareCached(
    db,
    `SELECT s.id, s.body FROM sources s WHERE s.id IN
       (SELECT rowid FROM sources_fts WHERE sources_fts MATCH ? LIMIT ${MAX_SOURCES_PER_TERM})`,
  ).all(`body:"${term.replace(/"/g, '')}"`) as { id: number; body: string }[];
}

const informative = (p: PersonInText) => (p.given ? 2 : 0) + (p.role ? 1 : 0);

/** The people of the archive whose surname is `surname` or close to it. */
function identitiesNear(db: Db, surname: string): Identity[] {
  const texts = new Map<number, string>();
  for (const term of closeTerms(db, surname)) for (const { id, body } of sourcesWith(db, term)) texts.set(id, body);
  const people: { person: PersonInText; sourceId: number }[] = [];
  for (const [sourceId, body] of texts) {
    for (const person of peopleInText(body)) {
      if ([...person.spellings.keys()].some((spelling) => closeSpellings(spelling, surname))) {
        people.push({ person, sourceId });
      }
    }
  }
  // The fullest names first, so a bare "Ms. Joly" joins a named person rather than founding one.
  people.sort((a, b) => informative(b.person) - informative(a.person));
  const identities: Identity[] = [];
  for (const { person, sourceId } of people) {
    const identity = identities.find((known) => samePerson(known, person));
    if (!identity) {
      identities.push({ ...person, spellings: new Map(person.spellings), sourceIds: new Set([sourceId]) });
      continue;
    }
    identity.given ??= person.given;
    identity.role ??= person.role;
    identity.sourceIds.add(sourceId);
    for (const [spelling, count] of person.spellings) {
      identity.spellings.set(spelling, (identity.spellings.get(spelling) ?? 0) + count);
    }
  }
  return identities;
}

const same = (a: string, b: string) => foldForComparison(a) === foldForComparison(b);

/** Who an identity is, in words: "minister Mélanie Joly". */
function describe(identity: Identity, spelling: string): string {
  return [identity.role, identity.given, spelling].filter(Boolean).join(' ');
}

/**
 * The other spellings of `surname` the archive gives the same person, for each person the archive
 * spells it so; empty when it has none.
 */
export function nameVariantsOf(db: Db, surname: string): NameVariant[] {
  const found: NameVariant[] = [];
  for (const identity of identitiesNear(db, surname)) {
    const spellings = [...identity.spellings.entries()].sort((a, b) => b[1] - a[1]);
    const own = spellings.find(([spelling]) => same(spelling, surname));
    if (!own) continue;
    const variants = spellings.filter(([spelling]) => !same(spelling, surname)).map(([spelling]) => spelling);
    if (variants.length === 0) continue;
    found.push({
      name: own[0],
      variants: [...new Set(variants)],
      person: describe(identity, spellings[0]![0]),
      sourceIds: [...identity.sourceIds].sort((a, b) => a - b),
    });
  }
  return found;
}

/** Variants for the capitalised (or any) words of a search query, at most a few words. */
export function nameVariantsForQuery(db: Db, query: string): NameVariant[] {
  // Filter names ("outlet:") and excluded words ("-Joly") are not names searched for.
  const words = query
    .split(/\s+/)
    .filter((token) => !token.includes(':') && !token.startsWith('-'))
    .flatMap((token) => token.match(/\p{L}[\p{L}'’-]{2,}/gu) ?? []);
  const seen = new Set<string>();
  return [...new Set(words)]
    .slice(0, 4)
    .flatMap((word) => nameVariantsOf(db, word))
    .filter((variant) => {
      const key = `${variant.person}|${variant.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
