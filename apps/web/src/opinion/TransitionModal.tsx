import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import {
  RECTIFICATION_NOTE_MAX,
  RECTIFICATION_STATE_LABELS,
  Rating,
  SHORT_TEXT_MAX,
  type RectificationState,
} from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { RatingSummary } from './RatingSummary';

/** What the person adds to a state change; the card adds when and who. */
export type TransitionInput = { note?: string; rating?: Rating; evidence?: string; closedBy?: string };

type Values = {
  note: string;
  satisfied: number | null;
  basicallySatisfied: number | null;
  unsatisfied: number | null;
  closedBy: string;
  evidence: string;
};

type Props = {
  from: RectificationState;
  to: RectificationState;
  /** Who is recording it, offered as who closed the item on site. */
  recorder: string;
  onClose: () => void;
  onConfirm: (input: TransitionInput) => void;
};

/** Rows of the note and evidence fields. */
const NOTE_ROWS = 3;
/** Upper bound of one count, as the domain's rating accepts. */
const VOTES_MAX = 1_000_000;

function ratingOf(values: Partial<Values>): Rating | null {
  const parsed = Rating.safeParse({
    satisfied: values.satisfied ?? 0,
    basicallySatisfied: values.basicallySatisfied ?? 0,
    unsatisfied: values.unsatisfied ?? 0,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * The dialog of one state change of an item: an optional note always; the three vote counts to rate it (with
 * the pass or fail shown as they are typed); who closed it on site and the evidence to close it (现场销号).
 */
export function TransitionModal({ from, to, recorder, onClose, onConfirm }: Props) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const preview = to === 'rated' && watched ? ratingOf(watched) : null;
  const noteRequired = from === 'tracking' && to === 'reopened';
  const finish = (values: Values) => {
    const input: TransitionInput = {};
    if (values.note.trim()) input.note = values.note.trim();
    if (to === 'rated') {
      const rating = ratingOf(values);
      if (!rating) {
        form.setFields([{ name: 'satisfied', errors: [t('opinion.rating.required')] }]);
        return;
      }
      input.rating = rating;
    }
    if (to === 'closed') {
      input.closedBy = values.closedBy.trim();
      input.evidence = values.evidence.trim();
    }
    onConfirm(input);
  };
  const count = (name: 'satisfied' | 'basicallySatisfied' | 'unsatisfied') => (
    <Form.Item name={name} label={t(`opinion.rating.${name}`)} className="rating-count">
      <InputNumber min={0} max={VOTES_MAX} precision={0} data-testid={`rating-${name}`} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={t('opinion.transition.title', { to: label(RECTIFICATION_STATE_LABELS[to]) })}
      okText={t('opinion.transition.confirm')}
      cancelText={t('topic.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="transition-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          note: '',
          satisfied: null,
          basicallySatisfied: null,
          unsatisfied: null,
          closedBy: recorder,
          evidence: '',
        }}
        onFinish={finish}
      >
        {to === 'rated' ? (
          <>
            <div className="rating-counts">
              {count('satisfied')}
              {count('basicallySatisfied')}
              {count('unsatisfied')}
            </div>
            <div className="rating-preview" aria-live="polite">
              {preview ? (
                <RatingSummary rating={preview} testId="rating-preview" />
              ) : (
                <Typography.Text type="secondary">{t('opinion.rating.hint')}</Typography.Text>
              )}
            </div>
          </>
        ) : null}
        {to === 'closed' ? (
          <>
            <Form.Item
              name="closedBy"
              label={t('opinion.closing.closedBy')}
              rules={[{ required: true, whitespace: true, message: t('opinion.closing.closedByRequired') }]}
            >
              <Input maxLength={SHORT_TEXT_MAX} data-testid="closing-by" />
            </Form.Item>
            <Form.Item
              name="evidence"
              label={t('opinion.closing.evidence')}
              rules={[{ required: true, whitespace: true, message: t('opinion.closing.evidenceRequired') }]}
            >
              <Input.TextArea
                rows={NOTE_ROWS}
                maxLength={RECTIFICATION_NOTE_MAX}
                placeholder={t('opinion.closing.evidencePlaceholder')}
                data-testid="closing-evidence"
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="note"
          label={noteRequired ? t('opinion.transition.finding') : t('opinion.transition.note')}
          rules={
            noteRequired
              ? [{ required: true, whitespace: true, message: t('opinion.transition.findingRequired') }]
              : []
          }
        >
          <Input.TextArea rows={NOTE_ROWS} maxLength={RECTIFICATION_NOTE_MAX} data-testid="transition-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
