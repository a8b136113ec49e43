import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { ImportItemOutcome } from '../../shared/contract';
import { METADATA_FIELDS, type MetadataField } from '../../shared/source';
import { foldForComparison } from '../../shared/text';
import type { Db } from '../archive/database';
import { type FoundEvidence, recordProvenance, refreshMetadata } from '../archive/provenance';
import { getSource, insertSource } from '../archive/sources';
import { committed } from '../archive/writeErrors';
import { UserError } from '../errors';
import { importBuffer } from '../importers/importBuffer';
import { failedOutcome, ImportFailure } from '../importers/importFailure';
import { isReferenceExtension } from '../importers/importFormats';
import { readBibtex } from './bibtex';
import { readCslJson } from './cslJson';
import { detailsOf, type ReferenceDetails, recordReferenceDetails } from './referenceDetails';
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

/** A source an entry may match: what the store gives of every source the analyst may see. */
export interface IndexedSource {
  id: number;
  title: string;
  url: string | null;
  doi: string | null;
  /** Its date as precise as it is known: its day, or the year or month its library gave. */
  publishedAt: string | null;
}

/** A metadata-only source to create (format 'reference', no text). */
export interface NewReference {
  values: ReferenceValues & { title: string };
  original: string;
  fileName: string;
  /** Its identity, for a second import of the same library: a hash of its metadata. */
  contentHash: string;
  evidence: FoundEvidence;
  details: ReferenceDetails;
}

/**
 * Where a library's entries go: the analyst's SQLite archive or the team's PostgreSQL one. The
 * rules (matching, what is filled, what is created) are importReferencesInto's, the same for both.
 */
export interface ReferenceStore {
  sources(): Promise<IndexedSource[]>;
  /** Fills, in one transaction, the empty or weakly founded fields (never the analyst's); the fields changed and the title. */
  fill(
    id: number,
    values: ReferenceValues,
    evidence: FoundEvidence,
    details: ReferenceDetails,
  ): Promise<{ fields: MetadataField[]; title: string }>;
  create(
    reference: NewReference,
  ): Promise<
    { kind: 'inserted'; id: number } | { kind: 'duplicate'; duplicateOf: number } | { kind: 'failed'; error: string }
  >;
  /** The source an entry's attached file became, when the store may read attachments (the local CLI). */
  attachment?(entry: ReferenceEntry): Promise<number | undefined>;
}

/** The archive's sources by URL, DOI and title, looked up once per file. */
function indexSources(rows: readonly IndexedSource[]) {
  const byUrl = new Map<string, number>();
  const byDoi = new Map<string, number>();
  const byTitle = new Map<string, { id: number; date: string | null }[]>();
  for (const row of rows) {
    if (row.url) byUrl.set(normalUrl(row.url), row.id);
    const doi = doiIn(`${row.doi ?? ''} ${row.url ?? ''}`);
    if (doi) byDoi.set(doi, row.id);
    const key = titleKey(row.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), { id: row.id, date: row.publishedAt }]);
  }
  return { byUrl, byDoi, byTitle };
}

/** The source an entry describes: same URL, same DOI, or same title and date (as precise as the entry's, or none). */
function findMatch(index: ReturnType<typeof indexSources>, entry: ReferenceEntry): number | undefined {
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

/** A source with no text: its identity (for a second import of the same library) is its metadata. */
const referenceHash = (values: ReferenceValues) =>
  `reference:${createHash('sha256')
    .update(JSON.stringify(METADATA_FIELDS.map((f) => values[f])))
    .digest('hex')}`;

/**
 * Imports a reference manager's export into a store, either engine. Each entry, in its own
 * transaction: an attached file that exists is imported as a source; the entry then fills the
 * empty or weakly founded metadata of that source, or of the archive's source it matches (never a
 * field the analyst set); an entry with no match becomes a source with no text (format
 * 'reference'): citable, nothing to quote.
 */
export async function importReferencesInto(
  store: ReferenceStore,
  name: string,
  bytes: Uint8Array,
): Promise<ReferencesOutcome> {
  const entries = readReferenceFile(name, new TextDecoder().decode(bytes));
  const outcome: ReferencesOutcome = { kind: 'references', created: [], updated: [], unchanged: [], failed: [] };
  let index = indexSources(await store.sources());
  for (const entry of entries) {
    const values = valuesOf(entry.item);
    const label = values.title || entry.item.id || '(untitled entry)';
    if (!values.title) {
      outcome.failed.push({ title: label, error: 'the entry has no title' });
      continue;
    }
    try {
      if (await importEntry(store, index, entry, { ...values, title: values.title }, name, outcome)) {
        index = indexSources(await store.sources());
      }
    } catch (error) {
      // Each entry is its own transaction: one the archive refuses (a source the analyst may see
      // but not change, a marking above their clearance) fails alone, and the rest go in.
      if (!(error instanceof UserError && error.code === 'forbidden')) throw error;
      outcome.failed.push({ title: values.title, error: error.message });
    }
  }
  return outcome;
}

/** One entry into the store, its outcome recorded; true when it made a new source. */
async function importEntry(
  store: ReferenceStore,
  index: ReturnType<typeof indexSources>,
  entry: ReferenceEntry,
  values: ReferenceValues & { title: string },
  name: string,
  outcome: ReferencesOutcome,
): Promise<boolean> {
  let target = await store.attachment?.(entry);
  target ??= findMatch(index, entry);
  if (target !== undefined) {
    const { fields, title } = await store.fill(target, values, evidenceFor(values), detailsOf(entry.item));
    if (fields.length > 0) outcome.updated.push({ id: target, title, fields });
    else outcome.unchanged.push({ id: target, title });
    return false;
  }
  const created = await store.create({
    values,
    original: entry.original,
    fileName: basename(name),
    contentHash: referenceHash(values),
    evidence: evidenceFor(values),
    details: detailsOf(entry.item),
  });
  if (created.kind === 'inserted') outcome.created.push({ id: created.id, title: values.title });
  else if (created.kind === 'duplicate') outcome.unchanged.push({ id: created.duplicateOf, title: values.title });
  else outcome.failed.push({ title: values.title, error: created.error });
  return true;
}

/** The analyst's SQLite archive as a reference store; with readAttachment, attached files are imported too. */
export function sqliteReferenceStore(db: Db, readAttachment?: ReadAttachment): ReferenceStore {
  return {
    sources: async () =>
      (
        db
          .prepare(
            `SELECT s.id, s.title, s.url, d.doi, coalesce(s.published_at, d.issued) AS published_at
             FROM sources s LEFT JOIN reference_details d ON d.source_id = s.id`,
          )
          .all() as { id: number; title: string; url: string | null; doi: string | null; published_at: string | null }[]
      ).map(({ published_at, ...row }) => ({ ...row, publishedAt: published_at })),
    fill: async (id, values, evidence, details) => {
      const fields = committed(db, () => {
        const changed = refreshMetadata(db, id, values, evidence, true);
        recordReferenceDetails(db, id, details);
        return changed;
      });
      return { fields, title: getSource(db, id)?.title ?? values.title ?? '' };
    },
    create: async (reference) =>
      committed(db, () => {
        const outcome = insertSource(db, {
          ...reference.values,
          body: '',
          original: reference.original,
          fileName: reference.fileName,
          format: 'reference',
          contentHash: reference.contentHash,
        });
        if (outcome.kind === 'inserted') {
          recordProvenance(db, outcome.id, reference.evidence);
          recordReferenceDetails(db, outcome.id, reference.details);
        }
        return outcome;
      }),
    attachment: readAttachment ? (entry) => importAttachment(db, entry, readAttachment) : undefined,
  };
}

/** Imports a reference manager's export into the analyst's SQLite archive (importReferencesInto). */
export function importReferences(
  db: Db,
  name: string,
  bytes: Uint8Array,
  readAttachment?: ReadAttachment,
): Promise<ReferencesOutcome> {
  return importReferencesInto(sqliteReferenceStore(db, readAttachment), name, bytes);
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
  readAttachment: ReadAttachment,
): Promise<number | undefined> {
  for (const path of entry.files) {
    const file = await readAttachment(path);
    if (!file) continue;
    const result = await importBuffer(db, file.name, file.bytes);
    if (result.kind === 'imported') return result.id;
    if (result.kind === 'duplicate') return result.duplicateOf;
  }
  return undefined;
}
