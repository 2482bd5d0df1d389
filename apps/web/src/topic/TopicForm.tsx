import { useId, useMemo, type ReactNode } from 'react';
import { Form, Input, InputNumber, Select, Typography } from 'antd';
import {
  ASSIST_COMMITTEES_MAX,
  DEFAULT_COMMITTEES,
  METHOD_LABELS,
  METHODS,
  MONTHS,
  SESSION_MAX,
  SHORT_TEXT_MAX,
  SUPERVISED_BODIES,
  SUPERVISED_BODY_LABELS,
  TOPIC_SOURCE_LABELS,
  TOPIC_SOURCES,
  type Label,
  type Method,
  type SupervisedBody,
  type TopicFields,
  type TopicSource,
} from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { TextField } from './TextField';
import { validateShortText, validateTitle } from './validateTopic';

type Props = {
  values: TopicFields;
  onChange: (patch: Partial<TopicFields>) => void;
  disabled: boolean;
  /** Renders the notes control; it gets the id its label points at. */
  renderNotes: (id: string) => ReactNode;
  autoFocusTitle?: boolean;
  forceValidation?: boolean;
  onTitleEnter?: () => void;
};

/** Every field of a topic. Choices are written at once, text after a pause (see TextField). */
export function TopicForm({
  values,
  onChange,
  disabled,
  renderNotes,
  autoFocusTitle,
  forceValidation,
  onTitleEnter,
}: Props) {
  const { t, label } = useI18n();
  const ids = {
    method: useId(),
    addon: useId(),
    body: useId(),
    sources: useId(),
    month: useId(),
    session: useId(),
    sessionDate: useId(),
    assist: useId(),
    notes: useId(),
  };
  // Built once per language: a new topic's form re-renders on every keystroke of its notes.
  const options = useMemo(() => {
    const optionsOf = <T extends string>(values: readonly T[], labels: Record<T, Label>) =>
      values.map((value) => ({ value, label: label(labels[value]) }));
    return {
      methods: optionsOf(METHODS, METHOD_LABELS),
      bodies: optionsOf(SUPERVISED_BODIES, SUPERVISED_BODY_LABELS),
      sources: optionsOf(TOPIC_SOURCES, TOPIC_SOURCE_LABELS),
      months: MONTHS.map((month) => ({ value: month, label: t(`month.${month}` as MessageKey) })),
    };
  }, [t, label]);
  const shortText = (text: string) => validateShortText(text, t);

  return (
    <Form layout="vertical" className="topic-form" disabled={disabled} requiredMark>
      <Typography.Title level={3} className="form-section">
        {t('topic.sectionBasic')}
      </Typography.Title>
      <TextField
        label={t('field.title')}
        required
        value={values.title}
        onCommit={(title) => onChange({ title })}
        validate={(text) => validateTitle(text, t)}
        forceValidation={forceValidation}
        placeholder={t('field.titlePlaceholder')}
        autoFocus={autoFocusTitle}
        disabled={disabled}
        testId="topic-title-input"
        onEnter={onTitleEnter}
      />
      <div className="form-row">
        <Form.Item label={t('field.method')} htmlFor={ids.method} required>
          <Select<Method>
            id={ids.method}
            showSearch={{ optionFilterProp: 'label' }}
            value={values.method}
            options={options.methods}
            onChange={(method) =>
              onChange({ method, addonMethods: values.addonMethods.filter((m) => m !== method) })
            }
          />
        </Form.Item>
        <Form.Item label={t('field.supervisedBody')} htmlFor={ids.body}>
          <Select<SupervisedBody>
            id={ids.body}
            value={values.supervisedBody}
            options={options.bodies}
            onChange={(supervisedBody) => onChange({ supervisedBody })}
          />
        </Form.Item>
      </div>
      <Form.Item label={t('field.addonMethods')} htmlFor={ids.addon}>
        <Select<Method[]>
          id={ids.addon}
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('field.addonMethodsPlaceholder')}
          value={values.addonMethods}
          options={options.methods.filter((option) => option.value !== values.method)}
          onChange={(addonMethods) => onChange({ addonMethods })}
        />
      </Form.Item>
      <Form.Item label={t('field.sources')} htmlFor={ids.sources}>
        <Select<TopicSource[]>
          id={ids.sources}
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('field.sourcesPlaceholder')}
          value={values.sources}
          options={options.sources}
          onChange={(sources) => onChange({ sources })}
        />
      </Form.Item>

      <Typography.Title level={3} className="form-section">
        {t('topic.sectionSchedule')}
      </Typography.Title>
      <div className="form-row">
        <Form.Item label={t('field.month')} htmlFor={ids.month}>
          <Select<number>
            id={ids.month}
            allowClear
            placeholder={t('field.monthPlaceholder')}
            value={values.month ?? undefined}
            options={options.months}
            onChange={(month) => onChange({ month: month ?? null })}
          />
        </Form.Item>
        <Form.Item label={t('field.session')} htmlFor={ids.session}>
          <InputNumber<number>
            id={ids.session}
            className="session-input"
            min={1}
            max={SESSION_MAX}
            precision={0}
            prefix={t('field.sessionPrefix')}
            suffix={t('field.sessionSuffix')}
            value={values.session}
            onChange={(session) => onChange({ session: session ?? null })}
          />
        </Form.Item>
        <Form.Item
          label={t('field.sessionDate')}
          htmlFor={ids.sessionDate}
          tooltip={t('field.sessionDateHint')}
        >
          <Input
            id={ids.sessionDate}
            type="date"
            value={values.sessionDate ?? ''}
            disabled={disabled}
            onChange={(event) => onChange({ sessionDate: event.target.value || null })}
            data-testid="topic-session-date"
          />
        </Form.Item>
      </div>

      <Typography.Title level={3} className="form-section">
        {t('topic.sectionPeople')}
      </Typography.Title>
      <div className="form-row">
        <TextField
          label={t('field.leadCommittee')}
          value={values.leadCommittee}
          onCommit={(leadCommittee) => onChange({ leadCommittee })}
          validate={shortText}
          suggestions={DEFAULT_COMMITTEES}
          placeholder={t('field.leadCommitteePlaceholder')}
          maxLength={SHORT_TEXT_MAX}
          disabled={disabled}
        />
        <TextField
          label={t('field.leaderInCharge')}
          value={values.leaderInCharge}
          onCommit={(leaderInCharge) => onChange({ leaderInCharge })}
          validate={shortText}
          placeholder={t('field.leaderInChargePlaceholder')}
          maxLength={SHORT_TEXT_MAX}
          disabled={disabled}
        />
      </div>
      <Form.Item label={t('field.assistCommittees')} htmlFor={ids.assist}>
        <Select<string[]>
          id={ids.assist}
          mode="tags"
          maxCount={ASSIST_COMMITTEES_MAX}
          placeholder={t('field.assistCommitteesPlaceholder')}
          value={values.assistCommittees}
          options={DEFAULT_COMMITTEES.filter((name) => name !== values.leadCommittee).map((value) => ({
            value,
          }))}
          onChange={(names) =>
            onChange({
              assistCommittees: [
                ...new Set(
                  names.map((name) => name.trim()).filter((name) => name && name.length <= SHORT_TEXT_MAX),
                ),
              ],
            })
          }
        />
      </Form.Item>
      <TextField
        label={t('field.reportingUnit')}
        value={values.reportingUnit}
        onCommit={(reportingUnit) => onChange({ reportingUnit })}
        validate={shortText}
        placeholder={t('field.reportingUnitPlaceholder')}
        maxLength={SHORT_TEXT_MAX}
        disabled={disabled}
      />
      <Form.Item label={t('field.notes')} htmlFor={ids.notes}>
        {renderNotes(ids.notes)}
      </Form.Item>
    </Form>
  );
}
