import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // The app's main process, and the plain-Node entries that share its core.
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The core's worker thread (syncs, reconciliation, report writing), started by main.
          worker: resolve('electron/worker/entry.ts'),
          simulator: resolve('electron/simulator/cli.ts'),
          cli: resolve('electron/cli/index.ts'),
          bench: resolve('bench/run.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // A sandboxed preload can only be CommonJS, and can require nothing but `electron`.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
    plugins: [react()],
  },
});
