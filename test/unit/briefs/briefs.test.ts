import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../main/archive/database';
import {
  createBrief,
  deleteBrief,
  duplicateBrief,
  getBrief,
  listBriefs,
  listTrash,
  renameBrief,
  restoreBrief,
  saveBrief,
} from '../../../main/briefs/briefs';
import { emptyBriefState, type SerializedBriefState } from '../../../shared/briefDocument';
import { Brief, BriefSummary } from '../../../shared/contract';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(() => {
  vi.useRealTimers();
  cleanUpTemp();
});

/** Saves over the brief's latest revision, as one window editing alone does. */
function saveLatest(db: Db, brief: Omit<Parameters<typeof saveBrief>[1], 'baseRevision'>) {
  return saveBrief(db, { ...brief, baseRevision: getBrief(db, brief.id)?.revision ?? 1 });
}

const withText = (text: string): SerializedBriefState => ({
  root: {
    type: 'root',
    version: 1,
    children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text, format: 1, version: 1 }] }],
  },
});

const at = (iso: string) => vi.setSystemTime(new Date(iso));

describe('briefs', () => {
  it('round-trips create → get → save → list', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2024-05-01T09:00:00.000Z');
    const { db } = tempArchive();

    const created = createBrief(db, { template: 'blank', title: '  Arctic note  ' });
    expect(Brief.strict().parse(created)).toEqual(created);
    expect(created).toMatchObject({
      title: 'Arctic note',
      classification: 'UNCLASSIFIED',
      language: 'en',
      createdAt: '2024-05-01T09:00:00.000Z',
      updatedAt: '2024-05-01T09:00:00.000Z',
      deletedAt: null,
    });
    expect(created.content).toEqual(emptyBriefState());
    expect(getBrief(db, created.id)).toEqual(created);

    at('2024-05-01T10:30:00.000Z');
    const content = withText('Canada should “act now”.');
    const saved = saveLatest(db, { id: created.id, title: 'Arctic note v2', classification: 'PROTECTED B', content });
    expect(BriefSummary.strict().parse(saved)).toEqual({
      id: created.id,
      title: 'Arctic note v2',
      classification: 'PROTECTED B',
      language: 'en',
      createdAt: '2024-05-01T09:00:00.000Z',
      updatedAt: '2024-05-01T10:30:00.000Z',
      deletedAt: null,
      revision: 2,
    });
    expect(getBrief(db, created.id)).toEqual({ ...saved, content, citationStyle: 'chicago-fullnote-bibliography' });
    expect(listBriefs(db)).toEqual([saved]);
  });

  it('starts from a template, titled after it unless a title is given', () => {
    const { db } = tempArchive();
    expect(createBrief(db, { template: 'briefing-note-en' })).toMatchObject({ title: 'Briefing note', language: 'en' });
    expect(createBrief(db, { template: 'briefing-note-fr' })).toMatchObject({
      title: 'Note de breffage',
      language: 'fr',
    });
    expect(createBrief(db, { template: 'blank' }).title).toBe('Untitled brief');
    expect(createBrief(db, { template: 'briefing-note-fr', title: 'Arctique' }).title).toBe('Arctique');
    expect(createBrief(db, { template: 'blank', title: '   ' }).title).toBe('Untitled brief');
  });

  it('dates the title block with the analyst’s local day', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2024-05-01T12:00:00.000Z');
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'briefing-note-en' });
    const block = brief.content.root.children?.[0];
    expect(block).toMatchObject({ type: 'precis-title-block', fields: { date: '2024-05-01' } });
    expect(getBrief(db, brief.id)?.content).toEqual(brief.content);
  });

  it('saves only the fields given: content always, title and classification when present', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { db } = tempArchive();
    at('2024-01-01T00:00:00Z');
    const brief = createBrief(db, { template: 'blank', title: 'Keep this title' });
    saveLatest(db, { id: brief.id, classification: 'SECRET', content: withText('one') });
    at('2024-01-02T00:00:00Z');
    const saved = saveLatest(db, { id: brief.id, content: withText('two') });
    expect(saved).toMatchObject({
      title: 'Keep this title',
      classification: 'SECRET',
      updatedAt: '2024-01-02T00:00:00.000Z',
    });
    expect(getBrief(db, brief.id)?.content).toEqual(withText('two'));
    expect(() =>
      saveLatest(db, { id: brief.id, classification: 'SORT OF SECRET' as 'SECRET', content: withText('x') }),
    ).toThrow(/CHECK constraint failed/);
  });

  it('lists the most recently updated first, renaming counting as an edit', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { db } = tempArchive();
    at('2024-01-01T00:00:00Z');
    const a = createBrief(db, { template: 'blank', title: 'A' });
    at('2024-01-02T00:00:00Z');
    const b = createBrief(db, { template: 'blank', title: 'B' });
    expect(listBriefs(db).map((x) => x.id)).toEqual([b.id, a.id]);
    at('2024-01-03T00:00:00Z');
    saveLatest(db, { id: a.id, content: withText('edit') });
    expect(listBriefs(db).map((x) => x.id)).toEqual([a.id, b.id]);
    at('2024-01-04T00:00:00Z');
    expect(renameBrief(db, b.id, '  B, renamed ', b.revision)).toMatchObject({
      title: 'B, renamed',
      updatedAt: '2024-01-04T00:00:00.000Z',
    });
    expect(listBriefs(db).map((x) => x.title)).toEqual(['B, renamed', 'A']);
  });

  it('moves briefs to the trash and back without losing anything', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { db } = tempArchive();
    at('2024-01-01T00:00:00Z');
    const a = createBrief(db, { template: 'blank', title: 'A' });
    const b = createBrief(db, { template: 'blank', title: 'B' });
    saveLatest(db, { id: a.id, content: withText('the words of A') });

    at('2024-02-01T00:00:00Z');
    expect(deleteBrief(db, a.id)).toMatchObject({ id: a.id, deletedAt: '2024-02-01T00:00:00.000Z' });
    at('2024-02-02T00:00:00Z');
    deleteBrief(db, b.id);
    at('2024-02-03T00:00:00Z');
    // Deleting again keeps the first time, so the trash's order does not jump.
    expect(deleteBrief(db, a.id)?.deletedAt).toBe('2024-02-01T00:00:00.000Z');
    expect(listBriefs(db)).toEqual([]);
    expect(listTrash(db).map((x) => x.title)).toEqual(['B', 'A']);
    // A trashed brief still opens, and says it is in the trash.
    expect(getBrief(db, a.id)).toMatchObject({
      deletedAt: '2024-02-01T00:00:00.000Z',
      content: withText('the words of A'),
    });

    expect(restoreBrief(db, a.id)).toMatchObject({ id: a.id, deletedAt: null });
    expect(listBriefs(db).map((x) => x.id)).toEqual([a.id]);
    expect(listTrash(db).map((x) => x.id)).toEqual([b.id]);
    expect(getBrief(db, a.id)?.content).toEqual(withText('the words of A'));
    expect(restoreBrief(db, a.id)?.deletedAt).toBeNull();
  });

  it('duplicates content, classification and language under a "(copy)" title', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { db } = tempArchive();
    at('2024-01-01T00:00:00Z');
    const original = createBrief(db, { template: 'briefing-note-fr', title: 'Arctique' });
    saveLatest(db, { id: original.id, classification: 'PROTECTED A', content: withText('texte') });
    deleteBrief(db, original.id);
    at('2024-03-01T00:00:00Z');

    const copy = duplicateBrief(db, original.id);
    expect(Brief.strict().parse(copy)).toEqual(copy);
    expect(copy).toMatchObject({
      title: 'Arctique (copy)',
      classification: 'PROTECTED A',
      language: 'fr',
      createdAt: '2024-03-01T00:00:00.000Z',
      updatedAt: '2024-03-01T00:00:00.000Z',
      deletedAt: null,
      content: withText('texte'),
    });
    expect(copy?.id).not.toBe(original.id);
    expect(getBrief(db, copy!.id)).toEqual(copy);

    const long = createBrief(db, { template: 'blank', title: 'x'.repeat(300) });
    const longCopy = duplicateBrief(db, long.id)!;
    expect(longCopy.title).toHaveLength(300);
    expect(longCopy.title.endsWith(' (copy)')).toBe(true);
  });

  it('returns null for a brief that does not exist', () => {
    const { db } = tempArchive();
    expect(getBrief(db, 999)).toBeNull();
    expect(saveLatest(db, { id: 999, title: 'Ghost', content: withText('x') })).toBeNull();
    expect(renameBrief(db, 999, 'Ghost', 1)).toBeNull();
    expect(duplicateBrief(db, 999)).toBeNull();
    expect(deleteBrief(db, 999)).toBeNull();
    expect(restoreBrief(db, 999)).toBeNull();
    expect(listBriefs(db)).toEqual([]);
    expect(listTrash(db)).toEqual([]);
  });

  it('refuses to save content it could not read back, keeping what was stored', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank', title: 'Note' });
    saveLatest(db, { id: brief.id, content: withText('keep me') });
    const bad = { root: { type: 'root', children: ['not a node'] } } as unknown as SerializedBriefState;
    expect(() => saveLatest(db, { id: brief.id, title: 'Note', content: bad })).toThrow(/not a valid editor document/);
    expect(getBrief(db, brief.id)?.content).toEqual(withText('keep me'));
  });

  it('reports damaged stored content instead of opening it empty', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'blank', title: 'Note' });
    db.prepare('UPDATE briefs SET content = ? WHERE id = ?').run('{"root": {"type": "paragraph"}}', brief.id);
    expect(() => getBrief(db, brief.id)).toThrow(`Brief ${brief.id} could not be read: its stored content is damaged.`);
  });
});
