import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths, MAX_IMPORT_BYTES } from '../../../main/importers/importPaths';
import { cleanUpTemp, copyOfSeeds, tempArchive, tempDir } from '../support/tempArchive';
import { archiveEnginesPerFile, importPathsInto } from '../team/support/engineArchive';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);

const freshArchive = archiveEnginesPerFile();

const seedPath = (dir: string, prefix: string): string => {
  const name = readdirSync(dir).find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return join(dir, name);
};

// The exact-ranking index is the SQLite engine's own (docs/search.md).
describe('importPaths (sqlite)', () => {
  it('leaves the exact-ranking index made and up to date once the folder is in', async () => {
    const { db } = tempArchive();
    await importPaths(db, [copyOfSeeds()]);
    expect(db.prepare('SELECT count(*) FROM search_impact_basis').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM search_unranked WHERE uncountable = 0').pluck().get()).toBe(0);
    // A second folder is counted in, not rebuilt from scratch.
    const more = tempDir();
    writeFileSync(join(more, 'note.txt'), 'Arctic radar\n\nThe radar station in the Arctic opened in May.');
    await importPaths(db, [more]);
    expect(db.prepare('SELECT count(*) FROM search_unranked WHERE uncountable = 0').pluck().get()).toBe(0);
  });
});

// The same import, into the embedded archive and into a team archive as `import --archive` sends it.
describe.each(ENGINES)('importPaths (%s)', (engine) => {
  it('imports the five seed articles with their metadata', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const seeds = copyOfSeeds();
    const progress: { done: number; total: number; current: string }[] = [];
    const report = await importPathsInto(target, [seeds], (p) => progress.push(p));

    expect(report.failed).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.imported.map((i) => i.path)).toEqual(
      readdirSync(seeds)
        .sort()
        .map((f) => join(seeds, f)),
    );
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(progress[4]?.current).toBe(report.imported[4]?.path);

    const byPrefix = async (prefix: string) => {
      const entry = report.imported.find((i) => i.path === seedPath(seeds, prefix));
      return (await archive.getSource(entry!.id))!;
    };
    const s002 = await byPrefix('002');
    expect(s002.publishedAt).toBe('2023-04-13');
    expect(s002.title.startsWith('Canada, South Korea plan to boost security ties')).toBe(true);

    const s004 = await byPrefix('004');
    expect(s004.author).toBe('Dylan Robertson');
    expect(s004.outlet).toBe('The Canadian Press');
    expect(s004.body.trimEnd().endsWith('canadian press')).toBe(false);
    expect(s004.body).not.toContain('Dylan Robertson');

    const s001 = await byPrefix('001');
    const firstLine = readFileSync(seedPath(seeds, '001'), 'utf8').split('\n')[0];
    expect(s001.title).toBe(firstLine);

    // The original is stored as well as the cleaned body.
    expect(await target.original(s004.id)).toBe(readFileSync(seedPath(seeds, '004'), 'utf8'));
    const names = await target.rows(
      {
        sqlite: 'SELECT file_name FROM sources WHERE id = ?',
        postgres: 'SELECT file_name FROM sources WHERE id = $1',
      },
      [s004.id],
    );
    expect(names).toEqual([{ file_name: seedPath(seeds, '004').split(/[\\/]/).pop() }]);
  });

  it('reports re-imported and reformatted files as duplicates of the first', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const seeds = copyOfSeeds();
    const first = await importPathsInto(target, [seeds]);
    const path004 = seedPath(seeds, '004');
    const id004 = first.imported.find((i) => i.path === path004)!.id;

    const again = await importPathsInto(target, [path004]);
    expect(again).toEqual({
      imported: [],
      duplicates: [{ path: path004, duplicateOf: id004 }],
      updated: [],
      failed: [],
    });

    const reformatted = join(tempDir(), 'copy.txt');
    const text = readFileSync(path004, 'utf8');
    writeFileSync(reformatted, `\r\n${text.toUpperCase().replace(/ /g, '   ').replace(/\n\n/g, '\n')}\n\n`);
    expect((await importPathsInto(target, [reformatted])).duplicates).toEqual([
      { path: reformatted, duplicateOf: id004 },
    ]);
    expect(await archive.count()).toBe(5);
  });

  it('reports each bad file with a clear reason and imports the rest of the batch', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const dir = tempDir();
    const file = (name: string, content: string | Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const paths = [
      file('a-empty.txt', ''),
      file('b-blank.txt', ' \n\t\n '),
      file('c-binary.txt', Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02])),
      file('d-latin1.txt', Buffer.from('Caf\xe9 au lait', 'latin1')),
      file('e-report.pdf', '%PDF-1.7'),
      file('f-noext', 'text'),
      file('g-symbols.md', '*** --- ***\n\n| | |'),
      file('h-huge.txt', Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61)),
      join(dir, 'i-missing.txt'),
      file('j-good.txt', 'Good headline\n\nThis one imports.'),
    ];
    const report = await importPathsInto(target, paths);

    expect(report.failed).toEqual([
      { path: paths[8], error: 'no such file or folder' },
      { path: paths[0], error: 'file is empty' },
      { path: paths[1], error: 'file contains only blank space' },
      { path: paths[2], error: 'file looks binary (it contains NUL bytes), not plain text' },
      { path: paths[3], error: 'file is not valid UTF-8 text (re-save it as UTF-8 and import it again)' },
      { path: paths[4], error: 'the PDF is incomplete (it has no end-of-file marker): it may have been cut short' },
      {
        path: paths[5],
        error: 'unsupported format (no extension) (Précis imports .txt, .md, .markdown, .html, .htm, .docx and .pdf)',
      },
      { path: paths[6], error: 'no text left after cleaning (no letters or digits)' },
      { path: paths[7], error: 'file is too large (10.0 MB; the limit is 10 MB)' },
    ]);
    for (const failure of report.failed) expect(failure.error).not.toContain('\n');
    expect(report.imported).toEqual([{ path: paths[9], id: expect.any(Number), title: 'Good headline' }]);
    expect(await archive.count()).toBe(1);
  });

  it('walks folders recursively in name order, skipping hidden files and folders', async () => {
    const target = await freshArchive(engine);
    const root = tempDir();
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('b.txt', 'Second file\n\nAbout budgets.');
    write('a/z.md', '# Nested\n\nAbout defence.');
    write('a/deeper/y.txt', 'Deepest\n\nAbout trade.');
    write('.hidden.txt', 'Hidden\n\nNot imported.');
    write('.git/c.txt', 'Hidden folder\n\nNot imported.');

    const report = await importPathsInto(target, [root]);
    expect(report.failed).toEqual([]);
    expect(report.imported.map((i) => [i.path.slice(root.length + 1).replace(/\\/g, '/'), i.title])).toEqual([
      ['a/deeper/y.txt', 'Deepest'],
      ['a/z.md', 'Nested'],
      ['b.txt', 'Second file'],
    ]);
  });

  it('accepts UTF-16 text with a byte-order mark (Windows "Unicode")', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const path = join(tempDir(), 'notepad.txt');
    writeFileSync(
      path,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Héllo title\r\n\r\nBody text.', 'utf16le')]),
    );
    const report = await importPathsInto(target, [path]);
    expect(report.failed).toEqual([]);
    expect(await archive.getSource(report.imported[0]!.id)).toMatchObject({ title: 'Héllo title', body: 'Body text.' });
  });

  it('rolls back nothing but the failing file', async () => {
    const target = await freshArchive(engine);
    const { archive } = target;
    const dir = tempDir();
    writeFileSync(join(dir, '1.txt'), 'One\n\nFirst text.');
    writeFileSync(join(dir, '2.txt'), Buffer.from([0xc3, 0x28]));
    writeFileSync(join(dir, '3.txt'), 'Three\n\nThird text.');
    const report = await importPathsInto(target, [dir]);
    expect(report.imported.map((i) => i.title)).toEqual(['One', 'Three']);
    expect(report.failed).toHaveLength(1);
    expect(await archive.count()).toBe(2);
  });
});
