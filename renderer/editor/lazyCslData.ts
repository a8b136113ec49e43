/**
 * The vendored CSL styles and locales in the renderer: a third of the app's script (about 320 KB of
 * strings) that nothing needs before citeproc, which loads after the note's first paint
 * (lazyCiteproc.ts). The renderer build resolves shared/csl's imports of `./vendor/parsed` and of
 * the two styles' XML to this module (tooling/renderer.vite.config.mts); loadCiteproc() fills
 * PARSED_CSL from the real file, in citeproc's chunk, before any engine is built.
 *
 * The XML stands here as an empty string: in the renderer a built-in style is always built from its
 * parsed form (citationFormat's createEngine reads PARSED_CSL first), and a style added from a .csl
 * file is the brief's own XML. Elsewhere (main, the CLI, unit tests) the real files are imported.
 */
export const PARSED_CSL: Record<string, string> = {};

export default '';
