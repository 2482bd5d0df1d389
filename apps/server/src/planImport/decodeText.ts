/** The UTF-8 byte order mark Excel writes before "CSV UTF-8". */
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** The UTF-16 little-endian byte order mark of Excel's "Unicode text". */
const UTF16LE_BOM = [0xff, 0xfe];

function startsWith(buffer: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => buffer[index] === byte);
}

/** Below this code point lie control characters, which a spreadsheet's text never holds (tab and line breaks excepted). */
const FIRST_PRINTABLE = 0x20;
const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);
/** What a decoder writes for bytes it could not read. */
const REPLACEMENT_CHARACTER = 0xfffd;

/** Whether text holds characters no spreadsheet has: binary bytes that happened to decode. */
function looksBinary(text: string): boolean {
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if ((code < FIRST_PRINTABLE && !ALLOWED_CONTROLS.has(code)) || code === REPLACEMENT_CHARACTER)
      return true;
  }
  return false;
}

/**
 * The text of a CSV file: UTF-8 with or without its BOM, UTF-16 with its BOM, else GB18030 (a superset
 * of GBK, which Excel in China saves CSV as). Null when the bytes are not text in any of these, or hold
 * control characters no spreadsheet has (a binary file).
 */
export function decodeText(buffer: Uint8Array): string | null {
  const attempts: [string, Uint8Array][] = startsWith(buffer, UTF8_BOM)
    ? [['utf-8', buffer.subarray(UTF8_BOM.length)]]
    : startsWith(buffer, UTF16LE_BOM)
      ? [['utf-16le', buffer.subarray(UTF16LE_BOM.length)]]
      : [
          ['utf-8', buffer],
          ['gb18030', buffer],
        ];
  for (const [encoding, bytes] of attempts) {
    try {
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return looksBinary(text) ? null : text;
    } catch {
      // Not this encoding: try the next one.
    }
  }
  return null;
}
