import { useId, useState } from 'react';
import { App, Input, Select, Switch, Table, Tooltip, Typography } from 'antd';
import {
  EXPECTATION_LEVEL_LABELS,
  EXPECTATION_LEVELS,
  readTopicJoint,
  type Expectation,
  type ExpectationLevel,
  type TopicJoint,
} from '@yipan/domain';
import { usePlanAccess } from '../access/PlanAccessContext';
import type { PlanSession } from '../collab/PlanSession';
import { useI18n } from '../i18n/I18nProvider';
import { usePlanLock } from '../lifecycle/PlanLifecycleContext';
import { usePlanChildOrgs } from '../shell/OrgsContext';
import { setTopicJoint } from './alignmentApi';
import { upstreamErrorText } from './upstreamError';
import { DEFAULT_EXPECTATION, jointExpectations } from './jointExpectations';
import { useTopicDocValue } from './useTopicDocValue';
import './upstream.css';

type Props = { session: PlanSession; topicId: string };

/**
 * The topic drawer's "联动议题" section on a plan whose organisation has children (a city's, a county's):
 * mark the topic joint, and say what it expects of each child organisation (须联动/建议联动/不适用) and by
 * when. Read live from the document; written through the server, which checks the children and the freeze.
 */
export function JointSection({ session, topicId }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const headingId = useId();
  const { canWrite, readOnlyHint } = usePlanAccess();
  const lock = usePlanLock();
  const canEdit = canWrite && lock.canEditPlanFields;
  const hint = canWrite ? lock.lockReason : readOnlyHint;
  const joint = useTopicDocValue(session.doc, topicId, readTopicJoint);
  const children = usePlanChildOrgs();
  const [busy, setBusy] = useState(false);
  if (children.length === 0) return null;

  const save = async (next: TopicJoint) => {
    setBusy(true);
    try {
      await setTopicJoint(session.planId, topicId, next);
    } catch (error) {
      void message.error({ content: upstreamErrorText(error, t, label), duration: 6 });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (on: boolean) =>
    void save({
      joint: on,
      expectations: on ? jointExpectations(joint.expectations, children) : joint.expectations,
    });
  const expect = (childId: string, patch: Partial<Expectation>) =>
    void save({
      joint: true,
      expectations: {
        ...jointExpectations(joint.expectations, children),
        [childId]: { ...(joint.expectations[childId] ?? DEFAULT_EXPECTATION), ...patch },
      },
    });
  const disabled = !canEdit || busy;
  const expectations = jointExpectations(joint.expectations, children);

  return (
    <section className="joint-section" aria-labelledby={headingId} data-testid="joint-section">
      <Typography.Title level={4} id={headingId} className="joint-heading">
        {t('joint.title')}
      </Typography.Title>
      <Tooltip title={canEdit ? null : hint}>
        <label className="joint-switch">
          <Switch
            checked={joint.joint}
            disabled={disabled}
            loading={busy}
            onChange={toggle}
            data-testid="joint-switch"
          />{' '}
          {t('joint.switch')}
        </label>
      </Tooltip>
      <Typography.Paragraph type="secondary" className="joint-hint">
        {t('joint.hint')}
      </Typography.Paragraph>
      {joint.joint ? (
        <Table
          className="joint-table"
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={children}
          data-testid="joint-table"
          columns={[
            { title: t('joint.org'), dataIndex: 'name', key: 'name' },
            {
              title: t('joint.level'),
              key: 'level',
              render: (_, child) => (
                <Select<ExpectationLevel>
                  size="small"
                  value={expectations[child.id]?.level ?? DEFAULT_EXPECTATION.level}
                  disabled={disabled}
                  aria-label={t('joint.levelOf', { org: child.name })}
                  onChange={(level) => expect(child.id, { level })}
                  options={EXPECTATION_LEVELS.map((level) => ({
                    value: level,
                    label: label(EXPECTATION_LEVEL_LABELS[level]),
                  }))}
                  popupMatchSelectWidth={false}
                  data-testid="joint-level"
                />
              ),
            },
            {
              title: t('joint.neededBy'),
              key: 'neededBy',
              render: (_, child) => (
                <Input
                  size="small"
                  type="date"
                  value={expectations[child.id]?.neededBy ?? ''}
                  disabled={disabled}
                  aria-label={t('joint.neededByOf', { org: child.name })}
                  onChange={(event) => expect(child.id, { neededBy: event.target.value || null })}
                  data-testid="joint-needed-by"
                />
              ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}
