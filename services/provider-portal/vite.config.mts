import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The single-page app; the portal server (src/main.ts) serves what this writes into dist.
export default defineConfig({
  root: here('./web'),
  plugins: [react()],
  // As tsconfig.base.json maps them: the contracts' browser-safe entry, the roster template's rules (framework-free,
  // on that entry), and the shared UI library.
  resolve: {
    alias: {
      '@rosterlink/contracts/browser': here('../../libs/contracts/src/browser.ts'),
      '@rosterlink/roster': here('../../libs/roster/src/index.ts'),
      '@rosterlink/ui/styles.css': here('../../libs/ui/src/styles.css'),
      '@rosterlink/ui': here('../../libs/ui/src/index.tsx'),
    },
  },
  build: { outDir: here('../../dist/services/provider-portal/web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3006' } },
});
