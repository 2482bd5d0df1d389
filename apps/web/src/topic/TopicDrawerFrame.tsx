import type { ReactNode } from 'react';
import { Drawer, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';

/** Width of the topic drawer: two form columns side by side. */
const DRAWER_WIDTH = 600;

type Props = {
  title: string;
  readOnly?: boolean;
  onClose: () => void;
  footer: ReactNode;
  children: ReactNode;
};

/** The drawer around the topic form: title, live-editing hint, footer buttons. */
export function TopicDrawerFrame({ title, readOnly = false, onClose, footer, children }: Props) {
  const t = useT();
  return (
    <Drawer
      open
      title={title}
      size={DRAWER_WIDTH}
      onClose={onClose}
      closable={{ 'aria-label': t('topic.close') }}
      footer={<div className="drawer-footer">{footer}</div>}
      destroyOnHidden
      rootClassName="topic-drawer"
      data-testid="topic-drawer"
    >
      <Typography.Paragraph type="secondary" className="drawer-hint">
        {t(readOnly ? 'plan.readOnlyHint' : 'topic.liveHint')}
      </Typography.Paragraph>
      {children}
    </Drawer>
  );
}
