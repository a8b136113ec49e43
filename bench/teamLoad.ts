import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { contentHash } from '../main/archive/sources';
import { countWords } from '../shared/text';
import { generateSources } from './corpus';
import { serverCpuSeconds } from './teamCpu';

/**
 * The benchmark's bulk load of the team archive: `size` generated sources (bench/corpus.ts, the
 * same as the SQLite archive's) and their tags, as the archive's owner, set-based and in parallel.
 *
 * What a source costs the server (measured, CPU): its weighted vector's to_tsvector about 0.35 ms,
 * storing the row (TOAST, WAL, the b-trees) 0.25 ms, its text GIN entries 0.3–0.4 ms, its
 * did-you-mean word counts 0.2 ms counted from the table afterwards, 0.45 ms upserted a chunk at a
 * time by migration 40's trigger. So:
 * - the sources are cut into chunks, streamed by COPY (psql: node-postgres has no COPY) into a
 *   temporary table of each of `streams` sessions (one per core), each chunk then stored by one
 *   INSERT … SELECT in its own transaction, the vectors made by the generated columns. Row-level
 *   security stays forced throughout: COPY into `sources` is refused under it, INSERT … SELECT
 *   is not;
 * - each chunk's words are counted from the vectors it just made (RETURNING), into the session's
 *   own table, and added to search_terms once at the end, in word order (precis.bulk_load, PG
 *   migration 60, keeps the trigger out of it);
 * - the GIN indexes stay, each gathering entries in a 64 MB pending list that whichever session
 *   fills it merges in bulk: the indexes grow beside the rows, in every session at once. Measured
 *   against dropping them and building them at the end (20,000 sources, load 13–15): 84 s and
 *   37.7 s of server CPU against 125 s and 50.1 s. Afterwards they go back to no pending list
 *   (migration 30), so no search scans one.
 * Ids are the load order (reserved from the identity's sequence up front), so a near-duplicate
 * points at its cluster's head as bench/buildArchive.ts makes them; the head may sit in another
 * session's uncommitted chunk, so near-duplicates (2%) and their tags go through one more session
 * that stores them once every other has committed.
 */

const COLUMNS = `id, title, outlet, author, published_at, language, url, body, original, content_hash, file_name,
  word_count, format, cluster_id`;
const STAGE = `CREATE TEMP TABLE stage (id bigint, title text, outlet text, author text, published_at text,
  language text, url text, body text, original text, content_hash text, file_name text, word_count integer,
  format text, cluster_id bigint);
CREATE TEMP TABLE stage_tags (source_id bigint, tag text);
CREATE TEMP TABLE words (term text, classification text, docs integer);`;
/** One chunk stored, its words counted from the vectors just made (precis.bulk_load skips the trigger's). */
const STORE = `WITH stored AS (
  INSERT INTO sources (${COLUMNS}) OVERRIDING SYSTEM VALUE SELECT ${COLUMNS} FROM stage RETURNING classification, text_vector)
INSERT INTO words SELECT w, classification, count(*) FROM stored, unnest(tsvector_to_array(text_vector)) w GROUP BY 1, 2;
INSERT INTO source_tags (source_id, tag) SELECT source_id, tag FROM stage_tags ON CONFLICT DO NOTHING;`;
/** A session's word counts into search_terms, in word order as migration 60's trigger (no deadlock). */
const COUNT_WORDS = `INSERT INTO search_terms (term, classification, docs)
  SELECT term, classification, sum(docs) FROM words GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (term, classification) DO UPDATE SET docs = search_terms.docs + excluded.docs;`;
/** Sources per chunk: one transaction, one statement's word counts. */
const CHUNK = 2000;

/** A value in COPY's text format: \N for NULL; backslash, tab, newline and return escaped. */
function field(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

interface Session {
  psql: ChildProcessByStdio<Writable, null, null>;
  exited: Promise<number>;
  write(text: string): Promise<void>;
}

function psqlSession(ownerUrl: string, setup: string): Session {
  const psql = spawn('psql', [ownerUrl, '-q', '-X', '-v', 'ON_ERROR_STOP=1'], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  let code: number | null = null;
  const exited = new Promise<number>((resolve) =>
    psql.on('close', (status) => {
      code = status ?? 1;
      resolve(code);
    }),
  );
  // A session that failed has said why on stderr and exits non-zero: its exit code reports it.
  psql.stdin.on('error', () => {});
  const write = async (text: string) => {
    if (code !== null) throw new Error(`psql exited with ${code} during the bulk load`);
    if (!psql.stdin.write(text))
      await new Promise((resolve) => {
        psql.stdin.once('drain', resolve);
        void exited.then(resolve);
      });
  };
  void write(setup);
  return { psql, exited, write };
}

export interface LoadStats {
  seconds: number;
  /** Wall seconds storing the rows, then building the indexes and analysing. */
  rowSeconds: number;
  indexSeconds: number;
  /** CPU seconds of this process (generating and escaping). */
  clientCpuSeconds: number;
  /** CPU seconds of the whole server (every backend, the WAL writer, checkpoints), or NaN. */
  serverCpuSeconds: number;
}

export async function copyLoad(
  ownerUrl: string,
  size: number,
  log: (line: string) => void,
  streams = Math.max(1, cpus().length),
): Promise<LoadStats> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const serverCpu = await serverCpuSeconds(owner);
  const { rows: gin } = await owner.query<{ name: string; fastupdate: boolean }>(
    `SELECT indexname AS name, indexdef NOT LIKE '%fastupdate=off%' AS fastupdate FROM pg_indexes
     WHERE tablename = 'sources' AND indexdef LIKE '%USING gin%' ORDER BY indexname = 'sources_text' DESC, indexname`,
  );
  // Each GIN index gathers the load's entries in its pending list (64 MB) and merges them in bulk,
  // by whichever session fills it: the index is built in parallel with the rows, at a build's cost.
  for (const index of gin)
    await owner.query(`ALTER INDEX ${index.name} SET (fastupdate = on, gin_pending_list_limit = 65536)`);
  // The ids of this load, reserved: a concurrent import takes the ones after.
  const { rows: reserved } = await owner.query<{ first: string }>(
    `SELECT first, setval(seq, first + $1::bigint - 1)
     FROM (SELECT seq, nextval(seq) AS first FROM pg_get_serial_sequence('sources', 'id') AS seq) r`,
    [size],
  );
  const base = Number(reserved[0]!.first) - 1;
  const lz4 = await owner
    .query("SET default_toast_compression = 'lz4'")
    .then(() => true)
    .catch(() => false);
  // precis.bulk_load (PG migration 60): the words are counted once, below, not per chunk.
  const setup = `${lz4 ? "SET default_toast_compression = 'lz4';\n" : ''}SET temp_buffers = '64MB';
SET precis.bulk_load = on;\n${STAGE}\n`;

  const sessions = Array.from({ length: streams }, () => psqlSession(ownerUrl, setup));
  const late = psqlSession(ownerUrl, `${setup}COPY stage FROM STDIN;\n`);
  const lateTags: string[] = [];
  const heads = new Int32Array(size);
  let rows: string[] = [];
  let tags: string[] = [];
  let chunk = 0;
  const flush = async () => {
    const session = sessions[chunk++ % streams]!;
    await session.write(
      `BEGIN;\nCOPY stage FROM STDIN;\n${rows.join('')}\\.\nCOPY stage_tags FROM STDIN;\n${tags.join('')}\\.\n${STORE}\nCOMMIT;\nTRUNCATE stage, stage_tags;\n`,
    );
    rows = [];
    tags = [];
  };
  let index = 0;
  for (const s of generateSources(size)) {
    const id = base + index + 1;
    heads[index] = s.duplicateOf === null ? id : heads[s.duplicateOf]!;
    const row = `${[
      id,
      s.title,
      s.outlet,
      s.author,
      s.publishedAt,
      s.language,
      s.url,
      s.body,
      s.original,
      `${contentHash(s.body)}:${index}`,
      s.fileName,
      countWords(s.body),
      'txt',
      s.duplicateOf === null ? null : heads[index]!,
    ]
      .map(field)
      .join('\t')}\n`;
    const sourceTags = [...new Set(s.tags)].map((tag) => `${id}\t${field(tag)}\n`);
    if (s.duplicateOf === null) {
      rows.push(row);
      tags.push(...sourceTags);
      if (rows.length === CHUNK) await flush();
    } else {
      await late.write(row);
      lateTags.push(...sourceTags);
    }
    index++;
    if (index % 100_000 === 0) log(`  generated ${index.toLocaleString('en')}`);
  }
  if (rows.length > 0) await flush();
  for (const session of sessions) {
    await session.write(`${COUNT_WORDS}\n`);
    session.psql.stdin.end();
  }
  const codes = await Promise.all(sessions.map((session) => session.exited));
  await late.write(
    `\\.\nCOPY stage_tags FROM STDIN;\n${lateTags.join('')}\\.\nBEGIN;\n${STORE}\nCOMMIT;\n${COUNT_WORDS}\n`,
  );
  late.psql.stdin.end();
  codes.push(await late.exited);
  if (codes.some((code) => code !== 0)) throw new Error(`psql exited with ${codes.join(', ')} during the bulk load`);
  const rowSeconds = (performance.now() - started) / 1000;

  // What is left in the pending lists is merged, and the indexes go back to their own setting
  // (migration 30: no pending list, so no search scans one): the text index in a session of its own.
  const session = async (statements: string[]) => {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      await client.query("SET maintenance_work_mem = '1GB'");
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const settle = (index: { name: string; fastupdate: boolean }) => [
    `ALTER INDEX ${index.name} SET (fastupdate = ${index.fastupdate ? 'on' : 'off'})`,
    `ALTER INDEX ${index.name} RESET (gin_pending_list_limit)`,
    `SELECT gin_clean_pending_list('${index.name}')`,
  ];
  await Promise.all([session(gin.slice(0, 1).flatMap(settle)), session(gin.slice(1).flatMap(settle))]);
  await session(['ANALYZE sources', 'ANALYZE source_tags', 'ANALYZE search_terms']);
  const seconds = (performance.now() - started) / 1000;
  const serverCpuAfter = await serverCpuSeconds(owner);
  await owner.end();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds,
    rowSeconds,
    indexSeconds: seconds - rowSeconds,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds: serverCpuAfter - serverCpu,
  };
}
