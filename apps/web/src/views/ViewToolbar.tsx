import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { Button, Input, Popover, Segmented, Skeleton, type InputRef } from 'antd';
import AppstoreOutlined from '@ant-design/icons/AppstoreOutlined';
import FilterOutlined from '@ant-design/icons/FilterOutlined';
import SearchOutlined from '@ant-design/icons/SearchOutlined';
import TableOutlined from '@ant-design/icons/TableOutlined';
import {
  filterCount,
  VIEW_FIELDS,
  VIEW_QUERY_MAX,
  type BoardView,
  type BoardViewMode,
  type ViewField,
} from '@yipan/domain';
import { useT } from '../i18n/I18nProvider';
import { fieldKey } from './useFieldLabel';

// The filters' form and multi-selects load when the filters are first opened.
const FilterForm = lazy(() => import('./FilterForm').then((module) => ({ default: module.FilterForm })));

type Props = {
  view: BoardView;
  onChange: (patch: Partial<BoardView>) => void;
  /** The keys each field's filter offers (those of every topic of the plan). */
  filterOptions: Record<ViewField, readonly string[]>;
};

const NO_LANES = 'none';

/** True when a key press is typing into a field (where `/` is a character, not a shortcut). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl/⌘+K anywhere, or `/` outside a text field, focuses the search box (as in most web apps). */
function useSearchShortcut(input: RefObject<InputRef | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !isTyping(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      input.current?.focus({ cursor: 'all' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [input]);
}

/**
 * Above the board: how to split it (分栏, 泳道), what to show (筛选, 搜索) and how (看板 / 表格).
 * Every control is labelled for screen readers; the search has its own shortcut.
 */
export function ViewToolbar({ view, onChange, filterOptions }: Props) {
  const t = useT();
  const search = useRef<InputRef>(null);
  useSearchShortcut(search);
  const count = filterCount(view.filters);
  const groupId = useId();
  const lanesId = useId();
  const filtersId = useId();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!filtersOpen) return;
    // Escape inside the filters closes them (an open option list with them) and gives focus back to
    // their button; captured, because a multiple select would otherwise keep the key to itself.
    const onKeyDown = (event: KeyboardEvent) => {
      const focused = document.activeElement;
      if (event.key !== 'Escape' || !document.getElementById(filtersId)?.contains(focused)) return;
      event.stopPropagation();
      setFiltersOpen(false);
      filtersButton.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [filtersOpen, filtersId]);
  const fieldOptions = useMemo(
    () => VIEW_FIELDS.map((field) => ({ value: field, label: t(fieldKey(field)) })),
    [t],
  );
  const board = view.mode === 'board';
  return (
    <div className="view-toolbar" role="group" aria-label={t('view.toolbar')} data-testid="view-toolbar">
      {board ? (
        <>
          <span className="view-control">
            <label className="view-control-label" htmlFor={groupId}>
              {t('view.groupBy')}
            </label>
            <select
              id={groupId}
              className="view-select"
              value={view.group}
              onChange={(event) => onChange({ group: event.target.value as ViewField })}
              data-testid="view-group"
            >
              {fieldOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </span>
          <span className="view-control">
            <label className="view-control-label" htmlFor={lanesId}>
              {t('view.lanes')}
            </label>
            <select
              id={lanesId}
              className="view-select"
              value={view.lanes ?? NO_LANES}
              onChange={(event) => {
                const lanes = event.target.value;
                onChange({ lanes: lanes === NO_LANES ? null : (lanes as ViewField) });
              }}
              data-testid="view-lanes"
            >
              <option value={NO_LANES}>{t('view.noLanes')}</option>
              {fieldOptions
                .filter((option) => option.value !== view.group)
                .map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
            </select>
          </span>
        </>
      ) : null}
      <Popover
        trigger="click"
        placement="bottomLeft"
        open={filtersOpen}
        onOpenChange={setFiltersOpen}
        // Rendered right after the button, so Tab moves from the button into the filters.
        getPopupContainer={(trigger) => trigger.parentElement ?? document.body}
        title={t('view.filters')}
        content={
          <div id={filtersId} role="dialog" aria-label={t('view.filters')}>
            <Suspense fallback={<Skeleton active title={false} paragraph={{ rows: 4 }} />}>
              <FilterForm view={view} onChange={onChange} filterOptions={filterOptions} />
            </Suspense>
          </div>
        }
      >
        <Button
          ref={filtersButton}
          aria-haspopup="dialog"
          aria-expanded={filtersOpen}
          aria-controls={filtersOpen ? filtersId : undefined}
          icon={<FilterOutlined />}
          type={count > 0 ? 'primary' : 'default'}
          ghost={count > 0}
          data-testid="view-filters"
        >
          {count > 0 ? t('view.filtersActive', { count }) : t('view.filters')}
        </Button>
      </Popover>
      <Input
        ref={search}
        className="view-search"
        type="search"
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        aria-label={t('view.search')}
        aria-keyshortcuts="Control+K Meta+K /"
        placeholder={t('view.search')}
        suffix={
          view.query ? null : (
            <kbd className="view-kbd" aria-hidden>
              /
            </kbd>
          )
        }
        maxLength={VIEW_QUERY_MAX}
        value={view.query}
        onChange={(event) => onChange({ query: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && view.query) onChange({ query: '' });
        }}
        data-testid="view-search"
      />
      <Segmented<BoardViewMode>
        aria-label={t('view.mode')}
        value={view.mode}
        onChange={(mode) => onChange({ mode })}
        options={[
          { value: 'board', label: t('view.board'), icon: <AppstoreOutlined /> },
          { value: 'table', label: t('view.table'), icon: <TableOutlined /> },
        ]}
        data-testid="view-mode"
      />
    </div>
  );
}
