import { afterAll, beforeAll } from 'vitest';
import { type BrowserMode, startBrowserMode } from '../../support/browserSession';

// What the e2e tests import: the framework-free session (shared with the benchmarks) plus vitest hooks.
export {
  type BrowserMode,
  CHROMIUM,
  CHROMIUM_ARGS,
  launchChromium,
  ROOT,
  startBrowserMode,
  startHost,
} from '../../support/browserSession';

/**
 * One browser-mode app for the enclosing describe block: started and opened before its tests,
 * closed after them. The returned object is filled in by the time the first test runs.
 */
export function useBrowserMode(): BrowserMode {
  const app = {} as BrowserMode;
  beforeAll(async () => {
    Object.assign(app, await startBrowserMode());
    await app.page.goto(app.url);
  });
  afterAll(async () => {
    await app.close?.();
  });
  return app;
}
