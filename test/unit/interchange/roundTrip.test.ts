import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportReferences } from '../../../main/interchange/exportReferences';
import { importReferences } from '../../../main/interchange/importReferences';
import type { ReferenceFormat } from '../../../main/interchange/referenceItem';
import { itWithCommands } from '../support/itWithCommands';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';
import { fillArchive } from './library';

afterEach(cleanUpTemp);

const FILE: Record<ReferenceFormat, string> = { 'csl-json': 'library.json', ris: 'library.ris', bibtex: 'library.bib' };

describe('reference interchange round trip', () => {
  it('exports CSL-JSON, imports it into an empty archive and exports the same file again', async () => {
    const { db } = tempArchive();
    fillArchive(db);
    const first = exportReferences(db, 'csl-json').text;
    const empty = tempArchive().db;
    const outcome = await importReferences(empty, 'library.json', new TextEncoder().encode(first));
    expect(outcome).toMatchObject({ updated: [], unchanged: [], failed: [] });
    expect(outcome.created).toHaveLength(8);
    expect(exportReferences(empty, 'csl-json').text).toBe(first);
  });

  for (const format of ['ris', 'bibtex'] as const) {
    it(`carries every source through ${format} unchanged (read back, exported as CSL-JSON)`, async () => {
      const { db } = tempArchive();
      fillArchive(db);
      const expected = exportReferences(db, 'csl-json').text;
      const file = exportReferences(db, format).text;
      const empty = tempArchive().db;
      const outcome = await importReferences(empty, FILE[format], new TextEncoder().encode(file));
      expect(outcome.created).toHaveLength(8);
      expect(exportReferences(empty, 'csl-json').text).toBe(expected);
      expect(exportReferences(empty, format).text).toBe(file);
    });
  }

  it('exports only the ids asked for, and says which are missing', () => {
    const { db } = tempArchive();
    const ids = fillArchive(db);
    const some = exportReferences(db, 'csl-json', [ids[1]!, 999]);
    expect(some.count).toBe(1);
    expect(some.missing).toEqual([999]);
    expect(JSON.parse(some.text)[0].title).toBe('Rental Market Report: Fall 2024');
  });
});

/** An independent reader: pandoc (and bibutils' ris2xml for RIS, which pandoc 2.17 cannot read). */
function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

interface PandocItem {
  title: string;
  issued?: { 'date-parts': number[][] };
  author?: { family?: string; given?: string; literal?: string }[];
}
const digest = (items: PandocItem[]) =>
  items.map((item) => ({
    title: item.title.replace(/<[^>]+>/g, ''),
    issued: item.issued?.['date-parts'][0] ?? null,
    authors: (item.author ?? []).map((a) => a.literal ?? `${a.family}|${a.given}`),
  }));

describe('files another reader accepts', () => {
  itWithCommands(
    ['pandoc'],
    'pandoc reads the CSL-JSON and BibTeX files with the same titles, dates and authors',
    () => {
      const { db } = tempArchive();
      fillArchive(db);
      const dir = tempDir();
      const ours = JSON.parse(exportReferences(db, 'csl-json').text) as (PandocItem & { author?: object[] })[];
      // Pandoc keeps a particle apart ("de la" + "Tour"); compare names as family|given with it.
      const expected = digest(ours).map((item, i) => ({
        ...item,
        authors: (ours[i]!.author ?? []).map((a) => {
          const name = a as { family?: string; given?: string; literal?: string; 'non-dropping-particle'?: string };
          return (
            name.literal ?? `${[name['non-dropping-particle'], name.family].filter(Boolean).join(' ')}|${name.given}`
          );
        }),
      }));
      const particleJoined = (items: PandocItem[]) =>
        items.map((item) => ({
          ...item,
          author: item.author?.map((a) => {
            // BibTeX's "von" part is a particle either way: pandoc calls it dropping, CSL-JSON non-dropping.
            const name = a as { family?: string; given?: string; literal?: string } & Record<string, string>;
            const particle = name['non-dropping-particle'] ?? name['dropping-particle'];
            return particle ? { ...name, family: `${particle} ${name.family}` } : name;
          }),
        }));
      for (const [format, from] of [
        ['csl-json', 'csljson'],
        ['bibtex', 'bibtex'],
      ] as const) {
        const path = join(dir, FILE[format]);
        writeFileSync(path, exportReferences(db, format).text);
        const out = run('pandoc', ['-f', from, '-t', 'csljson', path]);
        expect(digest(particleJoined(JSON.parse(out))), format).toEqual(expected);
      }
    },
  );

  itWithCommands(['ris2xml'], 'bibutils reads the RIS file with the same titles and dates', () => {
    const { db } = tempArchive();
    fillArchive(db);
    const path = join(tempDir(), 'library.ris');
    writeFileSync(path, exportReferences(db, 'ris').text);
    const mods = run('ris2xml', ['-i', 'utf8', path]);
    const ours = JSON.parse(exportReferences(db, 'csl-json').text) as PandocItem[];
    // MODS splits a title at its colon into title and subTitle.
    const titles = [
      ...mods.matchAll(/<titleInfo>\s*<title>([^<]*)<\/title>(?:\s*<subTitle>([^<]*)<\/subTitle>)?/g),
    ].map((m) => (m[2] ? `${m[1]}: ${m[2]}` : m[1]!));
    const decode = (text: string) =>
      text
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&quot;/g, '"');
    expect(titles.map(decode)).toEqual(ours.map((item) => item.title));
    const dates = [...mods.matchAll(/<dateIssued>([^<]*)<\/dateIssued>/g)].map((m) => m[1]);
    expect(dates).toEqual(
      ours
        .filter((item) => item.issued)
        .map((item) => item.issued!['date-parts'][0]!.map((n) => String(n).padStart(2, '0')).join('-')),
    );
  });
});
