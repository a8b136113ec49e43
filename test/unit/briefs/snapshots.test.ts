import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../main/archive/database';
import { createBrief, deleteBrief, getBrief, saveBrief } from '../../../main/briefs/briefs';
import { AUTO_SNAPSHOTS_KEPT, getSnapshot, listSnapshots, takeSnapshot } from '../../../main/briefs/snapshots';
import type { SerializedBriefState } from '../../../shared/briefDocument';
import { Snapshot, SnapshotSummary } from '../../../shared/contract';
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
  root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
});

function briefWith(text: string) {
  const { db } = tempArchive();
  const brief = createBrief(db, { template: 'blank', title: 'Radar note' });
  saveLatest(db, { id: brief.id, content: withText(text) });
  return { db, id: brief.id };
}

describe('snapshots', () => {
  it('copy the brief as last saved, with its word count, and list newest first', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-01T09:00:00.000Z'));
    const { db, id } = briefWith('Three little words');
    const first = takeSnapshot(db, id, 'manual')!;
    expect(SnapshotSummary.strict().parse(first)).toEqual({
      id: first.id,
      briefId: id,
      takenAt: '2024-05-01T09:00:00.000Z',
      reason: 'manual',
      wordCount: 3,
    });

    vi.setSystemTime(new Date('2024-05-01T09:05:00.000Z'));
    saveLatest(db, { id, title: 'Radar note v2', content: withText('Now four little words') });
    const second = takeSnapshot(db, id, 'auto')!;
    expect(listSnapshots(db, id).map((s) => s.id)).toEqual([second.id, first.id]);

    const full = getSnapshot(db, first.id);
    expect(Snapshot.strict().parse(full)).toEqual({
      ...first,
      title: 'Radar note',
      content: withText('Three little words'),
    });
    expect(getSnapshot(db, second.id)).toMatchObject({ title: 'Radar note v2', wordCount: 4 });
  });

  it('count the words of excerpts’ quotations, not of the title block or citations', () => {
    const { db } = tempArchive();
    const brief = createBrief(db, { template: 'briefing-note-en' });
    // Five headings: Purpose, Background, Current Status, Considerations, Recommendation(s) (7
    // words), then the sign-off lines "Prepared by:" and "Approved by:" (4).
    expect(takeSnapshot(db, brief.id, 'manual')?.wordCount).toBe(11);
    const source = { title: 'T', outlet: null, author: null, publishedAt: null, url: null };
    const anchor = { exact: 'act now', prefix: '', suffix: '', start: 0, end: 7 };
    saveLatest(db, {
      id: brief.id,
      content: {
        root: {
          type: 'root',
          children: [
            {
              type: 'precis-title-block',
              version: 1,
              fields: { for: 'The Minister of Defence', from: '', subject: '', date: '', fileNumber: '' },
            },
            {
              type: 'paragraph',
              children: [
                { type: 'text', text: 'Officials say' },
                { type: 'precis-excerpt', version: 1, sourceId: 1, quote: 'act now', anchor, source },
                { type: 'precis-citation', version: 1, sourceId: 1, source, anchor: null },
              ],
            },
          ],
        },
      },
    });
    expect(takeSnapshot(db, brief.id, 'manual')?.wordCount).toBe(4);
  });

  it('return the latest snapshot instead of a copy when nothing changed', () => {
    const { db, id } = briefWith('unchanged');
    const first = takeSnapshot(db, id, 'manual')!;
    expect(takeSnapshot(db, id, 'manual')).toEqual(first);
    expect(takeSnapshot(db, id, 'auto')).toEqual(first);
    expect(listSnapshots(db, id)).toHaveLength(1);

    // A new title alone is a change worth keeping.
    saveLatest(db, { id, title: 'Renamed', content: withText('unchanged') });
    expect(takeSnapshot(db, id, 'auto')?.id).not.toBe(first.id);
    expect(listSnapshots(db, id)).toHaveLength(2);
  });

  it('keep an auto snapshot for good once an export relied on it', () => {
    const { db, id } = briefWith('exported text');
    const auto = takeSnapshot(db, id, 'auto')!;
    const exported = takeSnapshot(db, id, 'export')!;
    expect(exported).toEqual({ ...auto, reason: 'export' });
    expect(listSnapshots(db, id)).toEqual([exported]);
  });

  it(`thin auto snapshots to the latest ${AUTO_SNAPSHOTS_KEPT} and keep every other kind`, () => {
    const { db, id } = briefWith('v0');
    const kept = [takeSnapshot(db, id, 'manual')!.id];
    const autos: number[] = [];
    for (let version = 1; version <= AUTO_SNAPSHOTS_KEPT + 5; version++) {
      saveLatest(db, { id, content: withText(`v${version}`) });
      const reason = version === 3 ? 'export' : version === 7 ? 'before-restore' : 'auto';
      const snapshot = takeSnapshot(db, id, reason)!;
      (reason === 'auto' ? autos : kept).push(snapshot.id);
    }
    const remaining = listSnapshots(db, id);
    const remainingAutos = remaining.filter((s) => s.reason === 'auto').map((s) => s.id);
    expect(remainingAutos).toEqual(autos.slice(-AUTO_SNAPSHOTS_KEPT).reverse());
    expect(remaining.filter((s) => s.reason !== 'auto').map((s) => s.id)).toEqual([...kept].reverse());
  });

  it('belong to their brief: null for a missing one, kept in the trash, gone with the brief', () => {
    const { db, id } = briefWith('text');
    expect(takeSnapshot(db, 999, 'manual')).toBeNull();
    expect(listSnapshots(db, 999)).toEqual([]);
    expect(getSnapshot(db, 999)).toBeNull();

    deleteBrief(db, id);
    const inTrash = takeSnapshot(db, id, 'manual')!;
    expect(getSnapshot(db, inTrash.id)?.briefId).toBe(id);
    db.prepare('DELETE FROM briefs WHERE id = ?').run(id);
    expect(listSnapshots(db, id)).toEqual([]);
  });
});
