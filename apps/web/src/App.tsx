import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { AppShell } from './shell/AppShell';
import { THEME } from './theme';

function LocalizedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNLocale : enUSLocale} theme={THEME}>
      <AntApp className="app-root">
        <ErrorBoundary>
          <AppShell />
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}

/** The whole board app: language, antd locale and theme, error boundary, shell. */
export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}
