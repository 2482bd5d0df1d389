import { Button, Drawer, Empty, Tag, Tooltip } from 'antd';
import UndoOutlined from '@ant-design/icons/UndoOutlined';
import { METHOD_LABELS, type Topic } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import { useI18n } from '../i18n/I18nProvider';
import { methodColor } from './methodColor';

type Props = {
  open: boolean;
  topics: readonly Topic[];
  canWrite: boolean;
  onRestore: (id: string) => void;
  onClose: () => void;
};

/** The archived topics of the plan, each with a restore button: archiving never deletes. */
export function ArchivedPanel({ open, topics, canWrite, onRestore, onClose }: Props) {
  const { t, label } = useI18n();
  const { readOnlyHint } = usePlanAccess();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('archive.title')}
      size={420}
      closable={{ 'aria-label': t('topic.close') }}
    >
      {topics.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.empty')} />
      ) : (
        <ul className="archived-list" data-testid="archived-list">
          {topics.map((topic) => (
            <li
              key={topic.id}
              className="archived-item"
              data-testid="archived-topic"
              data-topic-id={topic.id}
            >
              <div className="archived-text">
                <div className="archived-title">{topic.title}</div>
                <Tag color={methodColor(topic.method)}>{label(METHOD_LABELS[topic.method])}</Tag>
              </div>
              <Tooltip title={canWrite ? null : readOnlyHint}>
                <Button
                  size="small"
                  icon={<UndoOutlined />}
                  aria-label={t('archive.restoreLabel', { title: topic.title })}
                  disabled={!canWrite}
                  onClick={() => onRestore(topic.id)}
                >
                  {t('archive.restore')}
                </Button>
              </Tooltip>
            </li>
          ))}
        </ul>
      )}
    </Drawer>
  );
}
