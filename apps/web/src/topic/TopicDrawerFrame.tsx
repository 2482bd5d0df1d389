import type { ReactNode } from 'react';
import { Alert, Drawer, Typography } from 'antd';
import { usePlanAccess } from '../access/PlanAccessContext';
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
  const { readOnlyReason } = usePlanAccess();
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
      {readOnly ? (
        <Alert
          className="drawer-read-only"
          type="info"
          showIcon
          title={t('readOnly.title')}
          description={readOnlyReason}
          data-testid="drawer-read-only"
        />
      ) : (
        <Typography.Paragraph type="secondary" className="drawer-hint">
          {t('topic.liveHint')}
        </Typography.Paragraph>
      )}
      {children}
    </Drawer>
  );
}
