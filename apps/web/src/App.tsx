import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { AuthGate } from './shell/AuthGate';
import { useRoute } from './routing/useRoute';
import { ErrorBoundary } from './shell/ErrorBoundary';
import { themeFor } from './theme';

// The public proposal form is all a signed-out visitor loads; the app never needs it.
const PublicProposePage = lazy(() =>
  import('./solicitation/PublicProposePage').then((module) => ({ default: module.PublicProposePage })),
);

function LocalizedApp() {
  const { locale } = useI18n();
  const route = useRoute();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNLocale : enUSLocale} theme={themeFor(locale)}>
      <AntApp className="app-root">
        <ErrorBoundary>
          {/* The public call for proposals is for everyone: no sign-in gate in front of it. */}
          {route.page === 'propose' ? (
            <Suspense fallback={null}>
              <PublicProposePage planId={route.planId} />
            </Suspense>
          ) : (
            <AuthGate />
          )}
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
