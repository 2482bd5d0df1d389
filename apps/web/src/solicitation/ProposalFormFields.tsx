import { Form, Input } from 'antd';
import { PROPOSAL_CONTACT_MAX, PROPOSAL_TEXT_MAX, PROPOSAL_TITLE_MAX } from '@yipan/domain';
import type { MessageKey } from '../i18n/zh-CN';
import { useT } from '../i18n/I18nProvider';

/** What both proposal forms ask for: the public call's four questions (DOMAIN.md, lifecycle step 1). */
export type ProposalFormValues = { title: string; reason: string; problem: string; contact?: string };

/** Rows of the long answers: enough to write a paragraph without scrolling. */
const TEXT_ROWS = 4;

/**
 * The topic, reason, problem and contact fields with their limits, counters and messages that say
 * which field is missing or too long. Used inside an antd Form (named, so that ids stay unique) by the
 * public page and the in-app modal.
 */
export function ProposalFormFields() {
  const t = useT();
  const rules = (field: MessageKey, max: number, required: boolean) => {
    const name = t(field);
    return [
      ...(required
        ? [{ required: true, whitespace: true, message: t('solicitation.field.required', { field: name }) }]
        : []),
      { max, message: t('solicitation.field.tooLong', { field: name, max }) },
    ];
  };
  return (
    <>
      <Form.Item
        name="title"
        label={t('solicitation.field.title')}
        rules={rules('solicitation.field.title', PROPOSAL_TITLE_MAX, true)}
      >
        <Input
          showCount
          maxLength={PROPOSAL_TITLE_MAX}
          placeholder={t('solicitation.field.titlePlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('solicitation.field.reason')}
        rules={rules('solicitation.field.reason', PROPOSAL_TEXT_MAX, true)}
      >
        <Input.TextArea
          rows={TEXT_ROWS}
          showCount
          maxLength={PROPOSAL_TEXT_MAX}
          placeholder={t('solicitation.field.reasonPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="problem"
        label={t('solicitation.field.problem')}
        rules={rules('solicitation.field.problem', PROPOSAL_TEXT_MAX, true)}
      >
        <Input.TextArea
          rows={TEXT_ROWS}
          showCount
          maxLength={PROPOSAL_TEXT_MAX}
          placeholder={t('solicitation.field.problemPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="contact"
        label={t('solicitation.field.contact')}
        extra={t('solicitation.field.contactHint')}
        rules={rules('solicitation.field.contact', PROPOSAL_CONTACT_MAX, false)}
      >
        <Input showCount maxLength={PROPOSAL_CONTACT_MAX} autoComplete="off" />
      </Form.Item>
    </>
  );
}
