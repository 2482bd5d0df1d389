import { useId, useMemo } from 'react';
import { Alert, App, Button, Empty, Progress, Tooltip, Typography } from 'antd';
import { applyTopicTemplates, chinaDateOf, stepProgress, templatesForTopic } from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import { describeError } from '../api/describeError';
import { useStore } from '../collab/createStore';
import type { PlanSession } from '../collab/PlanSession';
import { useI18n } from '../i18n/I18nProvider';
import { StepItem } from './StepItem';
import { describeStepError } from './stepError';
import { usePlanTemplates } from './usePlanTemplates';
import { useTopicSteps } from './useTopicSteps';
import './steps.css';

type Props = { session: PlanSession; topicId: string };

/** Percent of a whole, for the progress bar. */
const PERCENT = 100;

/**
 * The topic's method steps (工作步骤) in its drawer: generated from the organisation's templates, then
 * advanced by whoever runs the topic. Steps are execution data, so they stay editable after approval.
 */
export function StepsSection({ session, topicId }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { canWrite, readOnlyHint } = usePlanAccess();
  const headingId = useId();
  const steps = useTopicSteps(session.doc, topicId);
  const topics = useStore(session.topics);
  const topic = useMemo(
    () => topics.find((candidate) => candidate.id === topicId) ?? null,
    [topics, topicId],
  );
  const templates = usePlanTemplates(session.planId);
  const today = chinaDateOf(Date.now());
  const progress = stepProgress(steps, today);
  const planned = topic ? templatesForTopic(topic, templates.custom) : [];
  // Without the organisation's own templates (the request failed), the defaults still serve.
  const canGenerate = canWrite && (templates.ready || templates.error !== null);

  const generate = () => {
    if (!canGenerate) return;
    try {
      const added = applyTopicTemplates(session.doc, topicId, templates.custom);
      void message.success(t('steps.generated', { count: added.length }));
    } catch (error) {
      void message.error(describeStepError(error, t));
    }
  };

  return (
    <section className="steps-section" aria-labelledby={headingId} data-testid="steps-section">
      <div className="steps-header">
        <Typography.Title level={4} id={headingId} className="steps-heading">
          {t('steps.title')}
        </Typography.Title>
        {steps.length > 0 ? (
          <span className="steps-summary" data-testid="steps-summary">
            {t('steps.progress', { finished: progress.finished, total: progress.total })}
            {progress.overdue > 0 ? (
              <span className="steps-overdue-count">
                {t('steps.overdueCount', { count: progress.overdue })}
              </span>
            ) : null}
          </span>
        ) : null}
      </div>
      {steps.length > 0 ? (
        <Progress
          percent={Math.round((progress.finished / progress.total) * PERCENT)}
          size="small"
          status={progress.overdue > 0 ? 'exception' : undefined}
          aria-label={t('steps.progress', { finished: progress.finished, total: progress.total })}
        />
      ) : null}
      {templates.error ? (
        <Alert
          type="warning"
          showIcon
          className="steps-alert"
          title={t('steps.templatesFailed', { reason: describeError(templates.error, t) })}
          action={
            <Button size="small" onClick={templates.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : null}
      {topic && topic.sessionDate === null ? (
        <Typography.Paragraph type="secondary" className="steps-hint">
          {t('steps.noSessionDate')}
        </Typography.Paragraph>
      ) : null}
      {steps.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            planned.length > 0
              ? t('steps.noneWithTemplates', { names: planned.map((p) => label(p.name)).join('、') })
              : t('steps.none')
          }
        >
          <Tooltip title={canWrite ? null : readOnlyHint}>
            <Button type="primary" onClick={generate} disabled={!canGenerate} data-testid="generate-steps">
              {t('steps.generate')}
            </Button>
          </Tooltip>
        </Empty>
      ) : (
        <>
          <ol className="steps-list" aria-labelledby={headingId}>
            {steps.map((step, index) => (
              <StepItem
                key={step.id}
                doc={session.doc}
                topicId={topicId}
                step={step}
                number={index + 1}
                today={today}
                disabled={!canWrite}
              />
            ))}
          </ol>
          {canWrite ? (
            <Button type="link" onClick={generate} disabled={!canGenerate} data-testid="complete-steps">
              {t('steps.complete')}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
