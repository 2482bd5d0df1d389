import type { ServerHandle } from './servers';
import type { ClientSpec } from './workerProtocol';

/**
 * `count` client specs on one plan, keyed `<prefix><n>`, spread over `servers` round-robin (several
 * processes of one deployment serve the same plan).
 */
export async function clientSpecs(
  servers: readonly ServerHandle[],
  planId: string,
  count: number,
  prefix: string,
): Promise<ClientSpec[]> {
  const specs: ClientSpec[] = [];
  for (let index = 0; index < count; index += 1) {
    const server = servers[index % servers.length];
    if (!server) throw new Error('clientSpecs needs at least one server');
    specs.push({ key: `${prefix}${index}`, target: await server.target(planId) });
  }
  return specs;
}

/** Bytes to mebibytes. */
export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}
