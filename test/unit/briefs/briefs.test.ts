import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrief, getBrief, listBriefs, saveBrief } from '../../../main/briefs/briefs';
import { emptyBriefState, type SerializedBriefState } from '../../../shared/briefDocument';
import { Brief, BriefSummary } from '../../../shared/contract';
import { cleanUpTemp, tempArchive } from '../support/tempArchive';

afterEach(() => {
  vi.useRealTimers();
  cleanUpTemp();
});

const withText = (text: string): SerializedBriefState => ({
  root: {
    type: 'root',
    version: 1,
    children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text, format: 1, version: 1 }] }],
  },
});

describe('briefs', () => {
  it('round-trips create → get → save → list', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-01T09:00:00.000Z'));
    const { db } = tempArchive();

    const created = createBrief(db, '  Arctic note  ');
    expect(Brief.parse(created)).toEqual(created);
    expect(created).toMatchObject({
      title: 'Arctic note',
      createdAt: '2024-05-01T09:00:00.000Z',
      updatedAt: '2024-05-01T09:00:00.000Z',
    });
    expect(created.content).toEqual(emptyBriefState());
    expect(getBrief(db, created.id)).toEqual(created);

    vi.setSystemTime(new Date('2024-05-01T10:30:00.000Z'));
    const content = withText('Canada should “act now”.');
    const saved = saveBrief(db, { id: created.id, title: 'Arctic note v2', content });
    expect(BriefSummary.strict().parse(saved)).toEqual({
      id: created.id,
      title: 'Arctic note v2',
      createdAt: '2024-05-01T09:00:00.000Z',
      updatedAt: '2024-05-01T10:30:00.000Z',
    });
    expect(getBrief(db, created.id)).toEqual({ ...saved, content });
    expect(listBriefs(db)).toEqual([saved]);
  });

  it('lists the most recently updated first', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { db } = tempArchive();
    vi.setSystemTime(new Date('2024-01-01T00:00:00Z'));
    const a = createBrief(db, 'A');
    vi.setSystemTime(new Date('2024-01-02T00:00:00Z'));
    const b = createBrief(db, 'B');
    expect(listBriefs(db).map((x) => x.id)).toEqual([b.id, a.id]);
    vi.setSystemTime(new Date('2024-01-03T00:00:00Z'));
    saveBrief(db, { id: a.id, title: 'A', content: withText('edit') });
    expect(listBriefs(db).map((x) => x.id)).toEqual([a.id, b.id]);
  });

  it('returns null for a brief that does not exist', () => {
    const { db } = tempArchive();
    expect(getBrief(db, 999)).toBeNull();
    expect(saveBrief(db, { id: 999, title: 'Ghost', content: withText('x') })).toBeNull();
    expect(listBriefs(db)).toEqual([]);
  });

  it('gives a blank title the default one', () => {
    const { db } = tempArchive();
    expect(createBrief(db, '   ').title).toBe('Untitled brief');
  });

  it('refuses to save content it could not read back, keeping what was stored', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, 'Note');
    saveBrief(db, { id: brief.id, title: 'Note', content: withText('keep me') });
    const bad = { root: { type: 'root', children: ['not a node'] } } as unknown as SerializedBriefState;
    expect(() => saveBrief(db, { id: brief.id, title: 'Note', content: bad })).toThrow(/not a valid editor document/);
    expect(getBrief(db, brief.id)?.content).toEqual(withText('keep me'));
  });

  it('reports damaged stored content instead of opening it empty', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, 'Note');
    db.prepare('UPDATE briefs SET content = ? WHERE id = ?').run('{"root": {"type": "paragraph"}}', brief.id);
    expect(() => getBrief(db, brief.id)).toThrow(`Brief ${brief.id} could not be read: its stored content is damaged.`);
  });
});
