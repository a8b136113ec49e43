import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { contentHash } from '../main/archive/sources';
import { countWords } from '../shared/text';
import { generateSources } from './corpus';
import { serverCpuSeconds } from './teamCpu';

/**
 * The benchmark's bulk load of the team archive: `size` generated sources (bench/corpus.ts, the
 * same as the SQLite archive's) and their tags, by COPY as the archive's owner, in one
 * transaction through psql (node-postgres has no COPY of its own). COPY refuses a table under
 * row-level security, so the transaction lifts FORCE for the owner alone and puts it back before
 * it commits: no other session ever sees the table without it (ALTER TABLE locks it
 * exclusively). The GIN indexes are dropped for the load and built once at the end, which is
 * several times faster than growing them row by row; did-you-mean's word counts are one grouped
 * upsert for the whole COPY (migration 40's statement trigger). Near-duplicates point at their
 * cluster's head as bench/buildArchive.ts makes them: ids are reserved up front, in load order.
 *
 * Measured against a loader of two parallel sessions (COPY into a temporary table, one INSERT …
 * SELECT per 2,000-source chunk, GIN entries merged from pending lists, word counts per session):
 * at 20,000 sources on a quiet machine (load 1–5), this one took 1.1 ms of CPU a source and loaded
 * 923–999 a second, the parallel one 1.7–1.9 ms and 593–967 a second. Staging every row twice,
 * counting words per chunk and merging GIN pending lists cost more than the second core gave.
 */

const COLUMNS = `title, outlet, author, published_at, language, url, body, original, content_hash, file_name,
  word_count, format, cluster_id`;

/** A value in COPY's text format: \N for NULL; backslash, tab, newline and return escaped. */
function field(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
}

export interface LoadStats {
  seconds: number;
  /** Wall seconds until the rows were in (COPY ended), then to the end (indexes, commit, ANALYZE). */
  rowSeconds: number;
  indexSeconds: number;
  /** CPU seconds of this process (generating and escaping). */
  clientCpuSeconds: number;
  /** CPU seconds of the whole server (every backend, the WAL writer, checkpoints), or NaN. */
  serverCpuSeconds: number;
}

export async function copyLoad(ownerUrl: string, size: number, log: (line: string) => void): Promise<LoadStats> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const serverCpu = await serverCpuSeconds(owner);
  const { rows: gin } = await owner.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE tablename = 'sources' AND indexdef LIKE '%USING gin%' ORDER BY indexname`,
  );
  // The ids of this load, reserved from the identity's sequence: a concurrent import takes the ones after.
  const { rows: reserved } = await owner.query<{ first: string }>(
    `SELECT first, setval(seq, first + $1::bigint - 1)
     FROM (SELECT seq, nextval(seq) AS first FROM pg_get_serial_sequence('sources', 'id') AS seq) r`,
    [size],
  );
  const base = Number(reserved[0]!.first) - 1;

  const psql = spawn('psql', [ownerUrl, '-q', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = new Promise<number>((resolve) => psql.on('close', (code) => resolve(code ?? 1)));
  const input = psql.stdin;
  await write(
    input,
    [
      'BEGIN;',
      'ALTER TABLE sources NO FORCE ROW LEVEL SECURITY;',
      'ALTER TABLE source_tags NO FORCE ROW LEVEL SECURITY;',
      ...gin.map((index) => `DROP INDEX ${index.name};`),
      `COPY sources (id, ${COLUMNS}) FROM STDIN;`,
      '',
    ].join('\n'),
  );
  const heads = new Int32Array(size);
  const tags: string[] = [];
  let index = 0;
  for (const s of generateSources(size)) {
    const id = base + index + 1;
    heads[index] = s.duplicateOf === null ? id : heads[s.duplicateOf]!;
    const row = [
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
    ];
    await write(input, `${row.map(field).join('\t')}\n`);
    for (const tag of new Set(s.tags)) tags.push(`${id}\t${field(tag)}\n`);
    index++;
    if (index % 50_000 === 0) log(`  generated ${index.toLocaleString('en')}`);
  }
  await write(input, '\\.\n');
  const rowsIn = performance.now();
  await write(input, 'COPY source_tags (source_id, tag) FROM STDIN;\n');
  for (const line of tags) await write(input, line);
  await write(
    input,
    [
      '\\.',
      ...gin.map((index) => `${index.definition};`),
      'ALTER TABLE sources FORCE ROW LEVEL SECURITY;',
      'ALTER TABLE source_tags FORCE ROW LEVEL SECURITY;',
      'COMMIT;',
      'ANALYZE sources;',
      'ANALYZE source_tags;',
      '',
    ].join('\n'),
  );
  input.end();
  const code = await exited;
  if (code !== 0) throw new Error(`psql exited with ${code} during the bulk load`);
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuAfter = await serverCpuSeconds(owner);
  await owner.end();
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds,
    rowSeconds: (rowsIn - started) / 1000,
    indexSeconds: seconds - (rowsIn - started) / 1000,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds: serverCpuAfter - serverCpu,
  };
}
