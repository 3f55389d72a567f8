import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in src/web and is built into dist/web, which the API server serves on its own port.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  // The server replaces this placeholder in index.html with a fresh nonce per request and names the
  // same nonce in its Content-Security-Policy (src/server/http/plugins/security-headers.ts).
  html: { cspNonce: '__DUBAN_CSP_NONCE__' },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
