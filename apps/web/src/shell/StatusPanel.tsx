import type { ReactNode } from 'react';
import CloseCircleFilled from '@ant-design/icons/CloseCircleFilled';
import ExclamationCircleFilled from '@ant-design/icons/ExclamationCircleFilled';
import InfoCircleFilled from '@ant-design/icons/InfoCircleFilled';

type Status = 'info' | 'warning' | 'error';

const ICONS: Record<Status, ReactNode> = {
  info: <InfoCircleFilled />,
  warning: <ExclamationCircleFilled />,
  error: <CloseCircleFilled />,
};

type Props = {
  status: Status;
  title: ReactNode;
  subTitle?: ReactNode;
  /** Buttons: what the person can do next. */
  extra?: ReactNode;
  children?: ReactNode;
  className?: string;
};

/**
 * A whole-page message (no plan chosen, a plan that cannot be opened, a failed start, a crash). Used where
 * the first page's code is loaded: antd's Result ships its large illustrations with it.
 */
export function StatusPanel({ status, title, subTitle, extra, children, className }: Props) {
  return (
    <section
      className={`status-panel status-panel-${status}${className ? ` ${className}` : ''}`}
      role={status === 'info' ? 'status' : 'alert'}
      data-testid="status-panel"
    >
      <div className="status-panel-icon" aria-hidden>
        {ICONS[status]}
      </div>
      <h2 className="status-panel-title">{title}</h2>
      {subTitle ? <div className="status-panel-subtitle">{subTitle}</div> : null}
      {extra ? <div className="status-panel-extra">{extra}</div> : null}
      {children ? <div className="status-panel-content">{children}</div> : null}
    </section>
  );
}
