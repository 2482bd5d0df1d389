/** Characters that file systems refuse in a name, besides control characters. */
const UNSAFE_FILENAME = /[\\/:*?"<>|]/g;
/** Code points below this are control characters. */
const FIRST_PRINTABLE = 0x20;
/** Characters kept in the ASCII fallback name: anything else becomes an underscore. */
const NON_ASCII_FILENAME = /[^\x20-\x7e]/g;

/** A title made safe as a file name: reserved and control characters become underscores. */
export function safeFilename(title: string): string {
  return Array.from(title.replace(UNSAFE_FILENAME, '_'), (char) =>
    (char.codePointAt(0) ?? 0) < FIRST_PRINTABLE ? '_' : char,
  ).join('');
}

/**
 * `Content-Disposition` of a download named in Chinese: `filename*=UTF-8''…` (RFC 5987 / 6266) for every
 * current browser, and an ASCII `filename` for old clients, e.g. `export.docx`.
 */
export function attachment(filename: string, asciiFallback: string): string {
  const safe = safeFilename(filename);
  const fallback = safeFilename(asciiFallback).replace(NON_ASCII_FILENAME, '_');
  // encodeURIComponent leaves '()*! unescaped, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(safe).replace(
    /['()*!]/g,
    (char) => `%${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
