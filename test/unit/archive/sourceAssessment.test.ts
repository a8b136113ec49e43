import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE_NAME } from '../../../main/archive/database';
import { migrate } from '../../../main/archive/migrations';
import { getSource, insertSource, listClusterMembers, listSources, updateSource } from '../../../main/archive/sources';
import type { ParsedSource } from '../../../main/importers/plainText';
import { pageAt } from '../../../shared/source';
import { cleanUpTemp, tempArchive, tempDir } from '../support/tempArchive';

afterEach(cleanUpTemp);

const story = (body: string, title = 'Arctic radar pact'): ParsedSource => ({
  title,
  outlet: 'The Canadian Press',
  author: null,
  publishedAt: '2024-02-01',
  url: null,
  language: 'en',
  body,
  original: body,
});

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

describe('editing a source', () => {
  it('stores corrections, Admiralty grades, classification and tags, and re-indexes a new title', () => {
    const { db } = tempArchive();
    const inserted = insertSource(db, { ...story('Canada and Korea will share radar data.'), fileName: 'a.txt' });
    if (inserted.kind !== 'inserted') throw new Error('not inserted');
    const updated = updateSource(db, inserted.id, {
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
    const hits = db.prepare("SELECT rowid FROM sources_fts WHERE sources_fts MATCH 'seoul'").all();
    expect(hits).toEqual([{ rowid: inserted.id }]);
    expect(updateSource(db, inserted.id, { reliability: null, tags: [] })).toMatchObject({
      reliability: null,
      tags: [],
    });
    expect(updateSource(db, 999, { title: 'x' })).toBeNull();
  });
});

describe('clusters and pages', () => {
  it('reports each source’s cluster head and size, and lists the versions', () => {
    const { db } = tempArchive();
    const head = insertSource(db, { ...story('First version of the story.'), fileName: 'a.txt' });
    if (head.kind !== 'inserted') throw new Error('not inserted');
    insertSource(db, { ...story('Second version of the story.'), fileName: 'b.txt', clusterId: head.id });
    insertSource(db, { ...story('Another story entirely.', 'Other'), fileName: 'c.txt' });
    expect(listSources(db)).toHaveLength(3);
    const versions = listClusterMembers(db, head.id);
    expect(versions.map((s) => s.clusterSize)).toEqual([2, 2]);
    expect(new Set(versions.map((s) => s.clusterId))).toEqual(new Set([head.id]));
    const loner = listSources(db).find((s) => s.title === 'Other')!;
    expect(loner).toMatchObject({ clusterId: loner.id, clusterSize: 1 });
  });

  it('keeps page starts so a citation can name the page of an excerpt', () => {
    const { db } = tempArchive();
    const body = 'Page one text.\n\nPage two text.\n\nPage three text.';
    const inserted = insertSource(db, { ...story(body), fileName: 'r.pdf', format: 'pdf', pageStarts: [0, 16, 32] });
    if (inserted.kind !== 'inserted') throw new Error('not inserted');
    const source = getSource(db, inserted.id)!;
    expect(source.format).toBe('pdf');
    expect(source.pageStarts).toEqual([0, 16, 32]);
    expect(pageAt(source.pageStarts, body.indexOf('two'))).toBe(2);
    expect(pageAt(source.pageStarts, body.indexOf('three'))).toBe(3);
    expect(pageAt(source.pageStarts, 0)).toBe(1);
    expect(pageAt(null, 10)).toBeNull();
  });
});
