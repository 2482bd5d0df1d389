import { useId, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import {
  EXPECTATION_LEVEL_LABELS,
  METHOD_LABELS,
  REASON_MAX,
  type ExpectationLevel,
  type Topic,
} from '@yipan/domain';
import type { ParentTopic, UpstreamResponse } from '@yipan/protocol';
import { usePlanAccess } from '../access/PlanAccessContext';
import { describeError } from '../api/describeError';
import type { RequestState } from '../api/useRequest';
import { createStore, useStore } from '../collab/createStore';
import { usePlanSession } from '../collab/PlanSessionContext';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { planTopicPath } from '../routing/routes';
import { answerParentTopic } from './alignmentApi';
import { UpstreamChangeCard } from './UpstreamChangeCard';
import { upstreamErrorText } from './upstreamError';
import { awaitsAnswer, groupByParentPlan } from './upstreamView';
import './upstream.css';

/** Outside a plan session (never, in practice) there are no own topics to show or link. */
const EMPTY_TOPICS = createStore<Topic[]>([]);

/** Width of the drawer: a parent topic's title, its tags and its answer buttons on one or two lines. */
const DRAWER_WIDTH = 720;

/** The colour of each expectation: what is required stands out. */
const EXPECTATION_COLORS: Record<ExpectationLevel, string> = {
  required: 'red',
  recommended: 'blue',
  not_applicable: 'default',
};

type Props = {
  planId: string;
  upstream: RequestState<UpstreamResponse>;
  open: boolean;
  onClose: () => void;
  /** Opens a topic of this plan in its drawer. */
  onOpenTopic: (topicId: string) => void;
};

/** A link to a topic of this plan that opens its drawer (and is a real URL, for a new tab). */
function OwnTopicLink({
  planId,
  topicId,
  title,
  onOpenTopic,
}: {
  planId: string;
  topicId: string;
  title: string;
  onOpenTopic: (topicId: string) => void;
}) {
  return (
    <a
      href={planTopicPath(planId, topicId)}
      className="upstream-own-topic"
      data-testid="upstream-own-topic"
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        onOpenTopic(topicId);
      }}
    >
      {title}
    </a>
  );
}

/** The reason of a decline (不采纳), asked in a small modal; required. */
function DeclineModal({
  topic,
  onCancel,
  onDecline,
}: {
  topic: ParentTopic;
  onCancel: () => void;
  onDecline: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await onDecline(reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('upstream.decline.title', { title: topic.title })}
      okText={t('upstream.decline.ok')}
      cancelText={t('upstream.cancel')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
      data-testid="upstream-decline-modal"
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('upstream.decline.reason')}
          rules={[{ required: true, whitespace: true, message: t('upstream.decline.required') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={REASON_MAX}
            showCount
            placeholder={t('upstream.decline.placeholder')}
            data-testid="upstream-decline-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type TopicProps = {
  planId: string;
  topic: ParentTopic;
  ownTopics: readonly Topic[];
  canAnswer: boolean;
  disabledHint: string | null;
  onOpenTopic: (topicId: string) => void;
};

/** One parent topic: what it is, what it expects of this plan, how this plan answered, and the answers left. */
function ParentTopicItem({ planId, topic, ownTopics, canAnswer, disabledHint, onOpenTopic }: TopicProps) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [linking, setLinking] = useState(false);
  const [linkTarget, setLinkTarget] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const target = { parentPlanId: topic.parentPlanId, parentTopicId: topic.parentTopicId };
  const titleOf = (id: string) => ownTopics.find((own) => own.id === id)?.title ?? t('upstream.ownTopicGone');

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      void message.error({ content: upstreamErrorText(error, t, label), duration: 6 });
    } finally {
      setBusy(false);
    }
  };
  const adopt = () =>
    run(async () => {
      const { topicId } = await answerParentTopic(planId, { answer: 'adopt', ...target });
      void message.success(t('upstream.adopted', { title: topic.title }));
      if (topicId) onOpenTopic(topicId);
    });
  const link = () =>
    run(async () => {
      if (!linkTarget) return;
      await answerParentTopic(planId, { answer: 'link', ...target, topicId: linkTarget });
      void message.success(t('upstream.linked', { title: topic.title }));
      setLinking(false);
      setLinkTarget(null);
    });
  const decline = (reason: string) =>
    run(async () => {
      await answerParentTopic(planId, { answer: 'decline', ...target, reason });
      void message.success(t('upstream.declined', { title: topic.title }));
      setDeclining(false);
    });
  const withdraw = () =>
    run(async () => {
      await answerParentTopic(planId, { answer: 'withdraw', ...target });
      void message.success(t('upstream.withdrawn', { title: topic.title }));
    });

  const { answer, expectation } = topic;
  const linkable = ownTopics.filter((own) => !own.archived);
  const disabled = !canAnswer || busy;
  return (
    <li
      className={awaitsAnswer(topic) ? 'upstream-topic is-awaiting' : 'upstream-topic'}
      data-testid="upstream-topic"
      data-title={topic.title}
      data-answer={answer.state}
      data-joint={topic.joint}
    >
      <div className="upstream-topic-title">{topic.title}</div>
      <div className="upstream-topic-tags">
        {topic.joint ? <Tag color="purple">{t('joint.cardTag')}</Tag> : null}
        <Tag>{label(METHOD_LABELS[topic.method])}</Tag>
        <span className="upstream-topic-month">
          {topic.month === null ? t('board.unscheduled') : t(`month.${topic.month}` as MessageKey)}
        </span>
        {expectation ? (
          <Tag color={EXPECTATION_COLORS[expectation.level]} data-testid="upstream-expectation">
            {label(EXPECTATION_LEVEL_LABELS[expectation.level])}
            {expectation.neededBy ? ` · ${t('upstream.neededBy', { date: expectation.neededBy })}` : ''}
          </Tag>
        ) : null}
      </div>
      <div className="upstream-topic-answer" data-testid="upstream-answer">
        {answer.state === 'linked' ? (
          <>
            <Tag color="green">{t('upstream.answer.linked')}</Tag>
            {answer.topicIds.map((id) => (
              <OwnTopicLink
                key={id}
                planId={planId}
                topicId={id}
                title={titleOf(id)}
                onOpenTopic={onOpenTopic}
              />
            ))}
          </>
        ) : answer.state === 'declined' ? (
          <>
            <Tag color="orange">{t('upstream.answer.declined')}</Tag>
            <span className="upstream-reason">{t('upstream.answer.reason', { reason: answer.reason })}</span>
          </>
        ) : awaitsAnswer(topic) ? (
          <Tag color="gold">{t('upstream.answer.none')}</Tag>
        ) : null}
      </div>
      {answer.state === 'linked' ? null : (
        <div className="upstream-topic-actions" title={canAnswer ? undefined : (disabledHint ?? undefined)}>
          {linking ? (
            <Space.Compact className="upstream-link-picker">
              <Select
                autoFocus
                showSearch
                optionFilterProp="label"
                className="upstream-link-select"
                placeholder={t('upstream.link.placeholder')}
                aria-label={t('upstream.link.placeholder')}
                value={linkTarget}
                onChange={setLinkTarget}
                options={linkable.map((own) => ({ value: own.id, label: own.title }))}
                data-testid="upstream-link-select"
              />
              <Button
                type="primary"
                disabled={!linkTarget || disabled}
                loading={busy}
                onClick={() => void link()}
                data-testid="upstream-link-ok"
              >
                {t('upstream.link.ok')}
              </Button>
              <Button onClick={() => setLinking(false)}>{t('upstream.cancel')}</Button>
            </Space.Compact>
          ) : (
            <Space size="small" wrap>
              <Button
                size="small"
                // What awaits an answer asks for it; other topics can be taken up too, less loudly.
                type={awaitsAnswer(topic) ? 'primary' : 'default'}
                disabled={disabled}
                onClick={() => void adopt()}
                aria-label={t('upstream.adoptLabel', { title: topic.title })}
                data-testid="upstream-adopt"
              >
                {t('upstream.adopt')}
              </Button>
              <Button
                size="small"
                disabled={disabled || linkable.length === 0}
                onClick={() => setLinking(true)}
                aria-label={t('upstream.linkLabel', { title: topic.title })}
                data-testid="upstream-link"
              >
                {t('upstream.link')}
              </Button>
              {answer.state === 'declined' ? (
                <Button
                  size="small"
                  disabled={disabled}
                  onClick={() => void withdraw()}
                  aria-label={t('upstream.withdrawLabel', { title: topic.title })}
                  data-testid="upstream-withdraw"
                >
                  {t('upstream.withdraw')}
                </Button>
              ) : topic.joint ? (
                <Button
                  size="small"
                  danger
                  disabled={disabled}
                  onClick={() => setDeclining(true)}
                  aria-label={t('upstream.declineLabel', { title: topic.title })}
                  data-testid="upstream-decline"
                >
                  {t('upstream.decline')}
                </Button>
              ) : null}
            </Space>
          )}
        </div>
      )}
      {declining ? (
        <DeclineModal topic={topic} onCancel={() => setDeclining(false)} onDecline={decline} />
      ) : null}
    </li>
  );
}

/**
 * The upstream drawer (上级议题) of a county's or township's plan: the higher levels' topics of the same
 * year by parent plan, joint ones first, each with what it expects of this plan and this plan's answer
 * (采纳 creates a linked topic, 关联 links an existing one, 不采纳 with a reason), and the linked parent
 * topics that changed since (上级议题已修改), to accept into this plan's topic or dismiss.
 */
export function UpstreamDrawer({ planId, upstream, open, onClose, onOpenTopic }: Props) {
  const { t } = useI18n();
  const changesHeading = useId();
  const session = usePlanSession();
  const ownTopics = useStore(session?.topics ?? EMPTY_TOPICS);
  const { readOnlyHint } = usePlanAccess();
  const { data, error, loading } = upstream;
  const groups = useMemo(() => (data ? groupByParentPlan(data) : []), [data]);
  const canAnswer = data?.canAnswer ?? false;
  const disabledHint = canAnswer ? null : (readOnlyHint ?? t('upstream.readOnly'));
  const titleOf = (id: string) => ownTopics.find((own) => own.id === id)?.title ?? t('upstream.ownTopicGone');

  return (
    <Drawer
      open={open}
      title={t('upstream.title')}
      size={DRAWER_WIDTH}
      onClose={onClose}
      closable={{ 'aria-label': t('upstream.close') }}
      rootClassName="upstream-drawer"
      // Each opening starts at the top with no half-made answer left open.
      destroyOnHidden
      data-testid="upstream-drawer"
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('upstream.loadFailed', { reason: describeError(error, t) })}
          action={
            <Button size="small" onClick={upstream.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : null}
      {loading && !data ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {data ? (
        <>
          <Typography.Paragraph type="secondary" className="upstream-intro">
            {t('upstream.intro')}
          </Typography.Paragraph>
          {canAnswer ? null : (
            <Alert className="upstream-read-only" type="info" showIcon title={disabledHint} />
          )}
          {data.changes.length > 0 ? (
            <section
              className="upstream-changes"
              aria-labelledby={changesHeading}
              data-testid="upstream-changes"
            >
              <Typography.Title level={5} id={changesHeading} className="upstream-heading is-changed">
                {t('upstream.changes.title')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t('upstream.changes.intro')}</Typography.Paragraph>
              {data.changes.map((notice) => (
                <UpstreamChangeCard
                  key={`${notice.topicId}/${notice.parentPlanId}/${notice.parentTopicId}`}
                  planId={planId}
                  notice={notice}
                  topicTitle={titleOf(notice.topicId)}
                  canAct={canAnswer}
                  disabledHint={disabledHint}
                />
              ))}
            </section>
          ) : null}
          {groups.length === 0 ? <Empty description={t('upstream.empty')} /> : null}
          {groups.map(({ plan, topics }) => (
            <section
              key={plan.id}
              className="upstream-plan"
              aria-label={plan.title}
              data-testid="upstream-plan"
              data-plan-id={plan.id}
            >
              <Typography.Title level={5} className="upstream-heading">
                {plan.orgName}
                <span className="upstream-plan-title">{plan.title}</span>
              </Typography.Title>
              <ul className="upstream-topics">
                {topics.map((topic) => (
                  <ParentTopicItem
                    key={topic.parentTopicId}
                    planId={planId}
                    topic={topic}
                    ownTopics={ownTopics}
                    canAnswer={canAnswer}
                    disabledHint={disabledHint}
                    onOpenTopic={onOpenTopic}
                  />
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </Drawer>
  );
}
