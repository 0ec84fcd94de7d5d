import { defineConfig } from 'vite';

// The console: built into dist/web, which the API serves at / (apps/api/src/http/console.ts).
// `npm run dev:web` serves it from source and sends API calls to a running API (API_URL).
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // react-router marks its modules "use client" (for server components): meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: api, ws: true },
      '/session': api,
      '/exports': api,
      '/health': api,
    },
  },
});
