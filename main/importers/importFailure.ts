import type { MessageId } from '../../shared/i18n/catalogs';
import { type LocalizedText, worded } from '../../shared/i18n/localizedText';
import { UserError } from '../errors';

/**
 * Files larger than this are refused, whatever their format: no article or report we import is
 * this long, the whole file is held in memory while it is parsed, and a parser fed a huge file
 * would freeze the import for everything queued behind it.
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * A reason a file cannot be imported, worded for the person who chose the file; `text` is the same
 * reason as a catalog message, for the interface's language (docs/i18n.md), when it has one.
 */
export class ImportFailure extends Error {
  constructor(
    message: string,
    readonly text?: LocalizedText,
  ) {
    super(message);
  }
}

/** An ImportFailure whose English is also catalog message `id` (test/unit/i18n/mainMessages.test.ts). */
export function importFailure(message: string, id: MessageId, values?: Record<string, string | number>): ImportFailure {
  return new ImportFailure(message, worded(message, id, values).text);
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * The archive's refusal of a source with no text that is not a reference (local migration 140's
 * trigger, team migration 50's check), in the same words on both engines: the database's own
 * message (PostgreSQL names its constraint) means nothing to an analyst.
 */
export function noTextRefusal(): ImportFailure {
  return importFailure('no text: only a reference may be stored without text', 'import.failure.noText');
}

/** `error` as noTextRefusal() when it is either engine's refusal of a text-less source; otherwise as it is. */
export function asStoreRefusal(error: unknown): unknown {
  const refusal = error as { code?: string; constraint?: string; message?: string } | null;
  const local = refusal?.code === 'SQLITE_CONSTRAINT_TRIGGER' && refusal.message === NO_TEXT_TRIGGER_MESSAGE;
  const team = refusal?.code === '23514' && refusal.constraint === 'sources_empty_body_is_reference';
  return local || team ? noTextRefusal() : error;
}

/** What local migration 140's trigger raises (its text is frozen with the migration). */
const NO_TEXT_TRIGGER_MESSAGE = 'only a reference source may have no text';

/** One line for the report, whatever went wrong: our own reasons as they are, system errors in words. */
export function describeFailure(error: unknown): string {
  return oneLine(describe(error));
}

/** The failed outcome of one file: its one-line reason, and the same as a catalog message when there is one. */
export function failedOutcome(raised: unknown): { kind: 'failed'; error: string; errorText?: LocalizedText } {
  const error = asStoreRefusal(raised);
  const message = describeFailure(error);
  const text = failureText(error);
  return text ? { kind: 'failed', error: message, errorText: text } : { kind: 'failed', error: message };
}

function failureText(error: unknown): LocalizedText | undefined {
  if (error instanceof ImportFailure) return error.text;
  if (error instanceof UserError) return undefined;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return { id: 'import.failure.noSuchFile' };
  if (code === 'EACCES' || code === 'EPERM') return { id: 'import.failure.permissionDenied' };
  if (code === 'EISDIR') return { id: 'import.failure.isFolder' };
  return undefined;
}

const MAX_REASON_LENGTH = 300;

/**
 * A reason can quote the file itself (a ZIP part's name, a parser's message about the bytes it
 * choked on), so it is forced onto one printable line of bounded length: control characters and
 * undecodable bytes become spaces.
 */
function oneLine(reason: string): string {
  const flat = reason
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\uFFFD]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > MAX_REASON_LENGTH ? `${flat.slice(0, MAX_REASON_LENGTH - 1)}…` : flat || 'could not be imported';
}

function describe(error: unknown): string {
  // Our own reasons, and the archive's write failures (a full disk), are already worded for people.
  if (error instanceof ImportFailure || error instanceof UserError) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  const message = error instanceof Error ? error.message : String(error);
  return `could not be imported: ${message.split('\n')[0]}`;
}
