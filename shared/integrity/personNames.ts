import { foldForComparison } from '../text';

/**
 * People named in a text, as the name-variant check needs them. A capitalised word is taken as a
 * person's surname only when the text says so:
 *   - a role or honorific stands before it: "Foreign Minister Mélanie Joly", "Minister Jolie",
 *     "Ms. Joly", "Mme Joly", "Dr. Sarah Chen", "the Minister of Foreign Affairs, Mélanie Joly";
 *   - or, as a bare word followed by a verb of speech or action ("Jolly said", "Jolie promised"),
 *     it is within two edits of the surname of someone so introduced in the same text, with the
 *     same initial: within one article a near spelling of a named person is that person misspelt.
 * Role words give the person's role family ("minister"); honorifics give none.
 */

export interface PersonMention {
  /** The surname as written. */
  surname: string;
  /** The given name as written, when the text gives it. */
  given: string | null;
  /** The role family ("minister", "president", …), when a role word introduces the person. */
  role: string | null;
  /** Offset of the surname in the text. */
  at: number;
}

// Role words and their family; French and English. Longer phrases first.
const ROLES: readonly [string, string][] = [
  ['foreign minister', 'minister'],
  ['prime minister', 'prime minister'],
  ['deputy prime minister', 'deputy prime minister'],
  ['premier ministre', 'prime minister'],
  ['première ministre', 'prime minister'],
  ['minister', 'minister'],
  ['ministre', 'minister'],
  ['president', 'president'],
  ['présidente', 'president'],
  ['président', 'president'],
  ['premier', 'premier'],
  ['senator', 'senator'],
  ['sénatrice', 'senator'],
  ['sénateur', 'senator'],
  ['ambassador', 'ambassador'],
  ['ambassadrice', 'ambassador'],
  ['ambassadeur', 'ambassador'],
  ['secretary', 'secretary'],
  ['chancellor', 'chancellor'],
  ['mayor', 'mayor'],
  ['mairesse', 'mayor'],
  ['maire', 'mayor'],
  ['sergeant', 'sergeant'],
  ['professor', 'professor'],
  ['coach', 'coach'],
  ['entraîneur', 'coach'],
  ['actress', 'actor'],
  ['actor', 'actor'],
  ['actrice', 'actor'],
  ['acteur', 'actor'],
];
const HONORIFICS = ['mr.', 'mrs.', 'ms.', 'mr', 'mrs', 'ms', 'mme', 'm.', 'dr.', 'dr', 'prof.', 'sir', 'dame'];

const WORD = String.raw`\p{Lu}[\p{Ll}'’-]*\p{Ll}`;
// Role words and honorifics match with a capital or without ("Foreign Minister", "foreign minister");
// names only with their capital, so the pattern itself is case-sensitive.
const anyInitial = (word: string) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`;
const ROLE_WORDS = ROLES.map(([phrase]) => phrase.split(' ').map(anyInitial).join(String.raw`\s+`)).join('|');
const HONORIFIC_WORDS = HONORIFICS.map((h) => anyInitial(h).replace('.', String.raw`\.`)).join('|');
// role [of Foreign Affairs][,] [Given] Surname — given and surname capitalised.
const INTRODUCED = new RegExp(
  String.raw`(?<![\p{L}])(?:(${ROLE_WORDS})(?:\s+(?:of|for|des|du|de\s+la|de)\s+(?:${WORD}\s*){1,3})?|(${HONORIFIC_WORDS}))` +
    String.raw`,?\s+(?:(${WORD})\s+)?(${WORD})(?![\p{L}])`,
  'gu',
);
// A bare capitalised word and the lowercase word after it.
const BARE = new RegExp(String.raw`(?<![\p{L}])(${WORD})\s+(\p{Ll}+)`, 'gu');
// Words after a bare surname that make it the subject of a statement or an act.
const ACTS = new Set(
  `said says told tweeted wrote added announced promised stated explained noted argued warned insisted replied
   will would has had is was met visited declared confirmed admitted urged called
   a dit déclare déclaré affirme affirmé annonce annoncé promis explique expliqué ajoute ajouté rappelle
   estime souligne précise indique écrit sera était`.split(/\s+/),
);

const fold = (word: string) => foldForComparison(word).replace(/[’']/g, "'");

/** Whether `a` and `b` are within `max` edits (insert, delete, substitute, swap): small words only. */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]! <= max;
}

/** Close spellings of one surname: same initial, at most two edits (one for names of up to three letters). */
export function closeSpellings(a: string, b: string): boolean {
  const [x, y] = [fold(a), fold(b)];
  if (x === y) return true;
  if (x[0] !== y[0]) return false;
  return withinEdits(x, y, Math.min(x.length, y.length) <= 3 ? 1 : 2);
}

function roleFamily(phrase: string | undefined): string | null {
  if (!phrase) return null;
  const key = phrase.toLowerCase().replace(/\s+/g, ' ');
  return ROLES.find(([name]) => name === key)?.[1] ?? null;
}

/** The people a text names, each mention in text order (see the comment at the top). */
export function personMentions(text: string): PersonMention[] {
  const introduced: PersonMention[] = [];
  for (const match of text.matchAll(INTRODUCED)) {
    const surname = match[4]!;
    introduced.push({
      surname,
      given: match[3] ?? null,
      role: roleFamily(match[1]),
      at: (match.index ?? 0) + match[0].length - surname.length,
    });
  }
  const taken = new Set(introduced.map((m) => m.at));
  const bare: PersonMention[] = [];
  for (const match of text.matchAll(BARE)) {
    const word = match[1]!;
    const at = match.index ?? 0;
    if (taken.has(at) || !ACTS.has(match[2]!)) continue;
    const person = introduced.find((m) => closeSpellings(m.surname, word));
    if (person) bare.push({ surname: word, given: person.given, role: person.role, at });
  }
  return [...introduced, ...bare].sort((a, b) => a.at - b.at);
}

/** A person as the text knows them: the fullest name and role its mentions give. */
export interface PersonInText {
  given: string | null;
  role: string | null;
  /** Every spelling of the surname, as written, with how often. */
  spellings: Map<string, number>;
}

/**
 * The people of one text: mentions with close surnames and compatible given names and roles are
 * one person (in one text, "Joly", "Ms. Joly" and "Foreign Minister Mélanie Joly" are the same).
 */
export function peopleInText(text: string): PersonInText[] {
  const people: PersonInText[] = [];
  for (const mention of personMentions(text)) {
    const person = people.find((p) => samePerson(p, mention));
    if (person) {
      person.given ??= mention.given;
      person.role ??= mention.role;
      person.spellings.set(mention.surname, (person.spellings.get(mention.surname) ?? 0) + 1);
    } else {
      people.push({ given: mention.given, role: mention.role, spellings: new Map([[mention.surname, 1]]) });
    }
  }
  return people;
}

/**
 * Whether a mention (or another person) may be this person: a close surname, and given names and
 * roles that do not differ where both are known. Different people who share a surname ("Jean
 * Joly", a coach; "Mélanie Joly", a minister) are kept apart by their given names or roles.
 */
export function samePerson(
  person: Pick<PersonInText, 'given' | 'role' | 'spellings'>,
  other: { given: string | null; role: string | null; surname?: string; spellings?: Map<string, number> },
): boolean {
  if (person.given && other.given && fold(person.given) !== fold(other.given)) return false;
  if (person.role && other.role && person.role !== other.role) return false;
  const theirs = other.spellings ? [...other.spellings.keys()] : other.surname ? [other.surname] : [];
  return [...person.spellings.keys()].some((mine) => theirs.some((their) => closeSpellings(mine, their)));
}
