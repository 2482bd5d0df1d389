import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `apps/server` listens in development (its default PORT). */
const DEV_SERVER = 'http://localhost:8080';

/** Vite config of the board: dev server proxies REST, document sync and socket.io to the server; builds to `dist`. */
export default defineConfig({
  plugins: [react()],
  // One Yjs instance for the app and @yipan/domain: two copies break `instanceof` checks on Y types.
  resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
  server: {
    // The Host header is kept (no changeOrigin): the server checks that a browser's Origin matches it
    // before it accepts a cookie-authenticated change or WebSocket.
    proxy: {
      '/api': { target: DEV_SERVER },
      '/yjs': { target: DEV_SERVER, ws: true },
      '/socket.io': { target: DEV_SERVER, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The @rc-component packages under antd are plain modules but do not declare `sideEffects: false`:
      // without this, e.g. all of @rc-component/form ships in the first script because antd's inputs read its context.
      treeshake: {
        moduleSideEffects: (id) => (/[\\/]node_modules[\\/]@rc-component[\\/]/.test(id) ? false : undefined),
      },
    },
  },
});
