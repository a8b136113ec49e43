import { worded } from '../shared/i18n/localizedText';
import { wordedError } from './errors';

/*
 * The "not found" errors the interface shows, worded once so that every door and domain function
 * says the same sentence, in the interface's language (an id goes in as text: "no. 1234", never
 * a grouped "1,234").
 */

export const briefNotFound = (id: number) =>
  wordedError(
    'not-found',
    worded(`Brief ${id} does not exist; it may have been removed in another window.`, 'errors.notFound.brief', {
      id: String(id),
    }),
  );

/** A save for a brief deleted while this window had it open: the text is only in the window now. */
export const briefGoneWhileOpen = (id: number) =>
  wordedError(
    'not-found',
    worded(`Brief ${id} no longer exists; copy your text before reloading.`, 'errors.notFound.briefGone', {
      id: String(id),
    }),
  );

export const snapshotNotFound = (id: number) =>
  wordedError('not-found', worded(`Snapshot ${id} does not exist.`, 'errors.notFound.snapshot', { id: String(id) }));

export const sourceNotFound = (id: number) =>
  wordedError('not-found', worded(`Source ${id} is not in the archive.`, 'errors.notFound.source', { id: String(id) }));

export const teamSourceNotFound = (id: number) =>
  wordedError(
    'not-found',
    worded(`Source ${id} is not in the team archive (or not visible to you).`, 'errors.notFound.teamSource', {
      id: String(id),
    }),
  );

export const notATeamSource = (id: number) =>
  wordedError(
    'not-found',
    worded(`Source ${id} is not from the team archive.`, 'errors.notFound.notTeamSource', { id: String(id) }),
  );
