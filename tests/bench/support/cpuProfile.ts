import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The parts of a V8 `.cpuprofile` the summary reads. */
type CpuProfile = {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
};

/** Functions shown per table of a profile summary. */
const TOP_FUNCTIONS = 15;
const US_PER_MS = 1000;
/** Frames that are the process waiting, not working. */
const WAITING = new Set(['(idle)', '(program)']);
/** Code of the repository itself (not node_modules, not Node's internals). */
const OWN_CODE = /\/(?:apps|packages)\/[^/]+\/src\//;

function isProfile(value: unknown): value is CpuProfile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'nodes' in value &&
    'samples' in value &&
    'timeDeltas' in value
  );
}

/** Where a frame's code lives, shortened: a package name, or a path inside the repository. */
function place(url: string, line: number, root: string): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  const where = inPackage
    ? `${inPackage[1]}/${inPackage[2]}`
    : path.startsWith('/')
      ? relative(root, path)
      : path;
  return `${where}:${line + 1}`;
}

function table(entries: [string, number][], totalUs: number): string[] {
  return [
    '| time | share of busy time | function |',
    '|---|---|---|',
    ...entries.map(
      ([name, us]) =>
        `| ${Math.round(us / US_PER_MS)} ms | ${((100 * us) / totalUs).toFixed(1)} % | ${name} |`,
    ),
  ];
}

/**
 * Summarises the `.cpuprofile` files in `dir` (written by `node --cpu-prof`) as Markdown: the
 * functions with the most self time, and the repository's own functions with the most inclusive
 * time (themselves plus what they call), over the busy time of all files.
 */
export function summarizeProfiles(dir: string, root: string, title: string): string[] {
  const selfUs = new Map<string, number>();
  const inclusiveUs = new Map<string, number>();
  let totalUs = 0;
  let files = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!isProfile(parsed)) continue;
    files += 1;
    const nodes = new Map(parsed.nodes.map((node) => [node.id, node]));
    const parents = new Map<number, number>();
    for (const node of parsed.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    const nameOf = (id: number): string => {
      const frame = nodes.get(id)?.callFrame;
      if (!frame) return '(unknown)';
      return `\`${frame.functionName || '(anonymous)'}\` ${place(frame.url, frame.lineNumber, root)}`;
    };
    parsed.samples.forEach((nodeId, index) => {
      const delta = parsed.timeDeltas[index] ?? 0;
      if (WAITING.has(nodes.get(nodeId)?.callFrame.functionName ?? '')) return;
      totalUs += delta;
      const self = nameOf(nodeId);
      selfUs.set(self, (selfUs.get(self) ?? 0) + delta);
      const counted = new Set<string>();
      for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
        const url = nodes.get(id)?.callFrame.url ?? '';
        if (!OWN_CODE.test(url) || url.includes('node_modules')) continue;
        const name = nameOf(id);
        // Recursion counts a sample once per function.
        if (counted.has(name)) continue;
        counted.add(name);
        inclusiveUs.set(name, (inclusiveUs.get(name) ?? 0) + delta);
      }
    });
  }
  if (files === 0 || totalUs === 0) return [];
  const top = (map: Map<string, number>) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS);
  return [
    `${title} (\`node --cpu-prof\`, ${Math.round(totalUs / US_PER_MS)} ms busy). Most self time:`,
    '',
    ...table(top(selfUs), totalUs),
    '',
    "Yipan's own functions by inclusive time (the function and everything it calls):",
    '',
    ...table(top(inclusiveUs), totalUs),
  ];
}
