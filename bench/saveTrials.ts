/**
 * node bench/run.mjs saveTrials [--trials N] [--saves M] (npm run test:stress runs it). Two kinds
 * of trial, each through the contract as the renderer calls it:
 * - full disk: an archive on a small tmpfs; an editor saves a growing note M times while the disk
 *   is filled and later freed; failed saves are retried with the editor's text, as the app does.
 * - two windows: two editors on one brief save in a random interleaving; a refused (stale) save
 *   is settled as the app lets the analyst settle it, taking the other version or keeping a copy.
 * Prints saves attempted, reported failed, and lost (an acknowledged text not in the archive, or a
 * typed paragraph found nowhere: not in a brief, not in a snapshot). Exits 1 if anything is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ARCHIVE_FILE_NAME, type Db, openArchive } from '../main/archive/database';
import { dispatch } from '../main/dispatch';
import { briefHandlers } from '../main/handlers/briefHandlers';
import type { Brief, BriefSummary, Handlers, Result } from '../shared/contract';
import { CLASSIFICATIONS } from '../shared/source';
import { smallDiskOrSkip } from '../test/support/fullDisk';
import { prng } from '../test/support/prng';

interface Tally {
  attempted: number;
  failed: number;
  lost: number;
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error('Usage: node bench/run.mjs saveTrials [--trials N] [--saves M] [--smoke]');
    process.exit(2);
  }
  return value;
}

const noteOf = (paragraphs: string[]) => ({
  root: {
    type: 'root',
    children: paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] })),
  },
});

function api(db: Db) {
  const handlers = briefHandlers(db) as Handlers;
  return <T>(method: keyof Handlers, payload: unknown) => dispatch(handlers, method, payload) as Promise<Result<T>>;
}

/** The stored content of a brief, read through a connection of its own, as after a restart. */
function storedContent(file: string, id: number): string | undefined {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT content FROM briefs WHERE id = ?').get(id) as { content: string } | undefined)?.content;
  } finally {
    db.close();
  }
}

async function fullDiskTrial(
  dir: string,
  saves: number,
  random: () => number,
  tally: Tally,
  disk: { fill(): void; free(): void },
) {
  const file = join(dir, ARCHIVE_FILE_NAME);
  const db = openArchive(file);
  const call = api(db);
  const created = await call<Brief>('createBrief', { template: 'blank' });
  if (!created.ok) throw new Error(created.error.message);
  let revision = created.value.revision;
  const paragraphs: string[] = [];
  const fullFrom = 3 + Math.floor(random() * (saves / 3));
  const fullUntil = fullFrom + 2 + Math.floor(random() * (saves / 3));
  let full = false;
  for (let n = 1; n <= saves || full; n++) {
    if (n === fullFrom) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      disk.fill();
      full = true;
    }
    if (n === fullUntil) {
      disk.free();
      full = false;
    }
    paragraphs.push(`Paragraph ${n}: ${'analysis '.repeat(100 + Math.floor(random() * 200))}`);
    const content = noteOf(paragraphs);
    tally.attempted += 1;
    const result = await call<BriefSummary>('saveBrief', { id: created.value.id, baseRevision: revision, content });
    if (!result.ok) {
      tally.failed += 1;
      continue;
    }
    revision = result.value.revision;
    // Acknowledged: it must be in the file now, whatever happens next.
    if (storedContent(file, created.value.id) !== JSON.stringify(content)) tally.lost += 1;
  }
  db.close();
  const reopened = openArchive(file);
  const stored = reopened.prepare('SELECT content FROM briefs WHERE id = ?').get(created.value.id) as {
    content: string;
  };
  reopened.close();
  for (const paragraph of paragraphs) if (!stored.content.includes(paragraph.slice(0, 14))) tally.lost += 1;
}

/** One window: the brief it shows, its text, and the revision its next save is based on. */
interface Window {
  name: string;
  briefId: number;
  revision: number;
  paragraphs: string[];
  classification: (typeof CLASSIFICATIONS)[number];
}

async function twoWindowTrial(dir: string, saves: number, random: () => number, tally: Tally, trial: number) {
  const file = join(dir, `two-windows-${trial}.sqlite`);
  const db = openArchive(file);
  const call = api(db);
  const created = await call<Brief>('createBrief', { template: 'blank' });
  if (!created.ok) throw new Error(created.error.message);
  const typed: string[] = [];
  let lowered = 0;
  const windows: Window[] = ['A', 'B'].map((name) => ({
    name,
    briefId: created.value.id,
    revision: created.value.revision,
    paragraphs: [],
    classification: 'UNCLASSIFIED',
  }));
  for (let n = 1; n <= saves; n++) {
    const w = windows[Math.floor(random() * 2)]!;
    const marker = `T${trial}-${w.name}-${n}`;
    w.paragraphs.push(`${marker} ${'words '.repeat(5 + Math.floor(random() * 20))}`);
    typed.push(marker);
    // Now and then a window raises the marking (windows here never lower one on purpose).
    if (random() < 0.15)
      w.classification = CLASSIFICATIONS[Math.min(CLASSIFICATIONS.indexOf(w.classification) + 1, 6)]!;
    tally.attempted += 1;
    const before = db.prepare('SELECT classification FROM briefs WHERE id = ?').get(w.briefId) as {
      classification: string;
    };
    const result = await call<BriefSummary>('saveBrief', {
      id: w.briefId,
      baseRevision: w.revision,
      classification: w.classification,
      content: noteOf(w.paragraphs),
    });
    if (result.ok) {
      w.revision = result.value.revision;
      continue;
    }
    if (result.error.code !== 'conflict') throw new Error(result.error.message);
    tally.failed += 1;
    const choice = random() < 0.5 ? 'take-theirs' : 'keep-mine-as-copy';
    const resolved = await call<Brief>('resolveBriefConflict', {
      id: w.briefId,
      choice,
      title: `Window ${w.name}`,
      classification: w.classification,
      content: noteOf(w.paragraphs),
    });
    if (!resolved.ok) throw new Error(resolved.error.message);
    const after = db.prepare('SELECT classification FROM briefs WHERE id = ?').get(w.briefId) as {
      classification: string;
    };
    if (
      CLASSIFICATIONS.indexOf(after.classification as Window['classification']) <
      CLASSIFICATIONS.indexOf(before.classification as Window['classification'])
    )
      lowered += 1;
    const brief = resolved.value;
    Object.assign(w, {
      briefId: brief.id,
      revision: brief.revision,
      classification: brief.classification,
      paragraphs: brief.content.root.children?.map((p) => String(p.children?.[0]?.text ?? '')) ?? [],
    });
  }
  const everything = (
    db.prepare('SELECT content FROM briefs UNION ALL SELECT content FROM brief_snapshots').all() as {
      content: string;
    }[]
  )
    .map((row) => row.content)
    .join('\n');
  db.close();
  for (const marker of typed) if (!everything.includes(`${marker} `)) tally.lost += 1;
  tally.lost += lowered;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // --smoke: one short trial of each kind, so the suite notices a bench that no longer runs.
  const smoke = args.includes('--smoke');
  const trials = option(args, '--trials', smoke ? 1 : 5);
  const saves = option(args, '--saves', smoke ? 12 : 40);
  const started = performance.now();
  let exitCode = 0;

  const fullDisk: Tally = { attempted: 0, failed: 0, lost: 0 };
  const disk = smallDiskOrSkip(24, 'the full-disk save trials');
  if (disk) {
    try {
      for (let trial = 1; trial <= trials; trial++) {
        const dir = join(disk.dir, `trial-${trial}`);
        await fullDiskTrial(dir, saves, prng(trial), fullDisk, disk);
        disk.free();
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      disk.free();
      disk.unmount();
    }
    console.log(
      `full-disk trials: ${trials}; saves attempted ${fullDisk.attempted}, reported failed ${fullDisk.failed}, ` +
        `lost ${fullDisk.lost}`,
    );
    if (fullDisk.lost > 0 || fullDisk.failed === 0) exitCode = 1;
  }

  const twoWindows: Tally = { attempted: 0, failed: 0, lost: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'precis-bench-two-windows-'));
  try {
    for (let trial = 1; trial <= trials; trial++) {
      await twoWindowTrial(dir, saves, prng(1000 + trial), twoWindows, trial);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `two-window trials: ${trials}; saves attempted ${twoWindows.attempted}, reported failed (conflicts) ` +
      `${twoWindows.failed}, lost ${twoWindows.lost}`,
  );
  if (twoWindows.lost > 0 || twoWindows.failed === 0) exitCode = 1;
  console.log(`all trials: ${Math.round(performance.now() - started)} ms`);
  process.exitCode = exitCode;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
