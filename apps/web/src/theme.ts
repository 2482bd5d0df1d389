import type { ThemeConfig } from 'antd';
import type { Locale } from './i18n/I18nProvider';

/** Chinese fonts first: their Latin glyphs are fine, and 标点 stay full-width as Chinese text wants. */
const CHINESE_FONTS =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/**
 * Latin fonts first in the English interface: a Chinese font draws ’ “ ” full-width ("people’ s");
 * Chinese names within English text still fall back to the Chinese fonts.
 */
const ENGLISH_FONTS =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

/**
 * antd's calm default theme with a deep government blue as primary (so focus rings never read as errors);
 * congress red is kept for the brand mark and the header rule (see styles.css). Dense, readable sizes.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    colorLink: '#1f4e8c',
    colorInfo: '#1f4e8c',
    // antd derives a greyish tint from the deep blue; info notices (read-only, signed out) read better light.
    colorInfoBg: '#eef4fb',
    colorInfoBorder: '#c6d6ec',
    borderRadius: 6,
    fontSize: 14,
    fontFamily: CHINESE_FONTS,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      siderBg: '#ffffff',
      bodyBg: '#f3f4f6',
      headerPadding: '0 16px',
      headerHeight: 56,
    },
  },
};

const ENGLISH_THEME: ThemeConfig = { ...THEME, token: { ...THEME.token, fontFamily: ENGLISH_FONTS } };

/** Whether the person asked their system for less motion (vestibular disorders, slow machines). */
function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
  );
}

/**
 * The theme of an interface language: the same, with fonts that suit the language's punctuation. Dialogs
 * and drawers open without animation for someone who prefers reduced motion.
 */
export function themeFor(locale: Locale, reducedMotion = prefersReducedMotion()): ThemeConfig {
  const theme = locale === 'en' ? ENGLISH_THEME : THEME;
  return reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme;
}
