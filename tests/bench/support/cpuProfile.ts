import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The parts of a V8 `.cpuprofile` the summary reads. */
type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

/** Functions shown in a profile summary. */
const TOP_FUNCTIONS = 15;
const US_PER_MS = 1000;

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

/**
 * Summarises the `.cpuprofile` files in `dir` (written by `node --cpu-prof`) as a Markdown table of
 * the functions with the most self time, across all files.
 */
export function summarizeProfiles(dir: string, root: string, title: string): string[] {
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  let files = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (!isProfile(parsed)) continue;
    files += 1;
    const names = new Map(
      parsed.nodes.map((node) => {
        const frame = node.callFrame;
        return [
          node.id,
          `\`${frame.functionName || '(anonymous)'}\` ${place(frame.url, frame.lineNumber, root)}`,
        ];
      }),
    );
    parsed.samples.forEach((nodeId, index) => {
      const delta = parsed.timeDeltas[index] ?? 0;
      const name = names.get(nodeId) ?? '(unknown)';
      // Waiting is not work: shares are of the time the process was busy.
      if (name.startsWith('`(idle)`') || name.startsWith('`(program)`')) return;
      selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
      totalUs += delta;
    });
  }
  if (files === 0 || totalUs === 0) return [];
  const top = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS);
  return [
    `${title} (\`node --cpu-prof\`, ${Math.round(totalUs / US_PER_MS)} ms busy): functions with the most self time.`,
    '',
    '| self time | share | function |',
    '|---|---|---|',
    ...top.map(
      ([name, us]) =>
        `| ${Math.round(us / US_PER_MS)} ms | ${((100 * us) / totalUs).toFixed(1)} % | ${name} |`,
    ),
  ];
}
