import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { AppError, Brief, BriefSummary } from '../../shared/contract';
import { api } from '../api/client';
import { useLatestAnswer } from '../api/useLatestAnswer';
import { markingLabel } from '../i18n/marking';
import { NewBriefMenu } from './NewBriefMenu';

/**
 * The briefs of this archive: open, create from a template, rename, duplicate, and delete to a
 * trash from which they can be restored.
 */
export function BriefsPanel({
  currentId,
  onSaved,
  onOpen,
  renameOpen,
  onError,
}: {
  currentId: number | null;
  /** Renames the brief open in this window: through its editor's save, which knows its revision. */
  renameOpen: (title: string) => Promise<void>;
  /** Subscribes to the open brief's saves (and renames), so the list shows the new title and time. */
  onSaved: (listener: () => void) => () => void;
  onOpen: (brief: Brief) => void;
  /** `error`, when given, is the refusal the message words. */
  onError: (message: string, error?: AppError) => void;
}) {
  const intl = useIntl();
  const lastEdited = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const [briefs, setBriefs] = useState<BriefSummary[]>([]);
  const [trash, setTrash] = useState<BriefSummary[] | null>(null);
  const [renaming, setRenaming] = useState<number | null>(null);

  const latest = useLatestAnswer();
  // The list is read again after every save of the open brief (every 700 ms while typing). The
  // answer then differs only in that brief's revision and time, most often not as shown (to the
  // minute): the list shown is kept, so the save causes no React commit (one while the note has
  // focus walks the whole note's DOM), and the trash is read only while it is shown.
  const shownAs = useRef({ currentId, lastEdited });
  shownAs.current = { currentId, lastEdited };
  const trashShown = useRef(false);
  trashShown.current = trash !== null;
  const reload = useCallback(
    () =>
      latest(Promise.all([api.listBriefs({}), trashShown.current ? api.listTrash({}) : null]), ([list, deleted]) => {
        if (list.ok) setBriefs((shown) => (sameAsShown(shown, list.value, shownAs.current) ? shown : list.value));
        else onError(list.error.message);
        if (deleted?.ok) setTrash((shown) => (shown === null ? null : deleted.value));
      }),
    [latest, onError],
  );

  useEffect(() => onSaved(() => void reload()), [onSaved, reload]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: currentId re-reads the list once a brief opens (on a fresh archive the first one is created after the list was read).
  useEffect(() => {
    void reload();
  }, [reload, currentId]);

  const open = async (id: number) => {
    const result = await api.getBrief({ id });
    if (result.ok) onOpen(result.value);
    else onError(result.error.message, result.error);
  };

  const act = async (run: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await run();
    if (!result.ok && result.error) onError(result.error.message);
    await reload();
  };

  const showTrash = async () => {
    if (trash !== null) return setTrash(null);
    const deleted = await api.listTrash({});
    if (deleted.ok) setTrash(deleted.value);
  };

  return (
    <section className="briefs" aria-label={intl.formatMessage({ id: 'briefs.region' })}>
      <div className="briefs-head">
        <h2>{intl.formatMessage({ id: 'briefs.heading' })}</h2>
        <NewBriefMenu
          onCreated={(brief) => {
            onOpen(brief);
            void reload();
          }}
          onError={onError}
        />
      </div>
      <ul className="brief-list" aria-label={intl.formatMessage({ id: 'briefs.list' })}>
        {briefs.map((brief) => (
          <li key={brief.id} className={brief.id === currentId ? 'current' : undefined}>
            {renaming === brief.id ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  const title = String(new FormData(event.currentTarget).get('title') ?? '').trim();
                  setRenaming(null);
                  if (!title) return;
                  if (brief.id === currentId) void renameOpen(title).then(reload);
                  else void act(() => api.renameBrief({ id: brief.id, title, baseRevision: brief.revision }));
                }}
              >
                <input
                  name="title"
                  aria-label={intl.formatMessage({ id: 'briefs.rename.title' })}
                  defaultValue={brief.title}
                />
                <button type="submit">{intl.formatMessage({ id: 'briefs.rename.save' })}</button>
              </form>
            ) : (
              <button
                type="button"
                className="brief-open"
                aria-current={brief.id === currentId ? 'true' : undefined}
                onClick={() => void open(brief.id)}
              >
                <span className="brief-title-text">{brief.title}</span>
                <span className="result-meta">
                  {markingLabel(intl, brief.classification)} · {lastEdited(brief.updatedAt)}
                </span>
              </button>
            )}
            <span className="brief-actions">
              <button
                type="button"
                aria-label={intl.formatMessage({ id: 'briefs.rename.label' }, { title: brief.title })}
                onClick={() => setRenaming(brief.id)}
              >
                {intl.formatMessage({ id: 'briefs.rename' })}
              </button>
              <button
                type="button"
                aria-label={intl.formatMessage({ id: 'briefs.duplicate.label' }, { title: brief.title })}
                onClick={() => void act(() => api.duplicateBrief({ id: brief.id }))}
              >
                {intl.formatMessage({ id: 'briefs.duplicate' })}
              </button>
              <button
                type="button"
                aria-label={intl.formatMessage({ id: 'briefs.delete.label' }, { title: brief.title })}
                onClick={() => void act(() => api.deleteBrief({ id: brief.id }))}
              >
                {intl.formatMessage({ id: 'briefs.delete' })}
              </button>
            </span>
          </li>
        ))}
      </ul>
      <button type="button" className="link" aria-expanded={trash !== null} onClick={() => void showTrash()}>
        {intl.formatMessage({ id: 'briefs.trash' })}
      </button>
      {trash !== null ? (
        <ul className="brief-list trash" aria-label={intl.formatMessage({ id: 'briefs.trash' })}>
          {trash.length === 0 ? <li className="empty">{intl.formatMessage({ id: 'briefs.trash.empty' })}</li> : null}
          {trash.map((brief) => (
            <li key={brief.id}>
              <span className="brief-title-text">{brief.title}</span>
              <button
                type="button"
                aria-label={intl.formatMessage({ id: 'briefs.restore.label' }, { title: brief.title })}
                onClick={() => void act(() => api.restoreBrief({ id: brief.id }))}
              >
                {intl.formatMessage({ id: 'briefs.restore' })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Whether `next` shows as `shown` does: the open brief's revision is not used, its time is shown to the minute. */
function sameAsShown(
  shown: readonly BriefSummary[],
  next: readonly BriefSummary[],
  { currentId, lastEdited }: { currentId: number | null; lastEdited: (iso: string) => string },
): boolean {
  const asShown = ({ revision, updatedAt, ...rest }: BriefSummary) =>
    rest.id === currentId
      ? JSON.stringify({ ...rest, edited: lastEdited(updatedAt) })
      : JSON.stringify({ ...rest, revision, updatedAt });
  return shown.length === next.length && shown.every((brief, at) => asShown(brief) === asShown(next[at]!));
}
