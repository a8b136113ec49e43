import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import type { Snapshot, SnapshotSummary } from '../../shared/contract';
import { api } from '../api/client';
import { plainTextOf } from './plainText';

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
  const intl = useIntl();
  const when = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' });
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
    if (!saved.ok) {
      return onError(intl.formatMessage({ id: 'history.restore.failed' }, { detail: saved.error.message }));
    }
    onRestore(snapshot);
    setPreview(null);
    await reload();
  };

  return (
    <section className="history" aria-label={intl.formatMessage({ id: 'history.region' })}>
      <div className="history-head">
        <h2>{intl.formatMessage({ id: 'history.heading' })}</h2>
        <button type="button" onClick={() => void take()}>
          {intl.formatMessage({ id: 'history.take' })}
        </button>
      </div>
      <ul className="snapshots" aria-label={intl.formatMessage({ id: 'history.list' })}>
        {snapshots.length === 0 ? <li className="empty">{intl.formatMessage({ id: 'history.empty' })}</li> : null}
        {snapshots.map((snapshot) => (
          <li key={snapshot.id}>
            <span className="snapshot-label">
              {intl.formatMessage(
                { id: 'history.snapshot' },
                {
                  when: when(snapshot.takenAt),
                  reason: intl.formatMessage({ id: `history.reason.${snapshot.reason}` }),
                  words: snapshot.wordCount,
                },
              )}
            </span>
            <button type="button" onClick={() => void load(snapshot.id).then(setPreview)}>
              {intl.formatMessage({ id: 'history.preview' })}
            </button>
            <button type="button" onClick={() => void restore(snapshot.id)}>
              {intl.formatMessage({ id: 'history.restore' })}
            </button>
          </li>
        ))}
      </ul>
      {preview ? (
        <section className="snapshot-preview" aria-label={intl.formatMessage({ id: 'history.preview.region' })}>
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
