import { Form, Input, Modal } from 'antd';
import { RECTIFICATION_NOTE_MAX, SHORT_TEXT_MAX, type IsoDate, type LookBack } from '@yipan/domain';
import { useT } from '../i18n/I18nProvider';
import { instantOfDay, todayInChina } from './rectificationDisplay';

type Values = { day: IsoDate; by: string; note: string };

type Props = { recorder: string; onClose: () => void; onSave: (lookBack: LookBack) => void };

/** Rows of the finding field. */
const FINDING_ROWS = 3;

/** The dialog recording one look-back check (回头看): the day, who checked, and what they found. */
export function LookBackModal({ recorder, onClose, onSave }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  return (
    <Modal
      open
      title={t('opinion.lookBack.addTitle')}
      okText={t('opinion.save')}
      cancelText={t('topic.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="look-back-form"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ day: todayInChina(), by: recorder, note: '' }}
        onFinish={(values) =>
          onSave({ at: instantOfDay(values.day), by: values.by.trim(), note: values.note.trim() })
        }
      >
        <Form.Item
          name="day"
          label={t('opinion.lookBack.when')}
          rules={[{ required: true, message: t('opinion.lookBack.whenRequired') }]}
        >
          <Input type="date" data-testid="look-back-day" />
        </Form.Item>
        <Form.Item
          name="by"
          label={t('opinion.lookBack.by')}
          rules={[{ required: true, whitespace: true, message: t('opinion.lookBack.byRequired') }]}
        >
          <Input maxLength={SHORT_TEXT_MAX} data-testid="look-back-by" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('opinion.lookBack.finding')}
          rules={[{ required: true, whitespace: true, message: t('opinion.lookBack.findingRequired') }]}
        >
          <Input.TextArea
            rows={FINDING_ROWS}
            maxLength={RECTIFICATION_NOTE_MAX}
            data-testid="look-back-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
