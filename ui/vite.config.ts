/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tauri expects a fixed dev port and serves the built files from ui/dist.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  resolve: {
    // Component tests mount Svelte's client build in jsdom.
    conditions: process.env.VITEST ? ['browser'] : undefined,
    alias: [
      // Generated ts-rs bindings (owned by the shell): src/lib/bindings/index.ts.
      { find: /^\$lib\/bindings$/, replacement: here('./src/lib/bindings/index.ts') },
      { find: '$lib', replacement: here('./src/lib') },
      { find: '$components', replacement: here('./src/components') },
    ],
  },
  server: { port: 5173, strictPort: true },
  // The mock/web chunk carries the bundled corpus text (~650 kB); the desktop app never loads it.
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
