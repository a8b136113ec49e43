import { UserError } from '../errors';

/**
 * Files larger than this are refused, whatever their format: no article or report we import is
 * this long, the whole file is held in memory while it is parsed, and a parser fed a huge file
 * would freeze the import for everything queued behind it.
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** A reason a file cannot be imported, worded for the person who chose the file. */
export class ImportFailure extends Error {}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** One line for the report, whatever went wrong: our own reasons as they are, system errors in words. */
export function describeFailure(error: unknown): string {
  return oneLine(describe(error));
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
