import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { briefPlainText, type SerializedBriefState } from '../../shared/briefDocument';
import type { BriefLanguage } from '../../shared/briefSchemas';
import type { Snapshot, SnapshotSummary } from '../../shared/contract';
import type { Classification } from '../../shared/source';
import { titleBlockRows } from '../../shared/titleBlock';
import { api } from '../api/client';
import { useLatestAnswer } from '../api/useLatestAnswer';
import { compareText } from './compareText';
import { snapshotPreview } from './plainText';

/**
 * The brief's history: snapshots with their time, a read-only preview, and restore. Restoring goes
 * through the editor (so Ctrl+Z undoes it) after the current state is itself snapshotted.
 */
export function HistoryPanel({
  briefId,
  classification,
  language,
  currentContent,
  beforeSnapshot,
  onRestore,
  onError,
}: {
  briefId: number;
  /** The brief's marking and language, for the title block's classification line. */
  classification: Classification;
  language: BriefLanguage;
  /** The note as it is now, which a preview is compared with. */
  currentContent: () => SerializedBriefState | null;
  /** Saves pending edits so a snapshot holds what is on screen. */
  beforeSnapshot: () => Promise<unknown>;
  onRestore: (snapshot: Snapshot) => void;
  onError: (message: string) => void;
}) {
  const intl = useIntl();
  const when = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' });
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const [preview, setPreview] = useState<Snapshot | null>(null);

  const latest = useLatestAnswer();
  const reload = useCallback(
    () =>
      latest(api.listSnapshots({ briefId }), (result) => {
        if (result.ok) setSnapshots(result.value);
        else onError(result.error.message);
      }),
    [latest, briefId, onError],
  );

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
        <SnapshotView
          snapshot={preview}
          classification={classification}
          language={language}
          current={currentContent()}
        />
      ) : null}
    </section>
  );
}

/** A snapshot as the note showed it (title block, quotations, footnote numbers), then what changed since. */
function SnapshotView({
  snapshot,
  classification,
  language,
  current,
}: {
  snapshot: Snapshot;
  classification: Classification;
  language: BriefLanguage;
  current: SerializedBriefState | null;
}) {
  const intl = useIntl();
  const when = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' });
  const { titleBlock, blocks } = snapshotPreview(snapshot.content);
  const changes = current ? compareText(briefPlainText(snapshot.content), briefPlainText(current)) : [];
  const changed = changes.some((change) => change.kind !== 'same');
  const region = intl.formatMessage({ id: 'history.preview.region' });
  return (
    // Focusable: it scrolls, and a keyboard user must be able to scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above (axe's scrollable-region-focusable).
    <section className="snapshot-preview" aria-label={region} tabIndex={0}>
      <h3>
        {snapshot.title} — {when(snapshot.takenAt)}
      </h3>
      {titleBlock ? (
        <table className="title-block-table">
          <tbody>
            {titleBlockRows(titleBlock, classification, language).map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {blocks.map((parts, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a preview's paragraphs never reorder.
        <p key={i}>
          {parts.map((part, j) =>
            'text' in part ? (
              part.text
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder.
              <sup key={j} className="footnote-ref">
                {part.footnote}
              </sup>
            ),
          )}
        </p>
      ))}
      <section className="snapshot-compare" aria-label={intl.formatMessage({ id: 'history.compare.label' })}>
        <h4>{intl.formatMessage({ id: 'history.compare.label' })}</h4>
        {!changed ? (
          <p>{intl.formatMessage({ id: 'history.compare.same' })}</p>
        ) : (
          <p>
            {changes.map((change, i) =>
              change.kind === 'same' ? (
                change.text
              ) : change.kind === 'added' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the comparison is drawn whole each time.
                <ins key={i}>
                  <span className="visually-hidden">{intl.formatMessage({ id: 'history.compare.added' })}</span>
                  {change.text}
                  <span className="visually-hidden">] </span>
                </ins>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the comparison is drawn whole each time.
                <del key={i}>
                  <span className="visually-hidden">{intl.formatMessage({ id: 'history.compare.removed' })}</span>
                  {change.text}
                  <span className="visually-hidden">] </span>
                </del>
              ),
            )}
          </p>
        )}
      </section>
    </section>
  );
}
