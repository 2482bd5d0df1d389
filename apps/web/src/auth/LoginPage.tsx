import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import type { InputRef } from 'antd';
import { ErrorCode } from '@yipan/protocol';
import { ApiError } from '../api/fetchJson';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { SignedOutPage } from '../shell/SignedOutPage';
import { signIn, type SignedOutReason } from './authStore';
import { loginErrorMessage } from './loginError';

/** How often the lockout countdown is redrawn. */
const TICK_MS = 1_000;

type Fields = { username: string; password: string };

const REASON_NOTICES: Record<
  Exclude<SignedOutReason, null>,
  { key: MessageKey; type: 'info' | 'warning' }
> = {
  signedOut: { key: 'login.signedOut', type: 'info' },
  expired: { key: 'login.expired', type: 'warning' },
  revoked: { key: 'login.revoked', type: 'warning' },
};

/** Seconds left until `until` (ms since the epoch), re-rendered every second while positive. */
function useCountdown(until: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? null : Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * `/login`: username and password, Enter submits. Says why the user is here (signed out, session
 * expired or ended), and after a refusal why: wrong credentials, or too many attempts with the wait.
 */
export function LoginPage({ reason }: { reason: SignedOutReason }) {
  const t = useT();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<Error | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const waitSeconds = useCountdown(lockedUntil);
  const locked = waitSeconds !== null && waitSeconds > 0;
  const passwordRef = useRef<InputRef>(null);
  const usernameRef = useRef<InputRef>(null);

  useEffect(() => usernameRef.current?.focus(), []);

  const submit = async ({ username, password }: Fields) => {
    if (locked) return;
    setSubmitting(true);
    setError(null);
    try {
      await signIn(username, password);
      // The auth gate takes it from here: back to `next`.
    } catch (caught) {
      const failure = caught instanceof Error ? caught : new Error(String(caught));
      setError(failure);
      setSubmitting(false);
      if (failure instanceof ApiError && failure.code === ErrorCode.tooManyAttempts)
        setLockedUntil(Date.now() + (failure.retryAfterSeconds ?? 60) * 1000);
      if (failure instanceof ApiError && failure.code === ErrorCode.invalidCredentials) {
        form.setFieldValue('password', '');
        passwordRef.current?.focus();
      }
    }
  };

  const notice = reason && !error ? REASON_NOTICES[reason] : null;
  return (
    <SignedOutPage name="login" title={t('login.title')}>
      <Typography.Paragraph type="secondary" className="login-subtitle">
        {t('login.subtitle')}
      </Typography.Paragraph>
      {notice ? (
        <Alert className="login-alert" type={notice.type} showIcon title={t(notice.key)} role="status" />
      ) : null}
      {error ? (
        <Alert
          className="login-alert"
          type="error"
          showIcon
          role="alert"
          title={loginErrorMessage(error, t, waitSeconds)}
          data-testid="login-error"
        />
      ) : null}
      <Form<Fields>
        form={form}
        name="login"
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        disabled={submitting}
      >
        <Form.Item
          label={t('login.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input
            ref={usernameRef}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            size="large"
            placeholder={t('login.usernamePlaceholder')}
            data-testid="login-username"
          />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password
            ref={passwordRef}
            autoComplete="current-password"
            size="large"
            data-testid="login-password"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={submitting}
          disabled={locked}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" className="login-help">
        {t('login.help')}
      </Typography.Paragraph>
    </SignedOutPage>
  );
}
