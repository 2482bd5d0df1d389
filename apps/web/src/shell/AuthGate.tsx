import { lazy, Suspense, useEffect } from 'react';
import { Button, Spin } from 'antd';
import { loadMe, useAuth } from '../auth/authStore';
import { MeContext } from '../identity/MeContext';
import { useT } from '../i18n/I18nProvider';
import { describeError } from '../api/describeError';
import { currentLocation, loginPath, navigate, useRoute } from '../routing/useRoute';
import { safeNext } from '../routing/routes';
import { AppShell } from './AppShell';
import { StatusPanel } from './StatusPanel';

// The sign-in page is seen once a session: its form code is not worth loading on every visit.
const LoginPage = lazy(() => import('../auth/LoginPage').then((module) => ({ default: module.LoginPage })));

function PageSpin() {
  const t = useT();
  return <Spin className="page-spin" size="large" description={t('app.loading')} />;
}

/**
 * Who may see what: asks the server who is signed in, sends signed-out visitors to `/login?next=…`
 * and brings them back afterwards; everything else is behind it.
 */
export function AuthGate() {
  const t = useT();
  const auth = useAuth();
  const route = useRoute();

  useEffect(() => void loadMe(), []);

  const signedIn = auth.status === 'signedIn';
  const signedOut = auth.status === 'signedOut';
  // After signing out on purpose, the next person to sign in starts afresh; otherwise come back here.
  const returnHere = !(auth.status === 'signedOut' && auth.reason === 'signedOut');
  useEffect(() => {
    if (signedOut && route.page !== 'login')
      navigate(loginPath(returnHere ? currentLocation() : null), { replace: true });
    if (signedIn && route.page === 'login') navigate(safeNext(route.next) ?? '/', { replace: true });
  }, [signedIn, signedOut, returnHere, route]);

  if (auth.status === 'error')
    return (
      <StatusPanel
        status="warning"
        title={t('auth.loadFailed')}
        subTitle={describeError(auth.error, t)}
        extra={
          <Button type="primary" onClick={() => void loadMe()}>
            {t('error.retry')}
          </Button>
        }
      />
    );
  if (auth.status === 'signedOut' && route.page === 'login')
    return (
      <Suspense fallback={<PageSpin />}>
        <LoginPage reason={auth.reason} />
      </Suspense>
    );
  if (auth.status !== 'signedIn' || route.page === 'login') return <PageSpin />;
  return (
    <MeContext.Provider value={auth.me}>
      <AppShell route={route} />
    </MeContext.Provider>
  );
}
