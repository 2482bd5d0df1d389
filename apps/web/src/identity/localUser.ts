/** Who this browser is until sign-in exists: a generated guest name and a colour, kept in localStorage. */
export type LocalUser = { name: string; color: string };

const STORAGE_KEY = 'yipan.user';
/** Longest display name we keep; longer input is cut. */
export const USER_NAME_MAX = 20;
/** Presence colours: saturated enough for an outline, dark enough for white initials. */
const COLORS = [
  '#1677ff',
  '#389e0d',
  '#d46b08',
  '#7a45c4',
  '#08979c',
  '#c41d7f',
  '#2f54eb',
  '#ad6800',
] as const;

function randomColor(): string {
  return COLORS[Math.floor(Math.random() * COLORS.length)] ?? COLORS[0];
}

/** Reads the stored user, or creates one named `<guestPrefix> 1234`. */
export function loadLocalUser(guestPrefix: string): LocalUser {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (
      stored !== null &&
      typeof stored === 'object' &&
      'name' in stored &&
      'color' in stored &&
      typeof stored.name === 'string' &&
      typeof stored.color === 'string' &&
      stored.name.trim() !== ''
    ) {
      return { name: stored.name.slice(0, USER_NAME_MAX), color: stored.color };
    }
  } catch {
    // Unreadable storage: fall through to a fresh guest.
  }
  const user = { name: `${guestPrefix} ${1000 + Math.floor(Math.random() * 9000)}`, color: randomColor() };
  saveLocalUser(user);
  return user;
}

/** Remembers the user for the next visit. */
export function saveLocalUser(user: LocalUser): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
  } catch {
    // Private mode without storage: the name lasts for this page only.
  }
}
