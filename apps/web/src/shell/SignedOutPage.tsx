import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';

type Props = {
  /** Prefix of the page's CSS classes (`<name>-page`, `-language`, `-card`, `-title`) and of the title's id. */
  name: string;
  title: ReactNode;
  children: ReactNode;
};

/** The frame of a page shown without signing in (sign-in, the public proposal form): language switch, brand, heading. */
export function SignedOutPage({ name, title, children }: Props) {
  const t = useT();
  const titleId = `${name}-title`;
  return (
    <main className={`${name}-page`}>
      <div className={`${name}-language`}>
        <LanguageSwitch />
      </div>
      <section className={`${name}-card`} aria-labelledby={titleId}>
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            棋
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <Typography.Title level={1} id={titleId} className={titleId}>
          {title}
        </Typography.Title>
        {children}
      </section>
    </main>
  );
}
