import { useId, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import ArrowDownOutlined from '@ant-design/icons/ArrowDownOutlined';
import ArrowUpOutlined from '@ant-design/icons/ArrowUpOutlined';
import DeleteOutlined from '@ant-design/icons/DeleteOutlined';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import {
  METHOD_LABELS,
  METHODS,
  StepTemplate,
  type DueOffset,
  type Method,
  type StepDeadline,
  type TemplateStep,
} from '@yipan/domain';
import { StepTemplateResponse, StepTemplatesResponse, type OrgDetail } from '@yipan/protocol';
import { describeError } from '../api/describeError';
import { sendJson } from '../api/fetchJson';
import { useRequest } from '../api/useRequest';
import { useMe } from '../identity/MeContext';
import { useI18n } from '../i18n/I18nProvider';
import { adminPath, navigate } from '../routing/useRoute';
import './StepTemplatesTab.css';

const UNITS: readonly DueOffset['unit'][] = ['days', 'working_days', 'months'];

/** A key not yet used in a list, for a step or deadline added here (keys stay stable when titles change). */
function freshKey(prefix: string, taken: readonly { key: string }[]): string {
  for (let n = taken.length + 1; ; n += 1) {
    const key = `${prefix}_${n}`;
    if (!taken.some((entry) => entry.key === key)) return key;
  }
}

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [entry] = next.splice(from, 1);
  if (entry !== undefined) next.splice(to, 0, entry);
  return next;
}

type Props = { orgs: OrgDetail[]; orgId: string | null };

/**
 * An organisation's method step templates (步骤模板): rename, add, remove and reorder steps, set their deadlines
 * relative to the session, or go back to the default. Only the organisation's own administrators change them.
 */
export function StepTemplatesTab({ orgs, orgId }: Props) {
  const { t, label } = useI18n();
  const me = useMe();
  const ids = { org: useId(), method: useId() };
  // Templates are an organisation's own way of working: its admins edit them, not those above.
  const own = useMemo(
    () =>
      orgs.filter((org) =>
        me.memberships.some((membership) => membership.orgId === org.id && membership.role === 'admin'),
      ),
    [orgs, me],
  );
  const selected = own.find((org) => org.id === orgId) ?? own[0] ?? null;
  const [method, setMethod] = useState<Method>('law_inspection');
  const url = selected ? `/api/orgs/${encodeURIComponent(selected.id)}/step-templates` : null;
  const request = useRequest(url, StepTemplatesResponse);

  if (!selected) return <Empty description={t('templates.noOrgs')} />;
  const current = request.data?.templates.find((entry) => entry.method === method) ?? null;

  return (
    <div className="templates-tab" data-testid="admin-templates">
      <Typography.Paragraph type="secondary">{t('templates.hint')}</Typography.Paragraph>
      <Space wrap className="templates-pickers">
        <label htmlFor={ids.org}>{t('templates.org')}</label>
        <Select
          id={ids.org}
          value={selected.id}
          options={own.map((org) => ({ value: org.id, label: org.name }))}
          onChange={(id: string) => navigate(adminPath('templates', id))}
          className="templates-org"
        />
        <label htmlFor={ids.method}>{t('templates.method')}</label>
        <Select<Method>
          id={ids.method}
          value={method}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={setMethod}
          className="templates-method"
          data-testid="template-method"
          options={METHODS.map((value) => {
            const custom = request.data?.templates.find((entry) => entry.method === value)?.custom;
            const name = label(METHOD_LABELS[value]);
            return { value, label: custom ? `${name}（${t('templates.custom')}）` : name };
          })}
        />
      </Space>
      {request.error ? (
        <Alert
          type="error"
          showIcon
          title={describeError(request.error, t)}
          action={
            <Button size="small" onClick={request.reload}>
              {t('error.retry')}
            </Button>
          }
        />
      ) : current ? (
        <TemplateEditor
          key={`${selected.id}:${method}:${JSON.stringify(current)}`}
          orgId={selected.id}
          initial={current.template}
          custom={current.custom}
          onSaved={request.reload}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </div>
  );
}

type EditorProps = { orgId: string; initial: StepTemplate; custom: boolean; onSaved: () => void };

/** The editor of one template; saving sends the whole template, validated by the same schema as the server's. */
function TemplateEditor({ orgId, initial, custom, onSaved }: EditorProps) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<StepTemplate>(initial);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const path = `/api/orgs/${encodeURIComponent(orgId)}/step-templates/${initial.method}`;
  const valid = StepTemplate.safeParse(draft).success;

  const setSteps = (steps: TemplateStep[]) => setDraft({ ...draft, steps });
  const setStep = (index: number, patch: Partial<TemplateStep>) =>
    setSteps(draft.steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  const setDeadline = (index: number, at: number, patch: Partial<StepDeadline>) => {
    const step = draft.steps[index];
    if (step)
      setStep(index, { deadlines: step.deadlines.map((d, i) => (i === at ? { ...d, ...patch } : d)) });
  };

  const save = async () => {
    if (!valid) {
      void message.error(t('templates.invalid'));
      return;
    }
    setBusy(true);
    try {
      await sendJson('PUT', path, draft, StepTemplateResponse);
      void message.success(t('templates.saved'));
      onSaved();
    } catch (error) {
      void message.error(error instanceof Error ? describeError(error, t) : String(error));
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    setBusy(true);
    try {
      await sendJson('DELETE', path, undefined, StepTemplateResponse);
      void message.success(t('templates.resetDone'));
      onSaved();
    } catch (error) {
      void message.error(error instanceof Error ? describeError(error, t) : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="template-editor" aria-label={label(draft.name)}>
      <div className="template-title-row">
        <label htmlFor={nameId}>{t('templates.name')}</label>
        <Input
          id={nameId}
          value={draft.name.zh}
          maxLength={100}
          onChange={(event) => setDraft({ ...draft, name: { ...draft.name, zh: event.target.value } })}
          status={draft.name.zh.trim() ? undefined : 'error'}
          data-testid="template-name"
        />
        <Tag color={custom ? 'blue' : 'default'} data-testid="template-kind">
          {custom ? t('templates.custom') : t('templates.default')}
        </Tag>
      </div>
      <Typography.Title level={5}>{t('templates.steps')}</Typography.Title>
      <ol className="template-steps">
        {draft.steps.map((step, index) => (
          <li key={step.key} className="template-step" data-testid="template-step">
            <div className="template-step-row">
              <span className="template-step-number">{index + 1}.</span>
              <Input
                aria-label={t('templates.stepTitle', { number: index + 1 })}
                value={step.title.zh}
                maxLength={100}
                status={step.title.zh.trim() ? undefined : 'error'}
                onChange={(event) => setStep(index, { title: { ...step.title, zh: event.target.value } })}
                data-testid="template-step-title"
              />
              <Button
                icon={<ArrowUpOutlined />}
                aria-label={t('templates.moveUp', { number: index + 1 })}
                disabled={index === 0}
                onClick={() => setSteps(moved(draft.steps, index, index - 1))}
              />
              <Button
                icon={<ArrowDownOutlined />}
                aria-label={t('templates.moveDown', { number: index + 1 })}
                disabled={index === draft.steps.length - 1}
                onClick={() => setSteps(moved(draft.steps, index, index + 1))}
              />
              <Button
                danger
                icon={<DeleteOutlined />}
                aria-label={t('templates.removeStep', { number: index + 1 })}
                disabled={draft.steps.length === 1}
                onClick={() => setSteps(draft.steps.filter((_, i) => i !== index))}
                data-testid="template-step-remove"
              />
            </div>
            {step.deadlines.map((deadline, at) => (
              <div key={deadline.key} className="template-deadline-row">
                <Input
                  aria-label={t('templates.deadlineTitle')}
                  value={deadline.title.zh}
                  maxLength={100}
                  status={deadline.title.zh.trim() ? undefined : 'error'}
                  onChange={(event) =>
                    setDeadline(index, at, { title: { ...deadline.title, zh: event.target.value } })
                  }
                />
                <InputNumber<number>
                  aria-label={t('templates.offset')}
                  title={t('templates.offsetHelp')}
                  value={deadline.offset.amount}
                  precision={0}
                  min={deadline.offset.unit === 'months' ? -12 : -366}
                  max={deadline.offset.unit === 'months' ? 12 : 366}
                  onChange={(amount) =>
                    setDeadline(index, at, { offset: { ...deadline.offset, amount: amount ?? 0 } })
                  }
                  data-testid="template-deadline-amount"
                />
                <Select<DueOffset['unit']>
                  aria-label={t('templates.offset')}
                  value={deadline.offset.unit}
                  options={UNITS.map((unit) => ({ value: unit, label: t(`templates.unit.${unit}`) }))}
                  onChange={(unit) => setDeadline(index, at, { offset: { ...deadline.offset, unit } })}
                  className="template-unit"
                />
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('templates.removeDeadline')}
                  onClick={() => setStep(index, { deadlines: step.deadlines.filter((_, i) => i !== at) })}
                />
              </div>
            ))}
            <Button
              type="link"
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                setStep(index, {
                  deadlines: [
                    ...step.deadlines,
                    {
                      key: freshKey('deadline', step.deadlines),
                      title: { zh: t('templates.deadlineTitle'), en: '' },
                      offset: { amount: 0, unit: 'days' },
                    },
                  ],
                })
              }
            >
              {t('templates.addDeadline')}
            </Button>
          </li>
        ))}
      </ol>
      <Typography.Paragraph type="secondary">{t('templates.offsetHelp')}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<PlusOutlined />}
          onClick={() =>
            setSteps([
              ...draft.steps,
              { key: freshKey('step', draft.steps), title: { zh: '', en: '' }, deadlines: [] },
            ])
          }
          data-testid="template-add-step"
        >
          {t('templates.addStep')}
        </Button>
        <Button type="primary" loading={busy} onClick={() => void save()} data-testid="template-save">
          {t('templates.save')}
        </Button>
        {custom ? (
          <Popconfirm title={t('templates.resetConfirm')} onConfirm={() => void reset()}>
            <Button loading={busy} data-testid="template-reset">
              {t('templates.reset')}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
    </section>
  );
}
