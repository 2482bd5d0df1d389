import { Select, Space, Typography } from 'antd';
import {
  PLAN_TABLE_COLUMNS,
  type ColumnMapping,
  type ImportColumn,
  type PlanTableColumn,
} from '@yipan/domain';
import { useI18n } from '../i18n/I18nProvider';
import { columnName } from './problemText';

/** The select's value for "do not import": selects need a string. */
const IGNORED = '';
/** Width of one column's select: the longest column name fits. */
const SELECT_WIDTH = 150;

type Props = {
  columns: readonly ImportColumn[];
  disabled: boolean;
  onChange: (mapping: ColumnMapping) => void;
};

/**
 * The proposed column mapping, one labelled select per sheet column ("field or 不导入"); choosing a field
 * another column holds takes it from that column, so a field is never read twice.
 */
export function ImportMappingEditor({ columns, disabled, onChange }: Props) {
  const { t } = useI18n();
  const options = [
    { value: IGNORED, label: t('import.mapping.ignore') },
    ...PLAN_TABLE_COLUMNS.map((column) => ({ value: column.key, label: columnName(column.key, t) })),
  ];
  const change = (index: number, value: string) => {
    const chosen = value === IGNORED ? null : (value as PlanTableColumn);
    onChange(
      columns.map((column) => {
        if (column.index === index) return chosen;
        return column.mapped === chosen ? null : column.mapped;
      }),
    );
  };
  return (
    <section aria-labelledby="import-mapping-heading" className="plan-import-mapping">
      <Typography.Title level={5} id="import-mapping-heading">
        {t('import.mapping.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.mapping.hint')}</Typography.Paragraph>
      <Space wrap size={[16, 8]}>
        {columns.map((column) => {
          const id = `import-column-${column.index}`;
          const header = column.header || t('import.mapping.unnamed', { index: column.index + 1 });
          return (
            <div key={column.index} className="plan-import-mapping-item">
              <label htmlFor={id} className="plan-import-mapping-label">
                {header}
              </label>
              <Select
                id={id}
                aria-label={t('import.mapping.label', { header })}
                value={column.mapped ?? IGNORED}
                options={options}
                onChange={(value: string) => change(column.index, value)}
                disabled={disabled}
                style={{ width: SELECT_WIDTH }}
                data-testid={`import-mapping-${column.index}`}
              />
            </div>
          );
        })}
      </Space>
    </section>
  );
}
