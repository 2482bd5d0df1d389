import { useId } from 'react';
import { Button, Form, Select } from 'antd';
import { filterCount, NO_FILTERS, VIEW_FIELDS, type BoardView, type ViewField } from '@yipan/domain';
import { useT } from '../i18n/I18nProvider';
import { fieldKey, useFieldLabel } from './useFieldLabel';

type Props = {
  view: BoardView;
  onChange: (patch: Partial<BoardView>) => void;
  /** The keys each field's filter offers (those of every topic of the plan). */
  filterOptions: Record<ViewField, readonly string[]>;
};

/** One multi-select per field, combined: a topic shows when it matches every field that has a selection. */
export function FilterForm({ view, onChange, filterOptions }: Props) {
  const t = useT();
  const fieldLabel = useFieldLabel();
  const baseId = useId();
  const setFilter = (field: ViewField, values: string[]) =>
    onChange({ filters: { ...view.filters, [field]: values } });
  return (
    <Form layout="vertical" className="view-filter-form" data-testid="view-filter-form">
      {VIEW_FIELDS.map((field) => (
        <Form.Item key={field} label={t(fieldKey(field))} htmlFor={`${baseId}-${field}`}>
          <Select
            id={`${baseId}-${field}`}
            mode="multiple"
            allowClear
            aria-label={t('view.filterBy', { field: t(fieldKey(field)) })}
            placeholder={t('view.filterAll')}
            value={[...view.filters[field]]}
            onChange={(values: string[]) => setFilter(field, values)}
            options={filterOptions[field].map((key) => ({ value: key, label: fieldLabel(field, key) }))}
            optionFilterProp="label"
            data-testid={`filter-${field}`}
          />
        </Form.Item>
      ))}
      <Button
        block
        disabled={filterCount(view.filters) === 0}
        onClick={() => onChange({ filters: NO_FILTERS })}
      >
        {t('view.clearFilters')}
      </Button>
    </Form>
  );
}
