import { Badge, Tooltip } from 'antd';
import type { BadgeProps } from 'antd';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useStore } from '../collab/createStore';
import type { ConnectionStatus } from '../collab/connectionStore';
import type { PlanSession } from '../collab/PlanSession';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** Label, hint and badge colour of each status. */
export const CONNECTION_DISPLAY: Record<
  ConnectionStatus,
  { label: MessageKey; hint: MessageKey | null; badge: NonNullable<BadgeProps['status']> }
> = {
  synced: { label: 'connection.synced', hint: null, badge: 'success' },
  connecting: { label: 'connection.connecting', hint: null, badge: 'processing' },
  offline: { label: 'connection.offline', hint: 'connection.offlineHint', badge: 'warning' },
  unauthenticated: {
    label: 'connection.unauthenticated',
    hint: 'connection.unauthenticatedHint',
    badge: 'error',
  },
  forbidden: { label: 'connection.forbidden', hint: 'connection.forbiddenHint', badge: 'error' },
  notFound: { label: 'connection.notFound', hint: 'connection.notFoundHint', badge: 'error' },
  rateLimited: { label: 'connection.rateLimited', hint: 'connection.rateLimitedHint', badge: 'warning' },
  tooManyConnections: {
    label: 'connection.tooManyConnections',
    hint: 'connection.tooManyConnectionsHint',
    badge: 'warning',
  },
  documentTooLarge: {
    label: 'connection.documentTooLarge',
    hint: 'connection.documentTooLargeHint',
    badge: 'error',
  },
};

function Indicator({ session }: { session: PlanSession }) {
  const t = useT();
  const { status } = useStore(session.connection);
  const display = CONNECTION_DISPLAY[status];
  const label = t(display.label);
  return (
    <Tooltip title={display.hint ? t(display.hint) : null}>
      <span
        className="connection-status"
        data-testid="connection-status"
        data-status={status}
        role="status"
        aria-live="polite"
        aria-label={t('connection.label', { status: label })}
      >
        <Badge status={display.badge} text={label} />
      </span>
    </Tooltip>
  );
}

/** 已同步 / 连接中 / 离线 (or why the server refused) for the open plan's document. */
export function ConnectionIndicator() {
  const session = usePlanSession();
  return session ? <Indicator session={session} /> : null;
}
