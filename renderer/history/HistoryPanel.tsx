import { useCallback, useEffect, useState } from 'react';
import type { Snapshot, SnapshotSummary } from '../../shared/contract';
import { api } from '../api/client';
import { plainTextOf } from './plainText';

const REASONS: Record<SnapshotSummary['reason'], string> = {
  auto: 'Automatic',
  manual: 'Taken by you',
  export: 'Before export',
  'before-restore': 'Before a restore',
  conflict: 'From another window',
};

const when = (iso: string) => new Date(iso).toLocaleString('en-CA', { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The brief's history: snapshots with their time, a read-only preview, and restore. Restoring goes
 * through the editor (so Ctrl+Z undoes it) after the current state is itself snapshotted.
 */
export function HistoryPanel({
  briefId,
  beforeSnapshot,
  onRestore,
  onError,
}: {
  briefId: number;
  /** Saves pending edits so a snapshot holds what is on screen. */
  beforeSnapshot: () => Promise<unknown>;
  onRestore: (snapshot: Snapshot) => void;
  onError: (message: string) => void;
}) {
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const [preview, setPreview] = useState<Snapshot | null>(null);

  const reload = useCallback(async () => {
    const result = await api.listSnapshots({ briefId });
    if (result.ok) setSnapshots(result.value);
    else onError(result.error.message);
  }, [briefId, onError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const take = async () => {
    await beforeSnapshot();
    const result = await api.takeSnapshot({ briefId, reason: 'manual' });
    if (!result.ok) onError(result.error.message);
    await reload();
  };

  const load = async (id: number): Promise<Snapshot | null> => {
    const result = await api.getSnapshot({ id });
    if (result.ok) return result.value;
    onError(result.error.message);
    return null;
  };

  const restore = async (id: number) => {
    const snapshot = await load(id);
    if (!snapshot) return;
    await beforeSnapshot();
    const saved = await api.takeSnapshot({ briefId, reason: 'before-restore' });
    if (!saved.ok) return onError(`Not restored: the current state could not be kept first (${saved.error.message}).`);
    onRestore(snapshot);
    setPreview(null);
    await reload();
  };

  return (
    <section className="history" aria-label="History">
      <div className="history-head">
        <h2>History</h2>
        <button type="button" onClick={() => void take()}>
          Take snapshot
        </button>
      </div>
      <ul className="snapshots" aria-label="Snapshots">
        {snapshots.length === 0 ? <li className="empty">No snapshots yet.</li> : null}
        {snapshots.map((snapshot) => (
          <li key={snapshot.id}>
            <span className="snapshot-label">
              {when(snapshot.takenAt)} — {REASONS[snapshot.reason]}, {snapshot.wordCount} words
            </span>
            <button type="button" onClick={() => void load(snapshot.id).then(setPreview)}>
              Preview
            </button>
            <button type="button" onClick={() => void restore(snapshot.id)}>
              Restore
            </button>
          </li>
        ))}
      </ul>
      {preview ? (
        <section className="snapshot-preview" aria-label="Snapshot preview">
          <h3>
            {preview.title} — {when(preview.takenAt)}
          </h3>
          {plainTextOf(preview.content).map((paragraph, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a preview's paragraphs never reorder.
            <p key={i}>{paragraph}</p>
          ))}
        </section>
      ) : null}
    </section>
  );
}
