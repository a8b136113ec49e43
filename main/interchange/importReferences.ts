import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { ImportItemOutcome } from '../../shared/contract';
import { METADATA_FIELDS } from '../../shared/source';
import { foldForComparison } from '../../shared/text';
import type { Db } from '../archive/database';
import { type FoundEvidence, recordProvenance, refreshMetadata } from '../archive/provenance';
import { getSource, insertSource } from '../archive/sources';
import { committed } from '../archive/writeErrors';
import { importBuffer } from '../importers/importBuffer';
import { failedOutcome, ImportFailure } from '../importers/importFailure';
import { isReferenceExtension } from '../importers/importFormats';
import { readBibtex } from './bibtex';
import { readCslJson } from './cslJson';
import { detailsOf, recordReferenceDetails } from './referenceDetails';
import { dateText, type ReferenceEntry, type ReferenceValues, valuesOf } from './referenceItem';
import { readRis } from './ris';

export function isReferenceFile(name: string): boolean {
  return isReferenceExtension(extname(name).toLowerCase());
}

export type ReferencesOutcome = Extract<ImportItemOutcome, { kind: 'references' }>;

/**
 * Reads an attached file named in the library; null when there is none. Only the CLI, run by the
 * analyst on their own machine, is given one: a file sent by the page never makes main read a
 * path it names.
 */
export type ReadAttachment = (path: string) => Promise<{ name: string; bytes: Uint8Array } | null>;

/** The entries of a library file, by its extension; a file that is not one is refused in one line. */
export function readReferenceFile(name: string, text: string): ReferenceEntry[] {
  const extension = extname(name).toLowerCase();
  const read = extension === '.ris' ? readRis : extension === '.bib' ? readBibtex : readCslJson;
  try {
    return read(text);
  } catch (error) {
    throw new ImportFailure((error as Error).message);
  }
}

const normalUrl = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[#?].*$/, '')
    .replace(/\/+$/, '');
const doiIn = (text: string) =>
  /\b10\.\d{4,9}\/\S+/i
    .exec(text)?.[0]
    .toLowerCase()
    .replace(/[.,;]+$/, '');
const titleKey = (title: string) =>
  foldForComparison(title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The archive's sources by URL, DOI and title, looked up once per file. */
function indexArchive(db: Db) {
  // A source's date as precise as it is known: its day, or the year or month its library gave.
  const rows = db
    .prepare(
      `SELECT s.id, s.title, s.url, d.doi, coalesce(s.published_at, d.issued) AS published_at
       FROM sources s LEFT JOIN reference_details d ON d.source_id = s.id`,
    )
    .all() as {
    id: number;
    title: string;
    url: string | null;
    doi: string | null;
    published_at: string | null;
  }[];
  const byUrl = new Map<string, number>();
  const byDoi = new Map<string, number>();
  const byTitle = new Map<string, { id: number; date: string | null }[]>();
  for (const row of rows) {
    if (row.url) byUrl.set(normalUrl(row.url), row.id);
    const doi = doiIn(`${row.doi ?? ''} ${row.url ?? ''}`);
    if (doi) byDoi.set(doi, row.id);
    const key = titleKey(row.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), { id: row.id, date: row.published_at }]);
  }
  return { byUrl, byDoi, byTitle };
}

/** The source an entry describes: same URL, same DOI, or same title and date (as precise as the entry's, or none). */
function findMatch(index: ReturnType<typeof indexArchive>, entry: ReferenceEntry): number | undefined {
  const { item } = entry;
  const url = item.URL ? index.byUrl.get(normalUrl(item.URL)) : undefined;
  if (url) return url;
  const doi = doiIn(item.DOI ?? item.URL ?? '');
  if (doi && index.byDoi.has(doi)) return index.byDoi.get(doi);
  if (!item.title.trim()) return undefined;
  // Undated on both sides is the same date; a dated entry matches the day, or the month or year it gives.
  const date = dateText(item);
  return index.byTitle.get(titleKey(item.title))?.find((s) => (date ? s.date?.startsWith(date) : s.date === null))?.id;
}

const evidenceFor = (values: ReferenceValues): FoundEvidence =>
  Object.fromEntries(METADATA_FIELDS.filter((f) => values[f] !== null).map((f) => [f, 'reference-manager']));

/**
 * Imports a reference manager's export. Each entry, in its own transaction: an attached file that
 * exists is imported as a source; the entry then fills the empty or weakly founded metadata of
 * that source, or of the archive's source it matches (never a field the analyst set); an entry
 * with no match becomes a source with no text (format 'reference'): citable, nothing to quote.
 */
export async function importReferences(
  db: Db,
  name: string,
  bytes: Uint8Array,
  readAttachment?: ReadAttachment,
): Promise<ReferencesOutcome> {
  const entries = readReferenceFile(name, new TextDecoder().decode(bytes));
  const outcome: ReferencesOutcome = { kind: 'references', created: [], updated: [], unchanged: [], failed: [] };
  let index = indexArchive(db);
  for (const entry of entries) {
    const values = valuesOf(entry.item);
    const label = values.title || entry.item.id || '(untitled entry)';
    if (!values.title) {
      outcome.failed.push({ title: label, error: 'the entry has no title' });
      continue;
    }
    let target = await importAttachment(db, entry, readAttachment);
    target ??= findMatch(index, entry);
    if (target !== undefined) {
      const id = target;
      const changed = committed(db, () => {
        const fields = refreshMetadata(db, id, values, evidenceFor(values), true);
        recordReferenceDetails(db, id, detailsOf(entry.item));
        return fields;
      });
      const title = getSource(db, id)?.title ?? values.title;
      if (changed.length > 0) outcome.updated.push({ id, title, fields: changed });
      else outcome.unchanged.push({ id, title });
    } else {
      const id = createReference(db, values, entry, basename(name));
      if (id.kind === 'inserted') outcome.created.push({ id: id.id, title: values.title });
      else outcome.unchanged.push({ id: id.duplicateOf, title: values.title });
    }
    index = target === undefined ? indexArchive(db) : index;
  }
  return outcome;
}

/** As importReferences, but never throws: a file that cannot be read comes back as `failed`, in one line. */
export async function importReferenceFile(
  db: Db,
  name: string,
  bytes: Uint8Array,
  readAttachment?: ReadAttachment,
): Promise<ImportItemOutcome> {
  try {
    return await importReferences(db, name, bytes, readAttachment);
  } catch (error) {
    return failedOutcome(error);
  }
}

async function importAttachment(
  db: Db,
  entry: ReferenceEntry,
  readAttachment: ReadAttachment | undefined,
): Promise<number | undefined> {
  if (!readAttachment) return undefined;
  for (const path of entry.files) {
    const file = await readAttachment(path);
    if (!file) continue;
    const result = await importBuffer(db, file.name, file.bytes);
    if (result.kind === 'imported') return result.id;
    if (result.kind === 'duplicate') return result.duplicateOf;
  }
  return undefined;
}

/** A source with no text: its identity (for a second import of the same library) is its metadata. */
function createReference(db: Db, values: ReferenceValues, entry: ReferenceEntry, fileName: string) {
  const identity = createHash('sha256')
    .update(JSON.stringify(METADATA_FIELDS.map((f) => values[f])))
    .digest('hex');
  return committed(db, () => {
    const outcome = insertSource(db, {
      ...values,
      title: values.title!,
      body: '',
      original: entry.original,
      fileName,
      format: 'reference',
      contentHash: `reference:${identity}`,
    });
    if (outcome.kind === 'inserted') {
      recordProvenance(db, outcome.id, evidenceFor(values));
      recordReferenceDetails(db, outcome.id, detailsOf(entry.item));
    }
    return outcome;
  });
}
