import type CSLModule from 'citeproc';
import { PARSED_CSL } from './lazyCslData';

/**
 * citeproc in the renderer: about 1 MB of script nothing on the first screen needs (the footnote
 * list's first pass shows titles). The renderer build resolves `import CSL from 'citeproc'` (in
 * shared/csl/citationFormat.ts) to this module (tooling/renderer.vite.config.mts), so citeproc is
 * a chunk of its own, fetched and compiled once the note is on screen: FootnotesPlugin awaits
 * loadCiteproc() before it builds an engine. The vendored styles and locales come with it (lazyCslData.ts). Elsewhere (main, the CLI, unit tests) the import is
 * the package itself and nothing here runs.
 */
type Citeproc = typeof CSLModule;

let loaded: Citeproc | null = null;
let loading: Promise<void> | null = null;

/** Loads citeproc's chunk (once); engines can be built when it resolves. */
export function loadCiteproc(): Promise<void> {
  loading ??= Promise.all([import('citeproc/citeproc_commonjs.js'), import('../../shared/csl/vendor/parsed')]).then(
    ([module, data]) => {
      Object.assign(PARSED_CSL, data.PARSED_CSL);
      loaded = module.default;
    },
  );
  return loading;
}

function citeproc(): Citeproc {
  if (!loaded) throw new Error('citeproc is used before loadCiteproc() has resolved');
  return loaded;
}

const CSL: Citeproc = {
  get Engine() {
    return citeproc().Engine;
  },
  get Output() {
    return citeproc().Output;
  },
  parseXml: (xml: string) => citeproc().parseXml(xml),
};
export default CSL;
