import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBuffer } from '../../../main/importers/importBuffer';
import { prng } from '../../support/prng';
import { cleanUpTemp, SEEDS_DIR, tempArchive } from '../support/tempArchive';
import { buildDocx, buildManyPartZip, buildPdf, buildZipBomb } from './fixtures';

/*
 * Hostile and broken input for every importer: each file must end as an imported source or a
 * one-line per-file error, without throwing, without hanging, and without harming the archive.
 * Seeded, so a failure reproduces. 100 files per importer by default; `npm run test:fuzz` runs
 * 1000 (PRECIS_FUZZ_FILES). This runs the parsers in process (the vitest path, no bundled worker):
 * it proves they terminate on their own; the worker's time and heap limits are tested in
 * parseInWorker.test.ts.
 */
const FILES_PER_IMPORTER = Number(process.env.PRECIS_FUZZ_FILES ?? 100);
const SEED = Number(process.env.PRECIS_FUZZ_SEED ?? 0x5eed);
const EXTENSIONS = ['txt', 'md', 'html', 'docx', 'pdf'] as const;
type Extension = (typeof EXTENSIONS)[number];

const PARAGRAPH =
  'The committee heard twelve witnesses over three days of hearings in Iqaluit and Ottawa, and concluded that surveillance gaps remain serious.';

const encode = (text: string) => new TextEncoder().encode(text);

/** A PDF whose catalog runs JavaScript on open and whose link runs JavaScript on click. */
function pdfWithJavaScript(): Uint8Array {
  const pdf = buildPdf([{ lines: [PARAGRAPH, 'Click here.'] }]).toString('latin1');
  return Buffer.from(
    pdf.replace(
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\("pwned"\\); this.exportDataObject\\({cName: "x", nLaunch: 2}\\);) >> /Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (while\\(true\\){}) >>] >> >> >>',
    ),
    'latin1',
  );
}

/** A PDF whose cross-reference table points at the wrong bytes, or at nothing. */
function pdfWithBrokenXref(random: () => number): Uint8Array {
  const pdf = buildPdf([{ lines: [PARAGRAPH] }]).toString('latin1');
  const broken = pdf
    .replace(/^(\d{10}) 00000 n $/gm, () => `${String(Math.floor(random() * 99_999_999)).padStart(10, '0')} 00000 n `)
    .replace(/startxref\n\d+/, `startxref\n${Math.floor(random() * 1e9)}`);
  return Buffer.from(random() < 0.5 ? broken : broken.replace(/xref[\s\S]*?trailer/, 'trailer'), 'latin1');
}

function nestedHtml(depth: number): Uint8Array {
  return encode(
    `<html><body>${'<div><span>'.repeat(depth / 2)}${PARAGRAPH}${'</span></div>'.repeat(depth / 2)}</body></html>`,
  );
}

function hugeLine(extension: Extension, megabytes: number): Uint8Array {
  const line = 'word '.repeat((megabytes * 1024 * 1024) / 5);
  return encode(extension === 'html' ? `<html><body><p>${line}</p></body></html>` : line);
}

interface Case {
  name: string;
  kind: string;
  bytes: Uint8Array;
}

describe('fuzzing the importers', () => {
  const real: Record<Extension, Uint8Array> = {} as Record<Extension, Uint8Array>;
  let zipBomb: Uint8Array;
  let manyParts: Uint8Array;

  beforeAll(async () => {
    const seed = readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).sort()[0]!));
    // Plain Uint8Array copies: Buffer#slice is a view, and a mutation must never reach the original.
    real.txt = new Uint8Array(seed);
    real.md = encode(`# Hearings\n\n${PARAGRAPH}\n\n- one\n- two\n`);
    real.html = encode(
      `<html><head><title>Hearings</title></head><body><article><h1>Hearings</h1><p>${PARAGRAPH}</p></article></body></html>`,
    );
    real.docx = new Uint8Array(
      await buildDocx({ title: 'Hearings', paragraphs: [{ heading: 1, text: 'Hearings' }, PARAGRAPH] }),
    );
    real.pdf = new Uint8Array(buildPdf([{ lines: [PARAGRAPH] }, { lines: ['Page two.'] }], { Title: 'Hearings' }));
    zipBomb = await buildZipBomb(70); // past DOCX_LIMITS.maxUncompressedBytes (64 MB)
    manyParts = buildManyPartZip(5000);
  }, 120_000);
  afterAll(cleanUpTemp);

  /** The n-th hostile file for one importer: the special shapes first, then random mutations. */
  function makeCase(extension: Extension, n: number, random: () => number): Case {
    const name = (kind: string) => `fuzz-${n}-${kind}.${extension}`;
    const special: (() => Case)[] = [
      () => ({ name: name('empty'), kind: 'empty', bytes: new Uint8Array(0) }),
      ...(extension === 'html' ? [() => ({ name: name('nested'), kind: 'nested', bytes: nestedHtml(10_000) })] : []),
      ...(extension !== 'docx' && extension !== 'pdf'
        ? [() => ({ name: name('huge-line'), kind: 'huge-line', bytes: hugeLine(extension, 5) })]
        : []),
      ...(extension === 'docx'
        ? [
            () => ({ name: name('zip-bomb'), kind: 'zip-bomb', bytes: zipBomb }),
            () => ({ name: name('many-parts'), kind: 'many-parts', bytes: manyParts }),
          ]
        : []),
      ...(extension === 'pdf'
        ? [
            () => ({ name: name('javascript'), kind: 'javascript', bytes: pdfWithJavaScript() }),
            () => ({ name: name('broken-xref'), kind: 'broken-xref', bytes: pdfWithBrokenXref(random) }),
          ]
        : []),
    ];
    if (n < special.length) return special[n]!();
    const source = real[extension];
    switch (Math.floor(random() * 5)) {
      case 0: {
        const bytes = new Uint8Array(Math.floor(random() * 64 * 1024));
        for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
        return { name: name('random'), kind: 'random', bytes };
      }
      case 1:
        return {
          name: name('truncated'),
          kind: 'truncated',
          bytes: source.slice(0, Math.floor(random() * source.length)),
        };
      case 2: {
        const other = EXTENSIONS[Math.floor(random() * EXTENSIONS.length)]!;
        return { name: name(`really-${other}`), kind: 'wrong-extension', bytes: real[other] };
      }
      case 3: {
        const bytes = source.slice();
        const flips = 1 + Math.floor(random() * 16);
        for (let i = 0; i < flips; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        return { name: name('flipped'), kind: 'flipped', bytes };
      }
      default: {
        // A real file with a random chunk spliced into its middle.
        const at = Math.floor(random() * source.length);
        const junk = new Uint8Array(Math.floor(random() * 4096));
        for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(random() * 256);
        return {
          name: name('spliced'),
          kind: 'spliced',
          bytes: Buffer.concat([source.slice(0, at), junk, source.slice(at)]),
        };
      }
    }
  }

  for (const extension of EXTENSIONS) {
    it(
      `.${extension}: every file is imported or refused with a one-line reason`,
      async () => {
        const { db } = tempArchive();
        const countSources = () => (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
        // The row, and whether the full-text index holds it under its own id.
        const sourceRow = db.prepare(
          `SELECT title, body, (SELECT count(*) FROM sources_fts WHERE rowid = s.id) AS hits
             FROM sources AS s WHERE id = ?`,
        );
        const random = prng(SEED + EXTENSIONS.indexOf(extension));
        const tally: Record<string, number> = {};
        for (let n = 0; n < FILES_PER_IMPORTER; n++) {
          const file = makeCase(extension, n, random);
          const storedBefore = countSources();
          const started = performance.now();
          const outcome = await importBuffer(db, file.name, file.bytes);
          const seconds = (performance.now() - started) / 1000;
          const where = `${file.name} (${file.kind}, seed ${SEED})`;
          // What the outcome says is what the archive holds: one new, searchable source or none.
          expect(countSources() - storedBefore, where).toBe(outcome.kind === 'imported' ? 1 : 0);
          if (outcome.kind === 'imported') {
            const row = sourceRow.get(outcome.id) as { title: string; body: string; hits: number };
            expect(row.title, where).toBe(outcome.title);
            expect(row.body, where).toMatch(/[\p{L}\p{N}]/u);
            expect(row.hits, where).toBe(1);
          } else if (outcome.kind === 'duplicate') {
            expect(sourceRow.get(outcome.duplicateOf), where).toBeDefined();
          }
          if (outcome.kind === 'failed') {
            // One printable line, however hostile the bytes it may quote.
            expect(outcome.error, where).toMatch(/^[^\p{Cc}\p{Zl}\p{Zp}\uFFFD]+$/u);
            expect(outcome.error.length, where).toBeLessThanOrEqual(300);
          }
          // The worker's limit, were it running: nothing here may come near it.
          expect(seconds, where).toBeLessThan(20);
          tally[`${file.kind}:${outcome.kind}`] = (tally[`${file.kind}:${outcome.kind}`] ?? 0) + 1;
        }
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        // The files reached the parsers: some were read (a real file, or a mutation it survived).
        if (FILES_PER_IMPORTER >= 50) expect(Object.keys(tally).some((key) => key.endsWith(':imported'))).toBe(true);
      },
      Math.max(120_000, FILES_PER_IMPORTER * 2_000),
    );
  }
});
