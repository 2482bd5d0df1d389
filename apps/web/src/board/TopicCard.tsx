import { memo, useState, type CSSProperties, type HTMLAttributes, type Ref } from 'react';
import { Dropdown } from 'antd';
import EditOutlined from '@ant-design/icons/EditOutlined';
import EyeOutlined from '@ant-design/icons/EyeOutlined';
import InboxOutlined from '@ant-design/icons/InboxOutlined';
import { METHOD_LABELS, type BoardGrouping, type Topic } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import type { Peer } from '../collab/presenceStore';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { Highlight, NotesMatch } from '../views/SearchTermsContext';
import { methodColor } from './methodColor';
import { TopicStepProgress } from '../steps/StepProgressBadge';
import { TopicJointTag } from '../alignment/TopicJointTag';
import { CardTag } from './CardTag';

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

/** A vertical ellipsis drawn inline: antd's icon component costs a context read and a style hook per card. */
function MoreDots() {
  return (
    <svg
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="3" r="1.5" />
      <circle cx="8" cy="8" r="1.5" />
      <circle cx="8" cy="13" r="1.5" />
    </svg>
  );
}

/**
 * The card's ⋮ menu. Until first used it is a plain button: antd's Dropdown and Button mount a
 * trigger, a motion wrapper and style hooks per card, which a board of hundreds pays for on every
 * render although a menu is opened once in a while. The first click (or Enter/Space) mounts the
 * Dropdown already open, and it stays mounted from then on.
 */
function CardMenu({
  topic,
  canWrite,
  onOpen,
  onArchive,
}: Pick<Props, 'topic' | 'canWrite' | 'onOpen' | 'onArchive'>) {
  const { t } = useI18n();
  const { readOnlyHint } = usePlanAccess();
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const button = (
    <button
      type="button"
      className="topic-menu"
      aria-label={t('card.menu', { title: topic.title })}
      aria-haspopup="menu"
      aria-expanded={open}
      data-testid="topic-menu"
      onClick={
        mounted
          ? undefined
          : () => {
              setMounted(true);
              setOpen(true);
            }
      }
    >
      <MoreDots />
    </button>
  );
  if (!mounted) return button;
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={setOpen}
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
      {button}
    </Dropdown>
  );
}

/**
 * A topic on the board: title, method tags, lead committee, reporting unit, and who else is editing it.
 * Memoised: a board shows hundreds, and most renders of the board change none of them.
 */
export const TopicCard = memo(function TopicCard(props: Props) {
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
          <CardTag color={methodColor(topic.method)} className="topic-method">
            {label(METHOD_LABELS[topic.method])}
          </CardTag>
          {topic.addonMethods.map((method) => (
            <CardTag key={method} className="topic-addon">
              {label(METHOD_LABELS[method])}
            </CardTag>
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
});
