import { type Db, prepareCached } from './database';

/** node:zlib, loaded when first packed or read: `precis search` stores nothing and needs none of it. */
const zlib = (): typeof import('node:zlib') => process.getBuiltinModule('node:zlib');

/**
 * A source's original — the file's text as decoded, the page's HTML — is kept so that nothing the
 * analyst gave is lost to a heuristic; nothing reads it to search, quote or export. Stored as it
 * came, it was the body a second time for a text file (its title and body: 40% of what the
 * archive benchmark's import wrote, and as much again in the WAL), so since migration 230 it is
 * deflated with the body as the preset dictionary: what it shares with the body costs a
 * back-reference, and markup compresses as text does. deflate reaches back 32 KB, so a longer
 * body is a dictionary by its last 32 KB (its start is matched in the original itself, if at all).
 */
const WINDOW = 32 * 1024;

/**
 * The body's UTF-8 as the archive stores it. insertSources stores the body well-formed (a lone
 * surrogate as U+FFFD, as Buffer.from writes it): better-sqlite3 would write a lone surrogate as
 * three bytes that read back as three U+FFFD, and the dictionary would no longer be the one packed.
 */
function dictionaryOf(body: string | Uint8Array): Uint8Array {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return bytes.length > WINDOW ? bytes.subarray(bytes.length - WINDOW) : bytes;
}

/**
 * A text's UTF-8 in a buffer of its own, as a worker hands a body to the writer: insertSources binds
 * it as it is (`ImportFacts.bodyUtf8`). Receiving it costs the writer a copy of its bytes, where a
 * string costs V8 a fresh string (two bytes a character for most prose: ’ is not Latin-1) and
 * better-sqlite3 its encoding again. Always valid UTF-8: Buffer.from writes a lone surrogate as U+FFFD.
 */
export function utf8Bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/**
 * The stored form of `original` beside `body` (the body as a string or as utf8Bytes gave it). Its
 * own exact bytes: a result of zlib may be a view of a shared pool, which a worker's postMessage
 * would copy whole to the writer.
 */
export function packOriginal(original: string, body: string | Uint8Array): Uint8Array {
  return new Uint8Array(zlib().deflateRawSync(Buffer.from(original, 'utf8'), { dictionary: dictionaryOf(body) }));
}

/** `body` as a string, or the bytes the archive holds (`CAST(body AS BLOB)`, which spares a decoding). */
export function unpackOriginal(packed: Uint8Array, body: string | Uint8Array): string {
  return zlib()
    .inflateRawSync(packed, { dictionary: dictionaryOf(body) })
    .toString('utf8');
}

/** A source's original, packed or (stored before migration 230) as text; null for no such source. */
export function sourceOriginal(db: Db, id: number): string | null {
  const row = prepareCached(
    db,
    'SELECT CAST(body AS BLOB) AS body, original, original_packed AS packed FROM sources WHERE id = ?',
  ).get(id) as { body: Uint8Array; original: string; packed: Uint8Array | null } | undefined;
  if (!row) return null;
  return row.packed === null ? row.original : unpackOriginal(row.packed, row.body);
}

/**
 * Gives a source a new body, its original packed again against it: the only way to replace a body
 * the trigger of migration 230 lets through. The app itself never replaces one (the ranking lists'
 * upkeep is tested with it). The original passes through its text form: the trigger cannot see
 * which columns an UPDATE sets, only whether the packed bytes changed, and an original that shares
 * nothing with either body packs to the same bytes against both.
 */
export function replaceBody(db: Db, id: number, body: string): void {
  const original = sourceOriginal(db, id);
  if (original === null) return;
  db.transaction(() => {
    prepareCached(db, 'UPDATE sources SET original = ?, original_packed = NULL WHERE id = ?').run(original, id);
    prepareCached(db, 'UPDATE sources SET body = ? WHERE id = ?').run(body.toWellFormed(), id);
    prepareCached(db, "UPDATE sources SET original = '', original_packed = ? WHERE id = ?").run(
      packOriginal(original, body),
      id,
    );
  })();
}
