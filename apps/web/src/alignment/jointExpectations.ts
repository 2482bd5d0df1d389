import type { Expectation, TopicJoint } from '@yipan/domain';
import type { Org } from '@yipan/protocol';

/** What a joint topic expects of a child nobody has said anything about yet: everyone takes part. */
export const DEFAULT_EXPECTATION: Expectation = { level: 'required', neededBy: null };

/** The expectations with every child present: the ones said, the default for the others. */
export function jointExpectations(
  current: TopicJoint['expectations'],
  children: readonly Pick<Org, 'id'>[],
): TopicJoint['expectations'] {
  return Object.fromEntries(children.map((child) => [child.id, current[child.id] ?? DEFAULT_EXPECTATION]));
}
