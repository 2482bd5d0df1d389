import { useState } from 'react';
import { App, Checkbox, Form, Input, Select, Switch } from 'antd';
import {
  ApprovingBody,
  APPROVING_BODY_LABELS,
  DEFAULT_COMMITTEES,
  defaultLifecycleSettings,
  ORG_LEVEL_LABELS,
  SUPERVISED_BODIES,
  SUPERVISED_BODY_LABELS,
  type OrgLevel,
  type SupervisedBody,
} from '@yipan/domain';
import { OrgDetailResponse, type OrgDetail } from '@yipan/protocol';
import { sendJson } from '../api/fetchJson';
import { invalidateRequests } from '../api/useRequest';
import { useI18n } from '../i18n/I18nProvider';
import { adminErrorMessage } from './adminError';
import { FormModal } from './FormModal';
import { CHILD_LEVELS } from './orgForest';

/** Longest name of an organisation, a committee or a reporting unit (the server's limit). */
const NAME_MAX = 100;
/** Wider than a dialog's default 520 px: the tag lists of names need the room. */
const ORG_DIALOG_WIDTH = 600;
/** Separators people type between names when pasting a list: commas and the Chinese enumeration comma. */
const LIST_SEPARATORS = [',', '，', '、', ';', '；', '\n'];

/** What the form is for: a new organisation under a parent, or an existing one. */
export type OrgFormTarget = { mode: 'create'; parent: OrgDetail } | { mode: 'edit'; org: OrgDetail };

type Fields = {
  name: string;
  level: OrgLevel;
  committees: string[];
  supervisedBodies: SupervisedBody[];
  reportingUnits: string[];
  /** The organisation's lifecycle settings, flattened for the form. */
  approvingBody: ApprovingBody;
  partyReview: boolean;
};

/** Trimmed, non-empty, distinct names within the server's length limit. */
function cleanNames(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.trim()).filter((name) => name && name.length <= NAME_MAX))];
}

/** A township or liaison office supervises only the government; the levels above all four bodies. */
function defaultBodies(level: OrgLevel): SupervisedBody[] {
  return level === 'township' || level === 'liaison_office' ? ['gov'] : [...SUPERVISED_BODIES];
}

/** Create a child organisation (name, level, lists, lifecycle settings) or edit them. */
export function OrgFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: OrgFormTarget;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const creating = target.mode === 'create';
  const levels = creating ? CHILD_LEVELS[target.parent.level] : [];
  const firstLevel = levels[0] ?? 'township';
  const initial: Fields =
    target.mode === 'create'
      ? {
          name: '',
          level: firstLevel,
          committees: [...DEFAULT_COMMITTEES],
          supervisedBodies: defaultBodies(firstLevel),
          reportingUnits: [],
          ...defaultLifecycleSettings(firstLevel),
        }
      : {
          name: target.org.name,
          level: target.org.level,
          committees: target.org.committees,
          supervisedBodies: target.org.supervisedBodies,
          reportingUnits: target.org.reportingUnits,
          ...target.org.settings,
        };

  const save = async (values: Fields) => {
    setSaving(true);
    const lists = {
      committees: cleanNames(values.committees),
      supervisedBodies: values.supervisedBodies,
      reportingUnits: cleanNames(values.reportingUnits),
      settings: { approvingBody: values.approvingBody, partyReview: values.partyReview },
    };
    try {
      if (target.mode === 'create') {
        await sendJson(
          'POST',
          '/api/admin/orgs',
          { name: values.name.trim(), level: values.level, parentId: target.parent.id, ...lists },
          OrgDetailResponse,
        );
        void message.success(t('admin.org.created', { name: values.name.trim() }));
      } else {
        await sendJson(
          'PATCH',
          `/api/admin/orgs/${encodeURIComponent(target.org.id)}`,
          { name: values.name.trim(), ...lists },
          OrgDetailResponse,
        );
        void message.success(t('admin.org.saved', { name: values.name.trim() }));
      }
      // The sidebar's tree and the plans shown elsewhere follow.
      invalidateRequests();
      onSaved();
    } catch (error) {
      void message.error(adminErrorMessage(error, t));
      setSaving(false);
    }
  };

  const listSelect = (placeholder: string) => (
    <Select<string[]>
      mode="tags"
      tokenSeparators={LIST_SEPARATORS}
      placeholder={placeholder}
      open={false}
      suffixIcon={null}
    />
  );

  return (
    <FormModal<Fields>
      form={form}
      title={
        target.mode === 'create'
          ? t('admin.org.createTitle', { parent: target.parent.name })
          : t('admin.org.editTitle', { name: target.org.name })
      }
      okText={t('admin.save')}
      saving={saving}
      initialValues={initial}
      onClose={onClose}
      onFinish={(values) => void save(values)}
      onValuesChange={(changed) => {
        if (creating && changed.level) {
          form.setFieldValue('supervisedBodies', defaultBodies(changed.level));
          form.setFieldsValue(defaultLifecycleSettings(changed.level));
        }
      }}
      width={ORG_DIALOG_WIDTH}
    >
      <Form.Item
        name="name"
        label={t('admin.org.name')}
        rules={[{ required: true, whitespace: true, max: NAME_MAX, message: t('admin.org.nameRequired') }]}
      >
        <Input autoFocus maxLength={NAME_MAX} placeholder={t('admin.org.namePlaceholder')} />
      </Form.Item>
      {creating ? (
        <Form.Item name="level" label={t('admin.org.level')} rules={[{ required: true }]}>
          <Select<OrgLevel>
            options={levels.map((level) => ({ value: level, label: label(ORG_LEVEL_LABELS[level]) }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="committees" label={t('admin.org.committees')} extra={t('admin.org.listHint')}>
        {listSelect(t('admin.org.committeesPlaceholder'))}
      </Form.Item>
      <Form.Item
        name="supervisedBodies"
        label={t('admin.org.supervisedBodies')}
        rules={[{ required: true, type: 'array', min: 1, message: t('admin.org.bodiesRequired') }]}
      >
        <Checkbox.Group
          options={SUPERVISED_BODIES.map((body) => ({
            value: body,
            label: label(SUPERVISED_BODY_LABELS[body]),
          }))}
        />
      </Form.Item>
      <Form.Item name="reportingUnits" label={t('admin.org.reportingUnits')} extra={t('admin.org.listHint')}>
        {listSelect(t('admin.org.reportingUnitsPlaceholder'))}
      </Form.Item>
      <Form.Item
        name="approvingBody"
        label={t('admin.org.approvingBody')}
        extra={t('admin.org.approvingBodyHint')}
        rules={[{ required: true }]}
      >
        <Select<ApprovingBody>
          data-testid="org-approving-body"
          options={ApprovingBody.options.map((body) => ({
            value: body,
            label: label(APPROVING_BODY_LABELS[body]),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="partyReview"
        label={t('admin.org.partyReview')}
        extra={t('admin.org.partyReviewHint')}
        valuePropName="checked"
      >
        <Switch data-testid="org-party-review" />
      </Form.Item>
    </FormModal>
  );
}
