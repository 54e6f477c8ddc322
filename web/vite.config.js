import { defineConfig } from 'vite';

// The dashboard is embedded in the sitrep binary and served at any path, so
// every asset is referenced relative to index.html and nothing is loaded from
// outside the binary.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` talks to a `sitrep serve` started on port 8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
