import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// The root is this folder whichever directory Vite is started from, so `npm run build` at the
// repository root and `npm run build -w client` produce the same `client/dist`.
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench-bare.html: the bare React Flow page `npm run bench` compares the editor's load time against.
    rollupOptions: { input: { main: here('index.html'), benchBare: here('bench-bare.html') } },
  },
  server: {
    // `npm run dev -w client` serves the UI with hot reload; the Baton server answers the API.
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
  },
});
