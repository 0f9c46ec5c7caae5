import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const APP_ICON = fileURLToPath(new URL('./assets/icon.ico', import.meta.url));

/** Browsers ask every page's origin for /favicon.ico: give them the app icon (a 404 there is a console error). */
const favicon = (): Plugin => ({
  name: 'cloudsso-local-favicon',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'favicon.ico', source: fs.readFileSync(APP_ICON) });
  },
});

// An .mts file: Vite loads it as the ES module it is (a .ts file beside a CommonJS package.json makes Vite warn).
// One bundle for both faces: relative asset URLs (base './') work under Electron's app:// scheme
// and under the headless server's http://127.0.0.1:<port>/.
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react(), favicon()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
