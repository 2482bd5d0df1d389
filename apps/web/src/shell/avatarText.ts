/** The one or two characters an avatar shows: a Chinese given name (市人大研究室 李强 → 李强), or Latin initials. */
export function avatarText(name: string): string {
  // A unit or title in brackets ("李强（研究室）") is not part of the name.
  const trimmed = name.replace(/\s*[（(][^（()）]*[）)]\s*$/, '').trim() || name.trim();
  const cjk = trimmed.match(/[\u4e00-\u9fff]/g);
  if (cjk) return cjk.slice(-2).join('');
  const initials = trimmed
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return initials || '?';
}
