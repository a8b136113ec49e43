import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { migrate } from '../../../main/archive/migrations';
import type { SourceArchive } from '../../../main/archive/sourceArchive';
import type { ParsedFile } from '../../../main/importers/article';
import { pageAt, type SourceEdit } from '../../../shared/source';
import { cleanUpTemp, tempDir } from '../support/tempArchive';
import { archiveEnginesPerFile, importedId } from '../team/support/engineArchive';
import { parsedSource } from '../team/support/parsedSource';
import { ENGINES } from '../team/support/teamFixture';

afterEach(cleanUpTemp);
const freshArchive = archiveEnginesPerFile();

const story = (body: string, title = 'Arctic radar pact'): ParsedFile =>
  parsedSource(body, { title, outlet: 'The Canadian Press', publishedAt: '2024-02-01' });

// SQLite only: a local schema migration.
describe('migration 30: source assessment', () => {
  it('adds grades, classification, clusters, format and tags to an archive that already has sources', () => {
    const db = new Database(join(tempDir(), ARCHIVE_FILE_NAME));
    migrate(db, 20);
    db.prepare(
      `INSERT INTO sources (title, body, original, content_hash, imported_at, word_count)
       VALUES ('Old', 'Old body', 'Old body', 'h1', '2024-01-01T00:00:00Z', 2)`,
    ).run();
    migrate(db, 30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(
      db.prepare('SELECT reliability, credibility, classification, cluster_id, format FROM sources').get(),
    ).toEqual({
      reliability: null,
      credibility: null,
      classification: 'UNCLASSIFIED',
      cluster_id: null,
      format: 'txt',
    });
    expect(() => db.prepare("UPDATE sources SET reliability = 'G'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE sources SET credibility = 7').run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO source_tags (source_id, tag) VALUES (1, 'korea')").run();
    db.pragma('foreign_keys = ON');
    db.prepare('DELETE FROM sources').run();
    expect(db.prepare('SELECT count(*) AS n FROM source_tags').get()).toEqual({ n: 0 });
    db.close();
  });
});

// The same tests against the embedded archive and a real PostgreSQL team archive (docs/team-archive.md).
describe.each(ENGINES)('%s archive', (engine) => {
  const edit = async (archive: SourceArchive, id: number, change: SourceEdit) => {
    const outcome = await archive.updateMetadata(id, change, (await archive.revisionOf(id)) ?? 1);
    return outcome.kind === 'updated' ? outcome.source : outcome.kind;
  };

  it('stores corrections, Admiralty grades, classification and tags, and re-indexes a new title', async () => {
    const { archive } = await freshArchive(engine);
    const id = await importedId(archive, story('Canada and Korea will share radar data.'));
    const updated = await edit(archive, id, {
      title: 'Seoul and Ottawa radar deal',
      outlet: null,
      reliability: 'B',
      credibility: 2,
      classification: 'PROTECTED A',
      tags: ['korea', 'radar', 'korea'],
    });
    expect(updated).toMatchObject({
      title: 'Seoul and Ottawa radar deal',
      outlet: null,
      reliability: 'B',
      credibility: 2,
      classification: 'PROTECTED A',
      tags: ['korea', 'radar'],
      publishedAt: '2024-02-01',
    });
    const hits = await archive.search({ query: 'seoul', limit: 5, offset: 0 });
    expect(hits.results.map((hit) => hit.id)).toEqual([id]);
    expect(await edit(archive, id, { reliability: null, tags: [] })).toMatchObject({ reliability: null, tags: [] });
    expect(await edit(archive, 999, { title: 'x' })).toBe('not-found');
  });

  it('reports each source’s cluster head and size, and lists the versions', async () => {
    const { archive, admin } = await freshArchive(engine);
    const head = await importedId(archive, story('First version of the story.'));
    const second = await importedId(archive, story('Second version of the story.'), 'b.txt');
    // Short texts never cluster by themselves: the second joins the first as an import naming it would.
    await admin(
      {
        sqlite: 'UPDATE sources SET cluster_id = ? WHERE id = ?',
        postgres: 'UPDATE sources SET cluster_id = $1 WHERE id = $2',
      },
      [head, second],
    );
    await importedId(archive, story('Another story entirely.', 'Other'), 'c.txt');
    expect(await archive.listSources()).toHaveLength(3);
    const versions = await archive.listClusterMembers(head);
    expect(versions.map((s) => s.clusterSize)).toEqual([2, 2]);
    expect(new Set(versions.map((s) => s.clusterId))).toEqual(new Set([head]));
    const loner = (await archive.listSources()).find((s) => s.title === 'Other')!;
    expect(loner).toMatchObject({ clusterId: loner.id, clusterSize: 1 });
  });

  it('keeps page starts so a citation can name the page of an excerpt', async () => {
    const { archive } = await freshArchive(engine);
    const body = 'Page one text.\n\nPage two text.\n\nPage three text.';
    const id = await importedId(archive, { ...story(body), format: 'pdf', pageStarts: [0, 16, 32] }, 'r.pdf');
    const source = (await archive.getSource(id))!;
    expect(source.format).toBe('pdf');
    expect(source.pageStarts).toEqual([0, 16, 32]);
    expect(pageAt(source.pageStarts, body.indexOf('two'))).toBe(2);
    expect(pageAt(source.pageStarts, body.indexOf('three'))).toBe(3);
    expect(pageAt(source.pageStarts, 0)).toBe(1);
    expect(pageAt(null, 10)).toBeNull();
  });
});
