import { describe, expect, it } from 'vitest';
import { CATCH_UP_WAIT_MS, FORCED_SLICE_MS, IDLE_WAIT_MS, sliceWhenIdle } from '../../../../renderer/editor/idleSlices';

/** A stand-in for the browser's requestIdleCallback: records each wait asked for, runs callbacks on demand. */
function idleBrowser(idle: boolean) {
  const waits: number[] = [];
  const queued: ((deadline: IdleDeadline) => void)[] = [];
  return {
    waits,
    request: (callback: (deadline: IdleDeadline) => void, { timeout }: { timeout: number }) => {
      waits.push(timeout);
      queued.push(callback);
    },
    /** Runs every callback queued, as the browser would (idle: with a 50 ms deadline; not: for its timeout). */
    drain() {
      for (let callback = queued.shift(); callback; callback = queued.shift())
        callback(idle ? { didTimeout: false, timeRemaining: () => 50 } : { didTimeout: true, timeRemaining: () => 0 });
    },
  };
}

describe('work in idle slices', () => {
  it('on a page never idle, a forced slice gets a budget and the next one waits briefly', () => {
    const browser = idleBrowser(false);
    const budgets: number[] = [];
    let left = 10;
    sliceWhenIdle((deadline) => {
      budgets.push(deadline.timeRemaining());
      left -= 1;
      return left > 0;
    }, browser.request);
    browser.drain();
    expect(left).toBe(0);
    // Before, every slice waited 500 ms for an idle period that never came: 5 ms of work every
    // half second, and a 2,000-excerpt note's quotation checks never ended (bench:editor).
    expect(browser.waits).toEqual([IDLE_WAIT_MS, ...Array(9).fill(CATCH_UP_WAIT_MS)]);
    for (const budget of budgets) expect(budget).toBeGreaterThan(0);
    for (const budget of budgets) expect(budget).toBeLessThanOrEqual(FORCED_SLICE_MS);
  });

  it('on an idle page, each slice waits for the next idle period and uses its deadline', () => {
    const browser = idleBrowser(true);
    let left = 3;
    sliceWhenIdle((deadline) => {
      expect(deadline.timeRemaining()).toBe(50);
      left -= 1;
      return left > 0;
    }, browser.request);
    browser.drain();
    expect(left).toBe(0);
    expect(browser.waits).toEqual([IDLE_WAIT_MS, IDLE_WAIT_MS, IDLE_WAIT_MS]);
  });

  it('stops asking once the work says nothing is left', () => {
    const browser = idleBrowser(false);
    sliceWhenIdle(() => false, browser.request);
    browser.drain();
    expect(browser.waits).toEqual([IDLE_WAIT_MS]);
  });
});
