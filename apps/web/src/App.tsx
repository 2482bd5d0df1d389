import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { AuthGate } from './shell/AuthGate';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { themeFor } from './theme';

function LocalizedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNLocale : enUSLocale} theme={themeFor(locale)}>
      <AntApp className="app-root">
        <ErrorBoundary>
          <AuthGate />
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}

/** The whole board app: language, antd locale and theme, error boundary, sign-in gate and shell. */
export function App() {
  return (
    <I18nProvider>
      <LocalizedApp />
    </I18nProvider>
  );
}
