import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ProductFailure } from './workload';

const WEB_DIR = fileURLToPath(new URL('../../../apps/web', import.meta.url));
const VITE = join(WEB_DIR, 'node_modules/vite/bin/vite.js');
/** Vite colours its errors with ANSI escapes; the report wants plain text. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** A production build of the app takes seconds; a hung one is cut off. */
const BUILD_TIMEOUT_MS = 300_000;

/** The part of a chunk in Vite's `.vite/manifest.json` the size figure reads. */
type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; css?: string[] };

function isChunk(value: unknown): value is ManifestChunk {
  return typeof value === 'object' && value !== null && 'file' in value && typeof value.file === 'string';
}

/** Reads Vite's manifest, keeping the chunks that have the expected shape. */
function readManifest(outDir: string): Record<string, ManifestChunk> {
  const parsed: unknown = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('the Vite manifest is not an object');
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, ManifestChunk] => isChunk(entry[1])),
  );
}

/** What the browser must load before the app runs: its initial JS and CSS, raw and gzipped. */
export type InitialLoad = { files: string[]; jsBytes: number; jsGzipBytes: number; cssGzipBytes: number };

/** Builds the web app with Vite into `outDir` (with a manifest); resolves with the build's duration in ms. */
export async function buildWebApp(outDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest'], {
    cwd: WEB_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new ProductFailure(`the web app does not build:\n${output.replace(ANSI_COLOUR, '')}`);
  return performance.now() - started;
}

/** The entry chunk and everything it imports statically (what index.html loads before the app starts), gzipped. */
export function initialLoad(outDir: string): InitialLoad {
  const manifest = readManifest(outDir);
  const seen = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    for (const file of chunk?.css ?? []) css.add(file);
    for (const imported of chunk?.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].flatMap((key) => (manifest[key] ? [manifest[key].file] : []));
  const read = (file: string) => readFileSync(join(outDir, file));
  return {
    files,
    jsBytes: files.reduce((sum, file) => sum + read(file).length, 0),
    jsGzipBytes: files.reduce((sum, file) => sum + gzipSync(read(file)).length, 0),
    cssGzipBytes: [...css].reduce((sum, file) => sum + gzipSync(read(file)).length, 0),
  };
}
