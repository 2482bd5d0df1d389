import { useState } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import type { UpstreamChangeNotice } from '@yipan/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { actOnUpstream } from './alignmentApi';
import { upstreamErrorText } from './upstreamError';
import { upstreamChangeText } from './upstreamView';

type Props = {
  planId: string;
  notice: UpstreamChangeNotice;
  /** The title of this plan's topic that links the changed parent; omitted where the topic is obvious. */
  topicTitle?: string;
  canAct: boolean;
  /** Why not, for the disabled buttons' tooltip. */
  disabledHint?: string | null;
};

/**
 * A parent topic that changed since this plan's topic linked it (上级议题已修改): each changed field as
 * "月份：6月 → 7月", and the choice to take the change into this plan's topic or leave the topic as it is.
 * Nothing is overwritten without this choice.
 */
export function UpstreamChangeCard({ planId, notice, topicTitle, canAct, disabledHint = null }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'accept' | 'dismiss' | null>(null);
  const act = async (action: 'accept' | 'dismiss') => {
    setBusy(action);
    try {
      await actOnUpstream(planId, {
        topicId: notice.topicId,
        parentPlanId: notice.parentPlanId,
        parentTopicId: notice.parentTopicId,
        action,
      });
      void message.success(t(action === 'accept' ? 'upstream.accepted' : 'upstream.dismissed'));
    } catch (error) {
      void message.error({ content: upstreamErrorText(error, t, label), duration: 6 });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="upstream-change" data-testid="upstream-change" data-topic-id={notice.topicId}>
      <div className="upstream-change-parent">
        {t('upstream.changes.parent', { title: notice.parentTitle })}
      </div>
      {topicTitle ? (
        <div className="upstream-change-topic">{t('upstream.changes.topic', { title: topicTitle })}</div>
      ) : null}
      <ul className="upstream-change-fields">
        {notice.changes.map((change) => (
          <li key={change.field} data-field={change.field}>
            {upstreamChangeText(change, t, label)}
          </li>
        ))}
      </ul>
      <Tooltip title={canAct ? null : disabledHint}>
        <Space size="small">
          <Button
            size="small"
            type="primary"
            loading={busy === 'accept'}
            disabled={!canAct || busy !== null}
            onClick={() => void act('accept')}
            data-testid="upstream-accept"
          >
            {t('upstream.accept')}
          </Button>
          <Button
            size="small"
            loading={busy === 'dismiss'}
            disabled={!canAct || busy !== null}
            onClick={() => void act('dismiss')}
            data-testid="upstream-dismiss"
          >
            {t('upstream.dismiss')}
          </Button>
        </Space>
      </Tooltip>
    </div>
  );
}
