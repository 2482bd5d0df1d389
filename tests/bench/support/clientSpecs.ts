import type { ServerHandle } from './servers';
import type { ClientSpec } from './workerProtocol';

/** `count` client specs on one plan, keyed `<prefix><n>`. */
export async function clientSpecs(
  server: ServerHandle,
  planId: string,
  count: number,
  prefix: string,
): Promise<ClientSpec[]> {
  const specs: ClientSpec[] = [];
  for (let index = 0; index < count; index += 1)
    specs.push({ key: `${prefix}${index}`, target: await server.target(planId) });
  return specs;
}

/** Bytes to mebibytes. */
export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}
