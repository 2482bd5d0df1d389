import type { Locale } from '../i18n/I18nProvider';

/** Separator of the server's bilingual messages: "中文 / English". */
const SEPARATOR = ' / ';

/**
 * The half of a server message ("中文 / English") in the reader's language; a message without both
 * halves is shown whole. A signed-out visitor of the public form reads one language, not two.
 */
export function localizedMessage(message: string, locale: Locale): string {
  const at = message.indexOf(SEPARATOR);
  if (at < 0) return message;
  const chinese = message.slice(0, at).trim();
  const english = message.slice(at + SEPARATOR.length).trim();
  if (!chinese || !english) return message;
  return locale === 'zh-CN' ? chinese : english;
}
