/**
 * One crash round, shared by `node bench/run.mjs crash` and test/e2e/crashSafety.test.ts: start
 * `precis serve` on a data dir, type continuously into the note in Chromium, SIGKILL the host at a
 * random moment, then check the archive (integrity_check) and what of the typing reached it.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { ARCHIVE_FILE_NAME } from '../main/archive/database';
import { startHost } from '../test/support/browserSession';

export interface CrashResult {
  round: number;
  /** ms from the start of typing to the SIGKILL. */
  killAfterMs: number;
  typedChars: number;
  savedChars: number;
  /** ms between the first keystroke that did not reach the archive and the kill (0: nothing lost). */
  lostMs: number;
  /** Whether every keystroke typed at least 1 s before the kill was in the archive. */
  keptUpToOneSecondBefore: boolean;
  integrity: string;
  /** What the restarted host printed as a warning about the archive, if anything. */
  notice: string | null;
}

const WORDS = 'the minister will announce talks on an agreement to share intelligence with allies'.split(' ');

/** Every text of the latest brief's stored content, paragraphs separated by newlines. */
function storedText(content: string): string {
  const lines: string[] = [];
  const walk = (node: { type?: string; text?: string; children?: unknown[] }, line: string[]): void => {
    if (typeof node.text === 'string') line.push(node.text);
    if (Array.isArray(node.children)) {
      const inner: string[] = [];
      for (const child of node.children) walk(child as typeof node, inner);
      if (node.type === 'paragraph' || node.type === 'heading') lines.push(inner.join(''));
      else line.push(...inner);
    }
  };
  walk((JSON.parse(content) as { root: { children?: unknown[] } }).root, []);
  return lines.join('\n');
}

/** integrity_check of the archive and the latest brief's text, through a direct connection. */
export function inspectArchive(dataDir: string): { integrity: string; text: string } {
  const db = new Database(join(dataDir, ARCHIVE_FILE_NAME));
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const row = db.prepare('SELECT content FROM briefs ORDER BY updated_at DESC, id DESC LIMIT 1').get() as
      | { content: string }
      | undefined;
    return { integrity, text: row ? storedText(row.content) : '' };
  } finally {
    db.close();
  }
}

/**
 * One round: the host is started on `dataDir` (which keeps the previous rounds' archive), the
 * latest brief opens, a new paragraph starting with `round N:` is typed until the host is killed
 * `killAtMs` after the first keystroke, then the archive is inspected.
 */
export async function crashRound(options: {
  dataDir: string;
  browser: Browser;
  round: number;
  killAtMs: number;
}): Promise<CrashResult> {
  const { dataDir, browser, round, killAtMs } = options;
  const host = await startHost(dataDir);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(host.url);
    const editor = page.getByRole('textbox', { name: 'Briefing note' });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const marker = `round ${round}:`;
    await page.keyboard.type(marker);
    // Let the marker reach the archive, so what follows is measured from a known start.
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor({ timeout: 15_000 });

    let typed = '';
    const typedAt: number[] = [];
    let killed = false;
    let killAfterMs = 0;
    const started = performance.now();
    const killer = setTimeout(() => {
      killed = true;
      killAfterMs = performance.now() - started;
      host.process.kill('SIGKILL');
    }, killAtMs);
    let word = 0;
    try {
      while (!killed) {
        for (const ch of ` ${WORDS[word++ % WORDS.length]}`) {
          if (killed) break;
          await page.keyboard.type(ch);
          typed += ch;
          typedAt.push(performance.now() - started);
        }
      }
    } finally {
      clearTimeout(killer);
    }
    await host.stop('SIGKILL');

    const { integrity, text } = inspectArchive(dataDir);
    const line = text.split('\n').find((l) => l.startsWith(marker)) ?? null;
    const saved = line === null ? '' : line.slice(marker.length);
    let savedChars = 0;
    while (savedChars < typed.length && savedChars < saved.length && typed[savedChars] === saved[savedChars]) {
      savedChars++;
    }
    const firstLostAt = savedChars < typed.length ? (typedAt[savedChars] ?? killAfterMs) : null;
    const lostMs = firstLostAt === null ? 0 : Math.max(0, killAfterMs - firstLostAt);
    return {
      round,
      killAfterMs: Math.round(killAfterMs),
      typedChars: typed.length,
      savedChars,
      lostMs: Math.round(lostMs),
      keptUpToOneSecondBefore: line !== null && lostMs <= 1000,
      integrity,
      notice: /Warning: (.*)/.exec(host.stderr())?.[1] ?? null,
    };
  } finally {
    await page.close();
    await host.stop('SIGKILL');
  }
}

/** Checks the archive again through a restarted host: it must open without a warning. */
export async function restartCleanly(dataDir: string): Promise<string | null> {
  const host = await startHost(dataDir);
  await host.stop();
  return /Warning: (.*)/.exec(host.stderr())?.[1] ?? null;
}
