import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import pg from 'pg';
import { contentHash } from '../main/archive/sources';
import { countWords } from '../shared/text';
import { generateSources } from './corpus';

/**
 * The benchmark's bulk load of the team archive: `size` generated sources (bench/corpus.ts, the
 * same as the SQLite archive's) and their tags, by COPY as the archive's owner, in one
 * transaction through psql (node-postgres has no COPY of its own). COPY refuses a table under
 * row-level security, so the transaction lifts FORCE for the owner alone and puts it back before
 * it commits: no other session ever sees the table without it (ALTER TABLE locks it
 * exclusively). The GIN indexes are dropped for the load and built once at the end, which is
 * several times faster than growing them row by row. Near-duplicates point at their cluster's
 * head as bench/buildArchive.ts makes them: the table is new, so ids are 1, 2, 3… in load order.
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
  /** CPU seconds of this process (generating and escaping) and of the server backend (parsing, vectors, indexes). */
  clientCpuSeconds: number;
}

export async function copyLoad(ownerUrl: string, size: number, log: (line: string) => void): Promise<LoadStats> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const { rows: gin } = await owner.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE tablename = 'sources' AND indexdef LIKE '%USING gin%' ORDER BY indexname`,
  );
  await owner.end();

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
      `COPY sources (${COLUMNS}) FROM STDIN;`,
      '',
    ].join('\n'),
  );
  const heads = new Int32Array(size);
  const tags: string[] = [];
  let index = 0;
  for (const s of generateSources(size)) {
    const id = index + 1;
    heads[index] = s.duplicateOf === null ? id : heads[s.duplicateOf]!;
    const row = [
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
  return { seconds: (performance.now() - started) / 1000, clientCpuSeconds: (cpu.user + cpu.system) / 1e6 };
}
