/*
 * Following the presenter (跟随主讲人): by default a participant's view shows the facilitator's focus; picking
 * another agenda item breaks away until they return (or the facilitator brings everyone back).
 */

/** Whether this page follows the focus, and the item it shows instead when it does not. */
export type FollowState = { following: boolean; localItemId: string | null };

/** A page that has just joined: it follows. */
export const FOLLOWING: FollowState = { following: true, localItemId: null };

/** The agenda item on screen: the focus while following, else the item picked here. */
export function viewedItemId(follow: FollowState, focusItemId: string | null): string | null {
  return follow.following ? focusItemId : follow.localItemId;
}

/** Picking an agenda item: the focused one means following again, any other one breaks away. */
export function selectItem(itemId: string, focusItemId: string | null): FollowState {
  return itemId === focusItemId ? FOLLOWING : { following: false, localItemId: itemId };
}

/** The focus arrived where this page already is (e.g. the facilitator previewed an item, then focused it): follow again. */
export function reconcile(follow: FollowState, focusItemId: string | null): FollowState {
  return !follow.following && focusItemId !== null && follow.localItemId === focusItemId ? FOLLOWING : follow;
}
