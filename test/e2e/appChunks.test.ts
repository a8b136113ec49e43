import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/browserMode';

const ASSETS = join(ROOT, 'dist', 'renderer', 'assets');
const scripts = () => readdirSync(ASSETS).filter((file) => file.endsWith('.js'));
// A string of citeproc's own code that minifying keeps.
const CITEPROC = 'PROCESSOR_VERSION';

/**
 * What the built renderer makes the first screen load (docs/editor.md, Opening): citeproc is a
 * chunk of its own, fetched after the first paint, never preloaded by index.html.
 */
describe('the renderer build', () => {
  it('keeps citeproc out of the scripts the page starts with', () => {
    const html = readFileSync(join(ROOT, 'dist', 'renderer', 'index.html'), 'utf8');
    const started = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!);
    expect(started.some((file) => file.startsWith('mountApp-'))).toBe(true);
    for (const file of started) expect(readFileSync(join(ASSETS, file), 'utf8'), file).not.toContain(CITEPROC);
    const citeproc = scripts().filter((file) => readFileSync(join(ASSETS, file), 'utf8').includes(CITEPROC));
    expect(citeproc).toHaveLength(1);
    expect(started).not.toContain(citeproc[0]);
    // Each file once: Vite lists what the entry imports, the preload plugin only the rest.
    expect(new Set(started).size).toBe(started.length);
  });
});
