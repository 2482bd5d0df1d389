import type { ThemeConfig } from 'antd';

/**
 * antd's calm default theme with a deep government blue as primary (so focus rings never read as errors);
 * congress red is kept for the brand mark and the header rule (see styles.css). Dense, readable sizes.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    colorLink: '#1f4e8c',
    colorInfo: '#1f4e8c',
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
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
