/** A piece of a text, marked when it matches the search. */
export type TextPart = { text: string; match: boolean };

/** Characters of context on each side of a match in the notes excerpt a card shows. */
const EXCERPT_CONTEXT = 14;

/** The [start, end) ranges where any term occurs (case-insensitive for Latin), overlapping ranges merged. */
function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length))
      ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** Splits a text into matching and plain parts, for highlighting a search on a card or in the table. */
export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) parts.push({ text: text.slice(at, start), match: false });
    parts.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: false });
  return parts;
}

/** A short piece of the notes around the first match, with … where it is cut; null when the notes do not match. */
export function notesExcerpt(notes: string, terms: readonly string[]): string | null {
  const first = matchRanges(notes, terms)[0];
  if (!first) return null;
  const start = Math.max(0, first[0] - EXCERPT_CONTEXT);
  const end = Math.min(notes.length, first[1] + EXCERPT_CONTEXT);
  const text = notes.slice(start, end).replace(/\s+/gu, ' ');
  return `${start > 0 ? '…' : ''}${text}${end < notes.length ? '…' : ''}`;
}
