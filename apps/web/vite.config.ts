import { build, defineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `apps/server` listens in development (its default PORT). */
const DEV_SERVER = 'http://localhost:8080';

/** Options the real build and the first-page survey share, so that both split alike (plugins: one set each). */
const shared = {
  // One Yjs instance for the app and @yipan/domain: two copies break `instanceof` checks on Y types.
  resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The @rc-component packages under antd are plain modules but do not declare `sideEffects: false`:
      // without this, e.g. all of @rc-component/form ships in the first script because antd's inputs read its context.
      treeshake: {
        moduleSideEffects: (id: string) =>
          /[\\/]node_modules[\\/]@rc-component[\\/]/.test(id) ? false : undefined,
      },
    },
  },
} satisfies UserConfig;

/** The modules of the entry chunk and of every chunk it imports statically: what loads before the app runs. */
function firstPageModules(output: Rolldown.RolldownOutput): Set<string> {
  const chunks = new Map(
    output.output.flatMap((item) => (item.type === 'chunk' ? [[item.fileName, item] as const] : [])),
  );
  const modules = new Set<string>();
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = chunks.get(fileName);
    if (!chunk || seen.has(fileName)) return;
    seen.add(fileName);
    for (const id of Object.keys(chunk.modules)) modules.add(id);
    for (const imported of chunk.imports) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  return modules;
}

/**
 * Ships the first page's code as one chunk. Left to itself, the bundler cuts it into about 60 chunks, one
 * per set of lazy pages a module is shared with, and the browser fetches them six at a time before the app
 * can start; one chunk also compresses better. Which modules those are is read off the bundler's own split
 * (a survey build, not written), since only it knows what tree-shaking left of each module; everything
 * else stays split as before, so lazy pages, drawers and menus still load on demand.
 */
function firstPageInOneChunk(): Plugin {
  return {
    name: 'yipan:first-page-in-one-chunk',
    apply: 'build',
    async config(config, { mode }) {
      const survey = await build({
        ...shared,
        plugins: [react()],
        root: config.root,
        mode,
        configFile: false,
        logLevel: 'silent',
        build: { ...shared.build, write: false },
      });
      const output = (Array.isArray(survey) ? survey[0] : survey) as Rolldown.RolldownOutput;
      const firstPage = firstPageModules(output);
      const group = { name: (id: string) => (firstPage.has(id) ? 'app' : null), debugName: 'first page' };
      return { build: { rolldownOptions: { output: { codeSplitting: { groups: [group] } } } } };
    },
  };
}

/** Vite config of the board: dev server proxies REST, document sync and socket.io to the server; builds to `dist`. */
export default defineConfig({
  ...shared,
  plugins: [react(), firstPageInOneChunk()],
  server: {
    // The Host header is kept (no changeOrigin): the server checks that a browser's Origin matches it
    // before it accepts a cookie-authenticated change or WebSocket.
    proxy: {
      '/api': { target: DEV_SERVER },
      '/yjs': { target: DEV_SERVER, ws: true },
      '/socket.io': { target: DEV_SERVER, ws: true },
    },
  },
});
