import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashRound, restartCleanly } from '../../bench/crashRound';
import { launchChromium } from './support/browserMode';

// The reduced form of `npm run test:stress` (bench/crash.ts): three kills instead of twenty.
describe('crash safety: the host killed with SIGKILL while the analyst types', () => {
  let browser: Browser;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'precis-e2e-crash-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the archive intact and everything typed up to 1 s before each kill', async () => {
    for (const [round, killAtMs] of [
      [1, 2000],
      [2, 2600],
      [3, 3200],
    ] as const) {
      const result = await crashRound({ dataDir, browser, round, killAtMs });
      expect(result.integrity).toBe('ok');
      expect(result.notice).toBeNull();
      expect(result.typedChars).toBeGreaterThan(20);
      expect(result.savedChars).toBeGreaterThan(0);
      expect(result.lostMs, JSON.stringify(result)).toBeLessThanOrEqual(1000);
      expect(result.keptUpToOneSecondBefore).toBe(true);
    }
    // The archive a last kill left behind opens without a warning.
    expect(await restartCleanly(dataDir)).toBeNull();
  });
});
