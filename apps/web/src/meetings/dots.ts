/** A participant's dots before they cast them: candidate item id → dots. */
export type DotAllocation = Readonly<Record<string, number>>;

/** How many dots are placed. */
export function dotsUsed(allocation: DotAllocation): number {
  return Object.values(allocation).reduce((sum, dots) => sum + dots, 0);
}

/** How many dots are left to place. */
export function dotsRemaining(allocation: DotAllocation, dotsPerParticipant: number): number {
  return Math.max(0, dotsPerParticipant - dotsUsed(allocation));
}

/** One more dot on a candidate, when any is left. */
export function addDot(allocation: DotAllocation, itemId: string, dotsPerParticipant: number): DotAllocation {
  if (dotsRemaining(allocation, dotsPerParticipant) === 0) return allocation;
  return { ...allocation, [itemId]: (allocation[itemId] ?? 0) + 1 };
}

/** One dot fewer on a candidate (never below none). */
export function removeDot(allocation: DotAllocation, itemId: string): DotAllocation {
  const dots = allocation[itemId] ?? 0;
  if (dots === 0) return allocation;
  const next = { ...allocation };
  if (dots === 1) delete next[itemId];
  else next[itemId] = dots - 1;
  return next;
}
