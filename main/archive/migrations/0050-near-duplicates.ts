import type { Db } from '../database';

/**
 * What near-duplicate detection (main/archive/nearDuplicates.ts) keeps about each source, so a
 * new import is compared with a handful of likely matches instead of the whole archive:
 * - source_fingerprints: one row per source that has been fingerprinted, with the scheme that
 *   made it (a later, better scheme re-fingerprints older rows) and how many distinct content
 *   words it had (too few, and it is never clustered);
 * - source_lsh_buckets: MinHash locality-sensitive hashing. Each source falls into one bucket per
 *   band; sources sharing any bucket are the candidates checked exactly.
 * Existing sources are fingerprinted by code on the next import (fingerprintMissing), not here:
 * the features are the importer's business and may change without a schema change.
 * Both cascade from sources, so deleting a source forgets its fingerprint.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE source_fingerprints (
      source_id INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
      scheme INTEGER NOT NULL,
      content_words INTEGER NOT NULL CHECK (content_words >= 0)
    ) STRICT;

    -- bucket = band * 2^32 + the band's 32-bit hash: one integer, so a lookup is one IN list.
    CREATE TABLE source_lsh_buckets (
      bucket INTEGER NOT NULL CHECK (bucket >= 0),
      source_id INTEGER NOT NULL REFERENCES source_fingerprints (source_id) ON DELETE CASCADE,
      PRIMARY KEY (bucket, source_id)
    ) STRICT, WITHOUT ROWID;

    -- For the cascade: deleting a fingerprint finds its buckets without a scan.
    CREATE INDEX source_lsh_buckets_by_source ON source_lsh_buckets (source_id);
  `);
}
