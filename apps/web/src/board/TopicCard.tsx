import { type CSSProperties, type HTMLAttributes, type Ref } from 'react';
import { Button, Dropdown, Tag } from 'antd';
import EditOutlined from '@ant-design/icons/EditOutlined';
import EyeOutlined from '@ant-design/icons/EyeOutlined';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import MoreOutlined from '@ant-design/icons/MoreOutlined';
import { METHOD_LABELS, type BoardGrouping, type Topic } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import type { Peer } from '../collab/presenceStore';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { Highlight, NotesMatch } from '../views/SearchTermsContext';
import { methodColor } from './methodColor';
import { TopicStepProgress } from '../steps/StepProgressBadge';
import { TopicJointTag } from '../alignment/TopicJointTag';

type Props = {
  topic: Topic;
  grouping: BoardGrouping;
  /** Others who have this topic open right now. */
  editors: readonly Peer[];
  canWrite: boolean;
  onOpen?: (id: string) => void;
  onArchive?: (id: string) => void;
  /** Drag wiring from the sortable wrapper: the moving element and the focusable handle. */
  nodeRef?: Ref<HTMLDivElement>;
  handleRef?: Ref<HTMLDivElement>;
  handleProps?: HTMLAttributes<HTMLDivElement>;
  style?: CSSProperties;
  /** The card left in place while its copy is dragged, or the copy itself. */
  variant?: 'placeholder' | 'overlay';
};

function Schedule({ topic, grouping }: { topic: Topic; grouping: BoardGrouping }) {
  const { t } = useI18n();
  const parts: string[] = [];
  if (grouping === 'method')
    parts.push(topic.month === null ? t('board.unscheduled') : t(`month.${topic.month}` as MessageKey));
  if (topic.session !== null) parts.push(t('card.session', { session: topic.session }));
  return parts.length > 0 ? <div className="topic-meta topic-schedule">{parts.join(' · ')}</div> : null;
}

function CardMenu({
  topic,
  canWrite,
  onOpen,
  onArchive,
}: Pick<Props, 'topic' | 'canWrite' | 'onOpen' | 'onArchive'>) {
  const { t } = useI18n();
  const { readOnlyHint } = usePlanAccess();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'edit',
            icon: canWrite ? <EditOutlined /> : <EyeOutlined />,
            label: canWrite ? t('card.edit') : t('card.view'),
            onClick: () => onOpen?.(topic.id),
          },
          {
            key: 'archive',
            icon: <InboxOutlined />,
            // A disabled item still shows its native tooltip: why it is disabled.
            label: (
              <span title={canWrite ? undefined : (readOnlyHint ?? undefined)}>{t('card.archive')}</span>
            ),
            disabled: !canWrite,
            onClick: () => onArchive?.(topic.id),
          },
        ],
      }}
    >
      <Button
        className="topic-menu"
        type="text"
        size="small"
        icon={<MoreOutlined />}
        aria-label={t('card.menu', { title: topic.title })}
        data-testid="topic-menu"
      />
    </Dropdown>
  );
}

/** A topic on the board: title, method tags, lead committee, reporting unit, and who else is editing it. */
export function TopicCard(props: Props) {
  const {
    topic,
    grouping,
    editors,
    canWrite,
    onOpen,
    onArchive,
    nodeRef,
    handleRef,
    handleProps,
    style,
    variant,
  } = props;
  const { t, label } = useI18n();
  const { readOnlyHint } = usePlanAccess();
  const editor = editors[0];
  const classes = [
    'topic-card-wrap',
    variant ? `topic-card-${variant}` : '',
    editor ? 'topic-card-edited' : '',
  ];
  return (
    <div
      ref={nodeRef}
      className={classes.filter(Boolean).join(' ')}
      style={{ ...style, ...(editor ? { ['--editor-color' as string]: editor.color } : {}) }}
    >
      <div
        ref={handleRef}
        {...handleProps}
        className="topic-card"
        // The drag overlay is a picture of the card, not another card: tests and focus look for the real one.
        data-testid={variant === 'overlay' ? 'topic-card-overlay' : 'topic-card'}
        data-topic-id={topic.id}
        data-title={topic.title}
        aria-label={t(canWrite ? 'card.open' : 'card.openReadOnly', { title: topic.title })}
        // Read-only, the card opens but does not drag: the tooltip says why.
        title={canWrite || variant === 'overlay' ? undefined : (readOnlyHint ?? undefined)}
        onClick={() => onOpen?.(topic.id)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target === event.currentTarget) {
            event.preventDefault();
            onOpen?.(topic.id);
            return;
          }
          handleProps?.onKeyDown?.(event);
        }}
      >
        <div className="topic-title">
          <Highlight text={topic.title} />
        </div>
        <div className="topic-tags">
          <Tag color={methodColor(topic.method)} className="topic-method">
            {label(METHOD_LABELS[topic.method])}
          </Tag>
          {topic.addonMethods.map((method) => (
            <Tag key={method} className="topic-addon">
              {label(METHOD_LABELS[method])}
            </Tag>
          ))}
          {variant === 'overlay' ? null : <TopicJointTag topicId={topic.id} />}
        </div>
        {topic.leadCommittee ? (
          <div className="topic-meta">
            <Highlight text={t('card.lead', { committee: topic.leadCommittee })} />
          </div>
        ) : null}
        {topic.reportingUnit ? (
          <div className="topic-meta">
            <Highlight text={t('card.unit', { unit: topic.reportingUnit })} />
          </div>
        ) : null}
        <Schedule topic={topic} grouping={grouping} />
        {variant === 'overlay' ? null : <TopicStepProgress topicId={topic.id} />}
        <NotesMatch notes={topic.notes} label={t('view.notesMatch')} />
      </div>
      {editor ? (
        <span className="topic-editor-badge" aria-live="polite">
          {t('presence.editing', { name: editors.map((peer) => peer.name).join(t('list.separator')) })}
        </span>
      ) : null}
      {variant !== 'overlay' ? (
        <CardMenu topic={topic} canWrite={canWrite} onOpen={onOpen} onArchive={onArchive} />
      ) : null}
    </div>
  );
}
