import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('../renderer', import.meta.url));

/**
 * renderer/main.tsx loads the app with import() after sending its first requests; this lists that
 * chunk (and its own imports) in index.html as module preloads, so it downloads and compiles while
 * the small entry runs instead of after it.
 */
function preloadApp(): Plugin {
  return {
    name: 'precis-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter((output) => output.type === 'chunk');
        const app = chunks.find((chunk) => chunk.name === 'mountApp');
        if (!app) return [];
        const entry = chunks.find((chunk) => chunk.isEntry);
        // What the entry imports statically, Vite lists already.
        const listed = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
        const scripts = [app.fileName, ...app.imports].filter((file) => !listed.has(file));
        const styles = [...(app.viteMetadata?.importedCss ?? [])];
        return [
          ...scripts.map((file) => ({ rel: 'modulepreload', crossorigin: true, href: `./${file}` })),
          ...styles.map((file) => ({ rel: 'stylesheet', crossorigin: true, href: `./${file}` })),
        ].map((attrs) => ({ tag: 'link', attrs, injectTo: 'head' as const }));
      },
    },
  };
}

// One bundle for both the Electron window (app://precis/) and browser mode: relative asset
// paths, no inline scripts (the CSP forbids them), no remote anything.
export default defineConfig({
  root,
  base: './',
  plugins: [react(), preloadApp()],
  // The spelling worker (renderer/editor/spelling/) is a module worker, as in development.
  worker: { format: 'es' },
  resolve: {
    alias: [
      // citeproc is loaded after the first paint, as a chunk of its own (renderer/editor/lazyCiteproc.ts,
      // which imports the package's file by its full path, so this exact match leaves it alone).
      {
        find: /^citeproc$/,
        replacement: fileURLToPath(new URL('../renderer/editor/lazyCiteproc.ts', import.meta.url)),
      },
      // The vendored CSL styles and locales (320 KB) load with citeproc: shared/csl's own imports
      // of them resolve to a holder that loadCiteproc() fills (renderer/editor/lazyCslData.ts).
      {
        find: /^\.\/vendor\/(parsed|apa|chicagoFullnoteBibliography)$/,
        replacement: fileURLToPath(new URL('../renderer/editor/lazyCslData.ts', import.meta.url)),
      },
      // hunspell-asm's ES build takes a namespace import of its CommonJS WebAssembly runtime as the
      // runtime itself, which only works in Node; its CommonJS build requires it properly.
      {
        find: 'hunspell-asm',
        replacement: fileURLToPath(new URL('../node_modules/hunspell-asm/dist/cjs/index.js', import.meta.url)),
      },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    // Dictionaries stay files, even small ones: the CSP lets the worker fetch only from our origin.
    assetsInlineLimit: (file: string) => (/\.(aff|dic)$/.test(file) ? false : undefined),
  },
});
