/** What a slice of work may spend: the browser's idle deadline, or a forced budget. */
export type Deadline = { timeRemaining: () => number };

/** What a slice may spend when the page was not idle within the wait. */
export const FORCED_SLICE_MS = 5;
/** How long the first slice waits for the page to be idle. */
export const IDLE_WAIT_MS = 500;
/**
 * How long each later slice waits, once a slice had to be forced: a page that was not idle for
 * 500 ms will not be for the next 500 either (a loaded machine, a long note's frames), and 5 ms
 * of work every half second is 1% of one core — on a 2,000-excerpt note the quotation checks
 * then took minutes and the note never settled (bench:editor, docs/editor.md).
 */
export const CATCH_UP_WAIT_MS = 50;

type RequestIdle = (callback: (deadline: IdleDeadline) => void, options: { timeout: number }) => unknown;

const timerIdle: RequestIdle = (callback, { timeout }) =>
  setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), Math.min(timeout, 1));

/**
 * Runs `step` in slices when the page is idle, until it returns false (nothing left to do now).
 * A callback called because its wait ran out has timeRemaining() 0; taken at its word, a page
 * that is never idle would do nothing, forever: such a slice gets FORCED_SLICE_MS instead, and
 * the next waits CATCH_UP_WAIT_MS, not IDLE_WAIT_MS, so the work still ends in its own time's
 * order of magnitude while input and frames run between slices.
 */
export function sliceWhenIdle(
  step: (deadline: Deadline) => boolean,
  request: RequestIdle = typeof requestIdleCallback === 'function' ? requestIdleCallback : timerIdle,
): void {
  const go = (wait: number) =>
    request(
      (deadline) => {
        if (!deadline.didTimeout) {
          if (step(deadline)) go(IDLE_WAIT_MS);
          return;
        }
        const end = performance.now() + FORCED_SLICE_MS;
        if (step({ timeRemaining: () => end - performance.now() })) go(CATCH_UP_WAIT_MS);
      },
      { timeout: wait },
    );
  go(IDLE_WAIT_MS);
}
