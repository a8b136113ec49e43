import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(__filename);
/** axe-core's browser build, read once; injected by page.evaluate, since the app's CSP refuses script tags. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core's default rules (WCAG 2 A/AA and best practices) and label-content-name-mismatch on the page as it is now, and
 * returns every violation whatever its impact, each with the selectors of the elements at fault.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate("'axe' in window");
  if (!injected) await page.evaluate(AXE_SOURCE);
  // A string, so this Node-side file needs no DOM types.
  const run = `axe.run(document, {
    resultTypes: ['violations'],
    rules: { 'label-content-name-mismatch': { enabled: true } },
  }).then((results) => results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  })))`;
  // label-content-name-mismatch is experimental in axe 4, so off by default; issue 14 was filed on what it finds.
  return (await page.evaluate(run)) as AxeViolation[];
}
