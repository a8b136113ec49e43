import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpTemp } from '../support/tempArchive';
import { connected } from './support/connected';
import { newTeamDatabase, POSTGRES_PRESENT, postgresClusterPerFile } from './support/teamFixture';

const cluster = postgresClusterPerFile();
afterEach(cleanUpTemp);

/**
 * One statement storing `rows` sources of 60 words each drawn from a shared vocabulary, as one
 * chunk of a bulk load: its did-you-mean counts are one grouped upsert of a few thousand words.
 */
const CHUNK = `INSERT INTO sources (title, body, original, content_hash, word_count, format)
  SELECT 'Chunk ' || g, b.text, b.text, md5(b.text || g || $1::text), 60, 'txt'
  FROM generate_series(1, $2::integer) g,
       LATERAL (SELECT string_agg('v' || floor(random() * 4000)::int, ' ') AS text
                FROM generate_series(1, 60) WHERE g > 0) b`;

describe.runIf(POSTGRES_PRESENT)('PostgreSQL migration 60: bulk load', () => {
  it('stores the text and the weighted vector with lz4', async () => {
    const team = await newTeamDatabase(cluster());
    const methods = await connected(team.ownerUrl, async (client) => {
      const { rows } = await client.query<{ attname: string; attcompression: string }>(
        `SELECT attname, attcompression FROM pg_attribute
         WHERE attrelid = 'sources'::regclass AND attname IN ('body', 'original', 'text_vector') ORDER BY attname`,
      );
      return Object.fromEntries(rows.map((row) => [row.attname, row.attcompression]));
    });
    expect(methods).toEqual({ body: 'l', original: 'l', text_vector: 'l' });
  });

  it('counts the words of parallel multi-source statements without deadlocking', async () => {
    const team = await newTeamDatabase(cluster());
    // Statements of different sizes group their words into hash tables of different sizes, so
    // without an order each would lock the shared words in an order of its own.
    const load = (rows: number, seed: string) =>
      connected(team.ownerUrl, async (client) => {
        for (let round = 0; round < 8; round++) await client.query(CHUNK, [`${seed}-${round}`, rows]);
      });
    await expect(Promise.all([load(40, 'a'), load(150, 'b'), load(90, 'c')])).resolves.toBeDefined();
    const totals = await connected(team.ownerUrl, async (client) => {
      const { rows } = await client.query<{ sources: number; words: number }>(
        `SELECT (SELECT count(*)::integer FROM sources) AS sources,
                (SELECT count(*)::integer FROM search_terms WHERE docs > 0) AS words`,
      );
      return rows[0]!;
    });
    expect(totals.sources).toBe(8 * (40 + 150 + 90));
    expect(totals.words).toBeGreaterThan(3900);
  });
});
