import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../renderer', import.meta.url));

// One bundle for both the Electron window (app://precis/) and browser mode: relative asset
// paths, no inline scripts (the CSP forbids them), no remote anything.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  // The spelling worker (renderer/editor/spelling/) is a module worker, as in development.
  worker: { format: 'es' },
  resolve: {
    alias: {
      // hunspell-asm's ES build takes a namespace import of its CommonJS WebAssembly runtime as the
      // runtime itself, which only works in Node; its CommonJS build requires it properly.
      'hunspell-asm': fileURLToPath(new URL('../node_modules/hunspell-asm/dist/cjs/index.js', import.meta.url)),
    },
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
