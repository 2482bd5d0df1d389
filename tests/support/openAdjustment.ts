import { AdjustmentResponse } from '@yipan/protocol';
import type { SignedIn } from './signIn';

/**
 * Opens an adjustment (计划调整) of a frozen plan as `client` through the API. The demo plans are
 * seeded approved or later, so their topics change only within an adjustment; suites about co-editing,
 * durability or access that change those topics open one first, as an office would.
 */
export async function openAdjustment(client: SignedIn, planId: string): Promise<string> {
  const response = await client.fetch(`/api/plans/${planId}/adjustments`, {
    method: 'POST',
    body: JSON.stringify({
      reason: '集成测试编辑示范计划 / integration tests edit the demo plan',
      decidedBy: 'council_of_chairs',
      decidedOn: '2021-03-01',
    }),
  });
  if (response.status !== 201)
    throw new Error(`adjustment of ${planId} refused: ${response.status} ${await response.text()}`);
  return AdjustmentResponse.parse(await response.json()).adjustment.id;
}
