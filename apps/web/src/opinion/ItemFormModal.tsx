import { Form, Input, Modal } from 'antd';
import { RECTIFICATION_NOTE_MAX, SHORT_TEXT_MAX, type IsoDate } from '@yipan/domain';
import { useT } from '../i18n/I18nProvider';

/** What the item dialog edits: content, responsible body (责任单位), deadline (整改期限: an ISO date, or empty). */
export type ItemFormValues = { content: string; responsibleBody: string; deadline: string };

type Props = {
  /** The item's values when editing; empty when adding one. */
  initial: ItemFormValues | null;
  onClose: () => void;
  onSave: (values: { content: string; responsibleBody: string; deadline: IsoDate | null }) => void;
};

const EMPTY: ItemFormValues = { content: '', responsibleBody: '', deadline: '' };
/** Rows of the content field: an item is one or two sentences. */
const CONTENT_ROWS = 3;

/** The dialog adding or editing a rectification item. */
export function ItemFormModal({ initial, onClose, onSave }: Props) {
  const t = useT();
  const [form] = Form.useForm<ItemFormValues>();
  return (
    <Modal
      open
      title={initial ? t('opinion.item.editTitle') : t('opinion.item.addTitle')}
      okText={t('opinion.save')}
      cancelText={t('topic.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="item-form"
    >
      <Form<ItemFormValues>
        form={form}
        layout="vertical"
        initialValues={initial ?? EMPTY}
        onFinish={(values) =>
          onSave({
            content: values.content.trim(),
            responsibleBody: values.responsibleBody.trim(),
            deadline: values.deadline === '' ? null : values.deadline,
          })
        }
      >
        <Form.Item
          name="content"
          label={t('opinion.item.content')}
          rules={[{ required: true, whitespace: true, message: t('opinion.item.contentRequired') }]}
        >
          <Input.TextArea rows={CONTENT_ROWS} maxLength={RECTIFICATION_NOTE_MAX} data-testid="item-content" />
        </Form.Item>
        <Form.Item name="responsibleBody" label={t('opinion.item.responsibleBody')}>
          <Input maxLength={SHORT_TEXT_MAX} data-testid="item-body" />
        </Form.Item>
        <Form.Item name="deadline" label={t('opinion.item.deadline')}>
          <Input type="date" data-testid="item-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
