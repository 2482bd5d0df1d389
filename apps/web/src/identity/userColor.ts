/** Presence colours: saturated enough for an outline, dark enough for white initials. */
export const PRESENCE_COLORS = [
  '#1677ff',
  '#389e0d',
  '#d46b08',
  '#7a45c4',
  '#08979c',
  '#c41d7f',
  '#2f54eb',
  '#ad6800',
] as const;

/** A person's presence colour, the same on every device and every visit: picked by a hash of their user id. */
export function userColor(userId: string): string {
  // FNV-1a: tiny, and spreads similar ids (user-city-admin, user-city-editor) over the palette.
  let hash = 0x811c9dc5;
  for (let index = 0; index < userId.length; index++) {
    hash ^= userId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return PRESENCE_COLORS[(hash >>> 0) % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
}
