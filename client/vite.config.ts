import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The root is this folder whichever directory Vite is started from, so `npm run build` at the
// repository root and `npm run build -w client` produce the same `client/dist`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    // `npm run dev -w client` serves the UI with hot reload; the Baton server answers the API.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
