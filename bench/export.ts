/**
 * `npm run bench:export [-- --smoke]`: a 200-page brief with 2,000 footnotes (seed-article prose and excerpts)
 * exported by the CLI as a whole process, against pandoc converting the same content written as
 * Markdown with footnotes. Prints wall time and peak RSS of each, their ratios, whether LibreOffice
 * opens the Précis output, and a block to paste into the README. --smoke: 20 footnotes, one run each.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ARCHIVE_FILE_NAME, openArchive } from '../main/archive/database';
import { getSource, listSources } from '../main/archive/sources';
import { createBrief, saveBrief } from '../main/briefs/briefs';
import { importPaths } from '../main/importers/importPaths';
import { collectFootnoteSources, numberFootnotes, type SerializedNode } from '../shared/briefDocument';
import { excerptOf } from '../shared/excerpt';
import type { SourceDetail } from '../shared/source';
import { ROOT } from '../test/support/browserSession';

const SMOKE = process.argv.includes('--smoke');
const PARAGRAPHS = SMOKE ? 10 : 1_000; // two excerpts each, about 160 words: 200+ US Letter pages with the notes
const FOOTNOTES = PARAGRAPHS * 2;
const RUNS = SMOKE ? 1 : 3;
const SECTION_EVERY = 10;

const node = (type: string, children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedNode => ({
  type,
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  ...extra,
  children,
});
const text = (value: string): SerializedNode => ({
  type: 'text',
  version: 1,
  text: value,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
});

/** Sentences of a source with their body offsets: the prose and the excerpts both come from them. */
function sentences(source: SourceDetail): { start: number; end: number; text: string }[] {
  return [...source.body.matchAll(/[A-Z][^.!?\n]{40,200}[.!?]/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }));
}

function buildBrief(dataDir: string): { id: number; markdown: string } {
  const db = openArchive(join(dataDir, ARCHIVE_FILE_NAME));
  const sources = listSources(db).map((s) => getSource(db, s.id)!);
  const pools = sources.map((source) => ({ source, sentences: sentences(source) }));
  const blocks: SerializedNode[] = [];
  const md: string[] = ['# Arctic radar modernisation: consolidated reporting', ''];
  let n = 0;
  for (let p = 0; p < PARAGRAPHS; p++) {
    if (p % SECTION_EVERY === 0) {
      const title = `Section ${p / SECTION_EVERY + 1}: reporting and analysis`;
      blocks.push(node('heading', [text(title)], { tag: 'h2' }));
      md.push(`## ${title}`, '');
    }
    const children: SerializedNode[] = [];
    let line = '';
    for (let k = 0; k < 2; k++, n++) {
      const pool = pools[n % pools.length]!;
      const prose = pool.sentences[(n * 7) % pool.sentences.length]!.text;
      const quoted = pool.sentences[(n * 13 + 5) % pool.sentences.length]!;
      // Two sentences of context per excerpt: just over 200 pages once laid out.
      const more = ` ${pool.sentences[(n * 11 + 3) % pool.sentences.length]!.text}`;
      const lead = `${prose}${more} Officials note that `;
      const excerpt = excerptOf(pool.source, quoted.start, quoted.end - 1, 'inline');
      children.push(text(lead), excerpt as unknown as SerializedNode, text('. '));
      line += `${lead}“${excerpt.quote}”[^${n + 1}]. `;
    }
    blocks.push(node('paragraph', children, { textFormat: 0, textStyle: '' }));
    md.push(line.trim(), '');
  }
  const content = { root: node('root', blocks) };
  const notes = numberFootnotes(collectFootnoteSources(content));
  if (notes.length !== FOOTNOTES) throw new Error(`expected ${FOOTNOTES} footnotes, built ${notes.length}`);
  for (const note of notes) md.push(`[^${note.number}]: ${note.text}`, '');
  const brief = createBrief(db, { template: 'blank' });
  saveBrief(db, {
    id: brief.id,
    baseRevision: brief.revision,
    title: 'Arctic radar modernisation',
    classification: 'PROTECTED B',
    content,
  });
  db.close();
  return { id: brief.id, markdown: md.join('\n') };
}

interface Run {
  wallMs: number;
  peakRssMb: number;
}

/** Runs a command to completion under /usr/bin/time -v (GNU time), which reports the peak RSS. */
function measure(command: string, args: string[]): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  return { wallMs, peakRssMb: kb ? Number(kb[1]) / 1024 : Number.NaN };
}

function median(runs: Run[]): Run {
  const by = (key: keyof Run) => [...runs].sort((a, b) => a[key] - b[key])[Math.floor(runs.length / 2)]![key];
  return { wallMs: by('wallMs'), peakRssMb: by('peakRssMb') };
}

function libreOfficePages(docx: string, outDir: string): number | null {
  const profile = mkdtempSync(join(tmpdir(), 'precis-bench-lo-'));
  try {
    spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx],
      {
        timeout: 600_000,
      },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = docx.replace(/\.docx$/, '.pdf');
  if (!existsSync(pdf)) return null;
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
}

async function main(): Promise<void> {
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed for peak RSS');
  const dir = mkdtempSync(join(tmpdir(), 'precis-bench-export-'));
  try {
    const dataDir = join(dir, 'data');
    const db = openArchive(join(dataDir, ARCHIVE_FILE_NAME));
    await importPaths(db, [join(ROOT, 'seeds')]);
    db.close();
    const { id, markdown } = buildBrief(dataDir);
    const mdFile = join(dir, 'brief.md');
    writeFileSync(mdFile, markdown);
    const precisOut = join(dir, 'precis.docx');
    const pandocOut = join(dir, 'pandoc.docx');
    const cli = join(ROOT, 'dist', 'main', 'cli.cjs');
    const precisRuns: Run[] = [];
    const pandocRuns: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      precisRuns.push(measure(process.execPath, [cli, 'export', String(id), '-o', precisOut, '--data-dir', dataDir]));
      pandocRuns.push(measure('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', pandocOut, mdFile]));
    }
    const precis = median(precisRuns);
    const pandoc = median(pandocRuns);
    const pages = libreOfficePages(precisOut, dir);
    const pandocVersion = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const speedup = pandoc.wallMs / precis.wallMs;
    const lines = [
      `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}, ${pandocVersion}; ${new Date().toISOString().slice(0, 10)}.`,
      `Brief: ${PARAGRAPHS} paragraphs, ${PARAGRAPHS / SECTION_EVERY} headings, ${FOOTNOTES} footnotes; Markdown ${Math.round(markdown.length / 1024)} KB; median of ${RUNS} run(s) each.`,
      '',
      '| what | wall time | peak RSS | output |',
      '| --- | --- | --- | --- |',
      `| \`precis export\` (whole CLI process) | ${precis.wallMs.toFixed(0)} ms | ${precis.peakRssMb.toFixed(0)} MB | ${Math.round(statSync(precisOut).size / 1024)} KB |`,
      `| \`pandoc -f markdown -t docx\` | ${pandoc.wallMs.toFixed(0)} ms | ${pandoc.peakRssMb.toFixed(0)} MB | ${Math.round(statSync(pandocOut).size / 1024)} KB |`,
      `| ratio (pandoc / Précis) | ${speedup.toFixed(2)}× | ${(pandoc.peakRssMb / precis.peakRssMb).toFixed(2)}× | |`,
      '',
      `Target ≥ 2× faster than pandoc: ${speedup >= 2 ? 'met' : 'missed'} (${speedup.toFixed(2)}×).`,
      `LibreOffice opens the Précis output: ${pages ? `yes, PDF of ${pages} pages` : 'NO PDF PRODUCED'}.`,
      'Command: `npm run bench:export`',
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (!pages) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
